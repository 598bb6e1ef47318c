package dev.weft.run;

import jakarta.annotation.PreDestroy;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes run records (conversations, messages, workflow and node runs) on one writer thread, many at a time: it
 * takes every write that is waiting, up to {@link #MAX_BATCH}, and applies them in one JDBC transaction through a
 * Hibernate {@link StatelessSession} (plain inserts and updates of the mapped entities, no reads before writing,
 * consecutive statements of one kind sent as a JDBC batch, no JPA entity manager).
 * Under load one commit carries the writes of many runs; an idle writer commits each write at once.
 *
 * <p>Writes of one caller are applied in the order they were submitted; a row must be submitted before the rows
 * that refer to it. Within a transaction they are ordered
 * by {@link Phase} first, so that a row is inserted before the rows that refer to it. {@link #barrier()} gives a
 * future that completes once everything submitted before it is committed: a run's completion waits for it, so a
 * reader that saw the run end also sees its message and records. When a whole batch fails (a conversation
 * deleted while it ran, say), its writes are applied again one transaction each and only the failing ones are
 * lost, with a warning. On shutdown everything already submitted is written before the database closes.
 *
 * <p>A new row whose final values come soon can be {@linkplain #hold held}: it is inserted once when its owner
 * finishes it, or as it is after {@link #HOLD} so that a long run shows as running; only then does finishing it
 * cost an update.
 */
@Component
public class RunRecordWriter {

    /** The most writes in one transaction. */
    static final int MAX_BATCH = 512;

    /** The most statements in one JDBC batch. */
    static final int JDBC_BATCH = 64;

    /**
     * How long a {@link HeldRow} waits for its owner to finish before it is inserted as it is: a run or turn
     * that ends sooner is written once, complete, instead of inserted and then updated.
     */
    static final Duration HOLD = Duration.ofSeconds(1);
    /** How long shutting down waits for queued writes. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);

    private static final Logger log = LoggerFactory.getLogger(RunRecordWriter.class);

    /**
     * The order of writes inside one transaction: inserts of referenced rows first, updates last.
     * {@code INSERT_DATASET_QUERY}: the retrieval history of apps' knowledge retrieval nodes, which refers to no run row.
     */
    public enum Phase {
        INSERT_CONVERSATION, INSERT_MESSAGE, INSERT_RUN, INSERT_NODE_RUN, INSERT_DATASET_QUERY, UPDATE
    }

    private record Write(Phase phase, String what, Consumer<StatelessSession> apply, CompletableFuture<Void> done) {}

    private static final Write STOP = new Write(Phase.UPDATE, "stop", s -> {}, null);

    private final SessionFactory sessions;
    private final DataSource dataSource;
    private final BlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final ExecutorService completer = Executors.newVirtualThreadPerTaskExecutor();
    /** Times held rows out; a row finished in time cancels its timer, which leaves the queue at once. */
    private final ScheduledThreadPoolExecutor holds = holdTimer();
    private volatile boolean stopped;

    public RunRecordWriter(EntityManagerFactory entityManagerFactory, DataSource dataSource) {
        this.sessions = entityManagerFactory.unwrap(SessionFactory.class);
        this.dataSource = dataSource;
        this.thread = Thread.ofPlatform().name("run-record-writer").daemon(true).start(this::loop);
    }

    /** Queues a write; {@code what} names it in the warning logged if it fails. */
    public void submit(Phase phase, String what, Consumer<StatelessSession> apply) {
        enqueue(new Write(phase, what, apply, null));
    }

    /**
     * A row whose insert waits up to {@link #HOLD} for {@link HeldRow#finish}; see {@link HeldRow}.
     * {@code what} names it in warnings.
     */
    public HeldRow hold(Phase phase, String what, Object entity) {
        HeldRow row = new HeldRow(phase, what, entity);
        try {
            row.timer(holds.schedule(row::insert, HOLD.toMillis(), TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            // shutting down: the row is written when its owner finishes it
        }
        return row;
    }

    /**
     * A new row (an entity) that is inserted either when its owner finishes it or after {@link #HOLD}, whichever
     * comes first, so that a short run or turn is written once with its final values while a long one can be seen
     * running. Writes that need the row to exist first (rows that refer to it) are given to {@link #then} and
     * held back until its insert is queued. Thread-safe.
     */
    public final class HeldRow {

        private final Phase phase;
        private final String what;
        private final Object entity;
        private boolean inserted;
        private List<Write> after = new ArrayList<>();
        private ScheduledFuture<?> timer;

        private HeldRow(Phase phase, String what, Object entity) {
            this.phase = phase;
            this.what = what;
            this.entity = entity;
        }

        /** Queues a write that must come after the row's insert (now, if the insert is already queued). */
        public synchronized void then(Phase writePhase, String writeWhat, Consumer<StatelessSession> apply) {
            Write w = new Write(writePhase, writeWhat, apply, null);
            if (inserted) {
                enqueue(w);
            } else {
                after.add(w);
            }
        }

        /** Applies the final change to the entity and writes it: in its insert if that has not been queued yet, else as an update. */
        public synchronized void finish(Runnable change) {
            change.run();
            if (inserted) {
                enqueue(new Write(Phase.UPDATE, what, s -> s.update(entity), null));
            } else {
                insert();
            }
        }

        private synchronized void timer(ScheduledFuture<?> scheduled) {
            if (inserted) {
                scheduled.cancel(false);
            } else {
                timer = scheduled;
            }
        }

        /** Queues the insert (and the writes held for it) unless that was done already; cancels the hold's timer. */
        synchronized void insert() {
            if (inserted) {
                return;
            }
            inserted = true;
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
            enqueue(new Write(phase, what, s -> s.insert(entity), null));
            after.forEach(RunRecordWriter.this::enqueue);
            after = null;
        }
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
        } catch (NoConnection e) {
            // no connection to be had: trying each write alone would only wait for one again and again
            ordered.forEach(w -> warn(w, e));
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

    /**
     * Applies the writes in one JDBC transaction of their own: the stateless session works on a pooled connection
     * directly, so no JPA entity manager is opened for it.
     */
    private void inTransaction(List<Write> writes) {
        Connection opened;
        try {
            opened = dataSource.getConnection();
        } catch (SQLException e) {
            throw new NoConnection(e);
        }
        try (Connection connection = opened) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                try (StatelessSession session = sessions.withStatelessOptions().connection(connection).openStatelessSession()) {
                    // consecutive writes of one statement (the phase order groups them) go to the database as one JDBC batch
                    session.setJdbcBatchSize(JDBC_BATCH);
                    for (Write w : writes) {
                        w.apply().accept(session);
                    }
                    ((SharedSessionContractImplementor) session).getJdbcCoordinator().executeBatch();
                }
                connection.commit();
            } catch (RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            } catch (SQLException e) {
                rollback(connection, e);
                throw new IllegalStateException(e.getMessage(), e);
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the database connection failed: " + e.getMessage(), e);
        }
    }

    /** The pool gave no connection (the database is down or gone). */
    private static final class NoConnection extends IllegalStateException {
        NoConnection(SQLException cause) {
            super("no database connection: " + cause.getMessage(), cause);
        }
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
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

    private static ScheduledThreadPoolExecutor holdTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("run-record-hold").daemon(true).factory());
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** Writes what is queued, then stops the writer thread. */
    @PreDestroy
    void stop() throws InterruptedException {
        stopped = true;
        holds.shutdown(); // held rows still waiting are written when their owners finish them
        queue.add(STOP);
        thread.join(STOP_WAIT.toMillis());
        if (thread.isAlive()) {
            // the database is not answering: shutting down must not wait on it
            log.warn("gave up waiting for the run record writer after {}; {} writes were not recorded", STOP_WAIT, queue.size());
            thread.interrupt();
            return;
        }
        // anything that slipped in after the stop marker
        for (Write w = queue.poll(); w != null; w = queue.poll()) {
            if (w != STOP) {
                applyAlone(w);
            }
        }
    }
}
