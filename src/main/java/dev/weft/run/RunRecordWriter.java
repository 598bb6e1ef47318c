package dev.weft.run;

import jakarta.annotation.PreDestroy;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes run records (conversations, messages, workflow and node runs) on one writer thread, many at a time: it
 * takes every write that is waiting, up to {@link #MAX_BATCH}, and applies them in one transaction through a
 * Hibernate {@link StatelessSession} (plain inserts and updates of the mapped entities, no reads before writing).
 * Under load one commit carries the writes of many runs; an idle writer commits each write at once.
 *
 * <p>Writes of one caller are applied in the order they were submitted. Within a transaction they are ordered
 * by {@link Phase} first, so that a row is inserted before the rows that refer to it. {@link #barrier()} gives a
 * future that completes once everything submitted before it is committed: a run's completion waits for it, so a
 * reader that saw the run end also sees its message and records. When a whole batch fails (a conversation
 * deleted while it ran, say), its writes are applied again one transaction each and only the failing ones are
 * lost, with a warning. On shutdown everything already submitted is written before the database closes.
 */
@Component
public class RunRecordWriter {

    /** The most writes in one transaction. */
    static final int MAX_BATCH = 512;

    private static final Logger log = LoggerFactory.getLogger(RunRecordWriter.class);

    /** The order of writes inside one transaction: inserts of referenced rows first, updates last. */
    public enum Phase {
        INSERT_CONVERSATION, INSERT_MESSAGE, INSERT_RUN, INSERT_NODE_RUN, UPDATE
    }

    private record Write(Phase phase, String what, Consumer<StatelessSession> apply, CompletableFuture<Void> done) {}

    private static final Write STOP = new Write(Phase.UPDATE, "stop", s -> {}, null);

    private final SessionFactory sessions;
    private final DataSource dataSource;
    private final TransactionTemplate transaction;
    private final BlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final ExecutorService completer = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean stopped;

    public RunRecordWriter(EntityManagerFactory entityManagerFactory, DataSource dataSource, TransactionTemplate transaction) {
        this.sessions = entityManagerFactory.unwrap(SessionFactory.class);
        this.dataSource = dataSource;
        this.transaction = transaction;
        this.thread = Thread.ofPlatform().name("run-record-writer").daemon(true).start(this::loop);
    }

    /** Queues a write; {@code what} names it in the warning logged if it fails. */
    public void submit(Phase phase, String what, Consumer<StatelessSession> apply) {
        enqueue(new Write(phase, what, apply, null));
    }

    /** A future that completes when every write submitted before this call has been committed (or has failed and been logged). */
    public CompletableFuture<Void> barrier() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        enqueue(new Write(Phase.UPDATE, "barrier", s -> {}, done));
        return done;
    }

    private void enqueue(Write write) {
        if (stopped) {
            // after shutdown began: write on the caller's thread rather than lose it
            applyAlone(write);
            return;
        }
        queue.add(write);
    }

    private void loop() {
        List<Write> batch = new ArrayList<>();
        while (true) {
            try {
                Write first = queue.take();
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                boolean stop = batch.remove(STOP);
                apply(batch);
                batch.clear();
                if (stop) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                log.error("the run record writer failed: {}", e.toString(), e);
                batch.forEach(this::complete);
                batch.clear();
            }
        }
    }

    private void apply(List<Write> batch) {
        List<Write> ordered = new ArrayList<>(batch);
        ordered.sort(Comparator.comparing(Write::phase)); // stable: keeps submission order within a phase
        try {
            inTransaction(ordered);
        } catch (RuntimeException e) {
            if (ordered.size() == 1) {
                warn(ordered.get(0), e);
            } else {
                ordered.forEach(this::applyAlone);
            }
        }
        batch.forEach(this::complete);
    }

    private void applyAlone(Write write) {
        try {
            inTransaction(List.of(write));
        } catch (RuntimeException e) {
            warn(write, e);
        }
        complete(write);
    }

    private void inTransaction(List<Write> writes) {
        transaction.executeWithoutResult(status -> {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try (StatelessSession session = sessions.withStatelessOptions().connection(connection).openStatelessSession()) {
                for (Write w : writes) {
                    w.apply().accept(session);
                }
            }
        });
    }

    private static void warn(Write write, RuntimeException e) {
        log.warn("could not record {}: {}", write.what(), e.toString());
    }

    /** Barriers complete off this thread, so that what waits on them (a run's completion stages) never holds up writing. */
    private void complete(Write write) {
        if (write.done() != null) {
            completer.execute(() -> write.done().complete(null));
        }
    }

    /** Writes what is queued, then stops the writer thread. */
    @PreDestroy
    void stop() throws InterruptedException {
        stopped = true;
        queue.add(STOP);
        thread.join(TimeUnit.SECONDS.toMillis(30));
        // anything that slipped in after the stop marker
        for (Write w = queue.poll(); w != null; w = queue.poll()) {
            if (w != STOP) {
                applyAlone(w);
            }
        }
    }
}
