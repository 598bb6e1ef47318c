package dev.weft.knowledge.job;

import dev.weft.knowledge.dataset.DatasetIndexDropping;
import dev.weft.knowledge.dataset.IndexingSteps;
import dev.weft.knowledge.dataset.KnowledgeProperties;
import dev.weft.knowledge.index.DatasetIndex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Group commit for the indexing job. A Lucene commit fsyncs the index, which costs as much as embedding a few
 * dozen chunks; committing after every batch of every small document made it an eighth of the pipeline. Written
 * chunks are instead collected per dataset and committed together once {@link CommitPolicy} says so (enough chunks
 * or enough time), and only then marked indexed in the database, and their documents completed. A crash before the
 * commit loses nothing that was marked: those chunks are simply embedded again, under the same ids.
 * <p>Documents waiting here for their commit are not handed out again by the queue ({@link #awaiting}).
 */
@Component
public class IndexCommitter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IndexCommitter.class);

    private final IndexingSteps steps;
    private final CommitPolicy policy;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>(); // dataset id -> uncommitted writes
    private final Set<String> awaiting = ConcurrentHashMap.newKeySet(); // documents written out, commit pending
    private final Set<String> requested = ConcurrentHashMap.newKeySet(); // datasets whose commit is queued on the timer
    private volatile ScheduledExecutorService timer;

    public IndexCommitter(IndexingSteps steps, KnowledgeProperties properties) {
        this.steps = steps;
        this.policy = new CommitPolicy(properties.commitInterval(), properties.commitMaxChunks());
    }

    /**
     * Records chunks just written to the dataset's index; {@code finished} when they were the document's last.
     * When the policy says a commit is due, it is handed to the commit thread at once: the caller, an indexing
     * worker, goes on embedding instead of waiting for the fsync and the database writes (before the committer has
     * started, the caller commits itself).
     */
    public void written(String datasetId, DatasetIndex index, String documentId, List<String> chunkIds, boolean finished) {
        Pending p = pending.computeIfAbsent(datasetId, id -> new Pending());
        boolean due;
        synchronized (p) {
            p.add(index, documentId, chunkIds, finished);
            if (finished) {
                awaiting.add(documentId);
            }
            due = policy.due(p.chunks, System.nanoTime() - p.since);
        }
        if (due) {
            requestFlush(datasetId);
        }
    }

    /** Runs the dataset's commit on the commit thread, once however often it is asked for before it starts. */
    private void requestFlush(String datasetId) {
        ScheduledExecutorService commits = timer;
        if (commits == null) {
            flush(datasetId);
            return;
        }
        if (!requested.add(datasetId)) {
            return; // already queued
        }
        try {
            commits.execute(() -> {
                requested.remove(datasetId);
                try {
                    flush(datasetId);
                } catch (RuntimeException e) {
                    log.warn("commit of knowledge base {} failed; the commit timer retries", datasetId, e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) { // stopping: commit here
            requested.remove(datasetId);
            flush(datasetId);
        }
    }

    /** True while the document has been written out and waits for its commit. */
    public boolean awaiting(String documentId) {
        return awaiting.contains(documentId);
    }

    /**
     * Commits the dataset's pending writes now, then marks their chunks indexed and their documents completed.
     * Writers go on while the commit runs (their writes wait for the next one); commits of a dataset run one at a time.
     */
    public void flush(String datasetId) {
        Pending p = pending.get(datasetId);
        if (p == null) {
            return;
        }
        synchronized (p.commitLock) {
            Pending.Taken taken;
            synchronized (p) {
                if (p.chunks == 0 && p.finished.isEmpty()) {
                    return;
                }
                taken = p.take();
            }
            try {
                commit(datasetId, taken);
            } finally {
                synchronized (p) {
                    p.inFlight.clear();
                }
            }
        }
    }

    private void commit(String datasetId, Pending.Taken taken) {
        try {
            taken.index().commit();
        } catch (RuntimeException e) {
            log.warn("commit of knowledge base {} failed; its {} uncommitted chunk(s) will be indexed again",
                    datasetId, taken.chunks(), e);
            awaiting.removeAll(taken.finished());
            return;
        }
        try {
            steps.recordCommit(taken.byDocument(), taken.finished());
            awaiting.removeAll(taken.finished());
            return;
        } catch (RuntimeException e) {
            log.warn("could not record the commit of knowledge base {} in one transaction; recording it document by document",
                    datasetId, e);
        }
        for (Map.Entry<String, List<String>> e : taken.byDocument().entrySet()) {
            try {
                steps.markIndexed(e.getKey(), e.getValue());
            } catch (RuntimeException ex) {
                log.warn("could not record indexed chunks of document {}", e.getKey(), ex);
            }
        }
        for (String documentId : taken.finished()) {
            try {
                steps.completeIfIndexed(documentId);
            } catch (RuntimeException ex) {
                log.warn("could not complete document {}", documentId, ex);
            }
            awaiting.remove(documentId);
        }
    }

    /** Commits now if the document has writes waiting, so a new pass over it starts from what is on disk. */
    public void flushDocument(String datasetId, String documentId) {
        Pending p = pending.get(datasetId);
        if (p == null) {
            return;
        }
        boolean has;
        synchronized (p) {
            has = p.byDocument.containsKey(documentId) || p.finished.contains(documentId) || p.inFlight.contains(documentId);
        }
        if (has) {
            flush(datasetId);
        }
    }

    public void flushAll() {
        for (String datasetId : List.copyOf(pending.keySet())) {
            flush(datasetId);
        }
    }

    /** The index is about to be dropped: its uncommitted writes go with it. */
    @EventListener
    public void deleting(DatasetIndexDropping event) {
        Pending p = pending.remove(event.datasetId());
        if (p != null) {
            synchronized (p.commitLock) { // a commit under way ends first
                synchronized (p) {
                    awaiting.removeAll(p.finished);
                    p.clear();
                }
            }
        }
    }

    private void flushDue() {
        for (Map.Entry<String, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            boolean due;
            synchronized (p) {
                due = (p.chunks > 0 || !p.finished.isEmpty()) && policy.due(p.chunks, System.nanoTime() - p.since);
            }
            if (due) {
                flush(e.getKey());
            }
        }
    }

    @Override
    public synchronized void start() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("weft-index-commit").daemon().factory());
            long tick = Math.max(10, policy.interval().toMillis() / 4);
            timer.scheduleWithFixedDelay(() -> {
                try {
                    flushDue();
                } catch (RuntimeException e) {
                    log.warn("index commit check failed", e);
                }
            }, tick, tick, TimeUnit.MILLISECONDS);
        }
    }

    /** After the indexing worker has stopped (lower phase stops later): commits what it wrote. */
    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        flushAll();
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }

    /** When to commit: at {@code maxChunks} uncommitted chunks, or once the oldest has waited {@code interval}. */
    public record CommitPolicy(Duration interval, int maxChunks) {

        public boolean due(int chunks, long ageNanos) {
            return chunks >= maxChunks || ageNanos >= interval.toNanos();
        }
    }

    private static final class Pending {
        /** Held for a whole commit; taken before the lock on the pending writes themselves. */
        final Object commitLock = new Object();
        DatasetIndex index;
        final Map<String, List<String>> byDocument = new LinkedHashMap<>();
        final Set<String> finished = new LinkedHashSet<>();
        /** Documents whose writes the commit under way holds. */
        final Set<String> inFlight = new LinkedHashSet<>();
        int chunks;
        long since;

        record Taken(DatasetIndex index, Map<String, List<String>> byDocument, Set<String> finished, int chunks) {}

        void add(DatasetIndex index, String documentId, List<String> chunkIds, boolean last) {
            if (chunks == 0 && finished.isEmpty()) {
                since = System.nanoTime();
            }
            this.index = index;
            byDocument.computeIfAbsent(documentId, d -> new ArrayList<>()).addAll(chunkIds);
            chunks += chunkIds.size();
            if (last) {
                finished.add(documentId);
            }
        }

        /** The pending writes, handed to a commit and cleared here. */
        Taken take() {
            Taken taken = new Taken(index, new LinkedHashMap<>(byDocument), new LinkedHashSet<>(finished), chunks);
            inFlight.addAll(byDocument.keySet());
            inFlight.addAll(finished);
            clear();
            return taken;
        }

        void clear() {
            byDocument.clear();
            finished.clear();
            chunks = 0;
        }
    }
}
