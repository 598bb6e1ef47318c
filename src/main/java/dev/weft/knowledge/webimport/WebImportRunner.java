package dev.weft.knowledge.webimport;

import dev.weft.knowledge.dataset.DocumentService;
import dev.weft.knowledge.web.WebCrawler;
import dev.weft.security.Account;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs web imports, each on a virtual thread of its own. On start, before the web server takes requests, it marks
 * the imports a stop or crash left running as interrupted; on stop, after the web server has stopped, it ends the
 * running ones after the page in hand and marks them interrupted, waiting up to {@link #STOP_WAIT} (what is still
 * running then is marked at the next start).
 */
@Component
class WebImportRunner implements SmartLifecycle {

    /** How often a running import writes its counts at most. */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(WebImportRunner.class);

    private final WebCrawler crawler;
    private final DocumentService documents;
    private final WebImportStore store;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private volatile boolean started;

    private record Running(ImportCrawl crawl, Thread thread) {}

    WebImportRunner(WebCrawler crawler, DocumentService documents, WebImportStore store) {
        this.crawler = crawler;
        this.documents = documents;
        this.store = store;
    }

    /** Starts a run of {@code webImport} (a new one, or one started again) as {@code author}. */
    void launch(WebImport webImport, Account author, PreviousPages previous) {
        ImportCrawl crawl = new ImportCrawl(webImport, author, previous, crawler, documents, store,
                new ProgressThrottle(PROGRESS_INTERVAL, System::nanoTime));
        String id = webImport.getId();
        Thread thread = Thread.ofVirtual().name("weft-web-import-" + id).unstarted(() -> {
            try {
                crawl.run();
            } finally {
                running.remove(id);
            }
        });
        running.put(id, new Running(crawl, thread));
        thread.start();
    }

    boolean isRunning(String importId) {
        return running.containsKey(importId);
    }

    @Override
    public void start() {
        store.interruptAllRunning();
        started = true;
    }

    @Override
    public void stop() {
        started = false;
        running.values().forEach(r -> r.crawl().stop());
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (Running r : running.values()) {
            try {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                if (!r.thread().join(Duration.ofMillis(left))) {
                    log.warn("web import thread {} still runs; its import is marked interrupted at the next start",
                            r.thread().getName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** Before the web server starts (so no import is started before the sweep) and stops after it has stopped. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 4096;
    }
}
