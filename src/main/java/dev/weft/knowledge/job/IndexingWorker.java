package dev.weft.knowledge.job;

import dev.weft.knowledge.dataset.DatasetIndexDropping;
import dev.weft.knowledge.dataset.DocumentDeleting;
import dev.weft.knowledge.dataset.IndexingQueued;
import dev.weft.knowledge.dataset.IndexingSteps;
import dev.weft.knowledge.dataset.KnowledgeProperties;
import dev.weft.knowledge.dataset.QueuedDocument;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Works through the indexing queue, which is the documents table itself: every document in a working status,
 * oldest first, a few at a time. It starts with the application, so documents a crash interrupted resume at once.
 * Deleting a document or dataset first stops its work here.
 * <p>The dispatcher keeps up to three documents per worker handed out beyond those in work ({@link #ready}), so a
 * worker that finishes one takes the next at once instead of waiting for the dispatcher's next look at the queue, and
 * looks again only when at most one per worker is left, not after every document (a look costs a query of up to
 * {@value #QUEUE_WINDOW} rows); when the last worker runs out of documents, the writes still waiting for their group
 * commit are committed at once.
 */
@Component
public class IndexingWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IndexingWorker.class);

    /** How far down the queue the dispatcher looks each time: past the documents in work or awaiting a commit. */
    private static final int QUEUE_WINDOW = 256;

    /** The longest a dataset is held back while its index is dropped (a failed re-index or delete ends here). */
    private static final java.time.Duration HOLD = java.time.Duration.ofMinutes(2);

    private final IndexingSteps steps;
    private final DocumentIndexer indexer;
    private final IndexCommitter committer;
    private final int workers;
    private final LinkedBlockingQueue<Object> wakeups = new LinkedBlockingQueue<>();
    /** Documents handed out and not yet started, oldest first. */
    private final LinkedBlockingQueue<QueuedDocument> ready = new LinkedBlockingQueue<>();
    private final Map<String, String> claimed = new ConcurrentHashMap<>(); // ready or active: document id -> dataset id
    private final Map<String, String> active = new ConcurrentHashMap<>(); // document id -> dataset id
    private final Set<String> stopping = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> held = new ConcurrentHashMap<>(); // dataset id -> nanoTime the hold ends
    private volatile boolean running;
    private ExecutorService pool;
    private Thread dispatcher;

    public IndexingWorker(IndexingSteps steps, DocumentIndexer indexer, IndexCommitter committer,
            KnowledgeProperties properties) {
        this.steps = steps;
        this.indexer = indexer;
        this.committer = committer;
        this.workers = properties.indexingWorkers();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        ready.clear();
        claimed.clear();
        pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("weft-indexing-", 0).daemon().factory());
        for (int i = 0; i < workers; i++) {
            pool.execute(this::workLoop);
        }
        dispatcher = Thread.ofPlatform().name("weft-indexing-queue").daemon().start(this::dispatch);
        long unfinished = steps.unfinishedCount();
        if (unfinished > 0) {
            log.info("indexing queue: {} document(s) waiting or interrupted; resuming", unfinished);
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (dispatcher != null) {
            dispatcher.interrupt();
        }
        if (pool != null) {
            stopping.addAll(active.keySet());
            pool.shutdown(); // no interrupts: Lucene's file channels close when a thread is interrupted in I/O
            try {
                pool.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Early, so it stops before the index and database beans it uses are closed. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    /** After the transaction that queued them: a dataset held while its index was dropped is released here. */
    @TransactionalEventListener(fallbackExecution = true)
    public void queued(IndexingQueued event) {
        held.remove(event.datasetId());
        wakeups.offer(event);
    }

    @EventListener
    public void deleting(DocumentDeleting event) {
        stopAndWait(Set.of(event.documentId()));
    }

    /**
     * Stops the dataset's documents and holds the dataset back from the queue until its documents are queued again
     * (re-index) or, at the latest, {@link #HOLD}; otherwise a stopped document could be picked up again, still
     * in its old status, while its index is being dropped.
     */
    @EventListener
    public void deleting(DatasetIndexDropping event) {
        held.put(event.datasetId(), System.nanoTime() + HOLD.toNanos());
        stopAndWait(active.entrySet().stream().filter(e -> e.getValue().equals(event.datasetId()))
                .map(Map.Entry::getKey).collect(java.util.stream.Collectors.toSet()));
    }

    /** True while some document is being worked on or waiting (for tests and the UI). */
    public boolean busy() {
        return !active.isEmpty() || steps.unfinishedCount() > 0;
    }

    private boolean isHeld(String datasetId) {
        Long until = held.get(datasetId);
        if (until != null && System.nanoTime() - until > 0) {
            held.remove(datasetId, until);
            return false;
        }
        return until != null;
    }

    private void stopAndWait(Set<String> documentIds) {
        stopping.addAll(documentIds);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (documentIds.stream().anyMatch(active::containsKey) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        documentIds.stream().filter(id -> !claimed.containsKey(id)).forEach(stopping::remove);
    }

    private void dispatch() {
        int handOut = 4 * workers;
        while (running) {
            try {
                if (claimed.size() <= 2 * workers) { // refilled in steps of a few documents: one look at the queue each
                    for (QueuedDocument queued : steps.queue(QUEUE_WINDOW)) {
                        if (claimed.size() >= handOut) {
                            break;
                        }
                        String documentId = queued.documentId();
                        if (claimed.containsKey(documentId) || committer.awaiting(documentId) || isHeld(queued.datasetId())) {
                            continue;
                        }
                        claimed.put(documentId, queued.datasetId());
                        ready.offer(queued);
                    }
                }
                wakeups.poll(1, TimeUnit.SECONDS);
                wakeups.clear();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("indexing queue check failed; retrying", e);
                sleepQuietly();
            }
        }
    }

    private void workLoop() {
        while (running) {
            QueuedDocument next;
            try {
                next = ready.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (next == null) {
                continue;
            }
            if (!running) {
                claimed.remove(next.documentId());
                return;
            }
            if (isHeld(next.datasetId())) { // its index is being dropped since it was handed out
                claimed.remove(next.documentId());
                continue;
            }
            work(next);
        }
    }

    private void work(QueuedDocument queued) {
        String documentId = queued.documentId();
        active.put(documentId, queued.datasetId());
        try {
            indexer.index(documentId, () -> !running || stopping.contains(documentId));
        } catch (RuntimeException e) {
            log.warn("indexing document {} stopped", documentId, e);
        } finally {
            active.remove(documentId);
            stopping.remove(documentId);
            claimed.remove(documentId);
            wakeups.offer(documentId);
        }
        if (active.isEmpty() && ready.isEmpty()) {
            flushWhenIdle();
        }
    }

    /** Nothing left to work on: waiting out the commit interval would only keep the last documents from completing. */
    private void flushWhenIdle() {
        try {
            committer.flushAll();
        } catch (RuntimeException e) {
            log.warn("committing the last indexed documents failed; the commit timer retries", e);
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
