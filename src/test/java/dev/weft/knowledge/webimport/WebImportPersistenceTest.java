package dev.weft.knowledge.webimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.weft.knowledge.dataset.Dataset;
import dev.weft.knowledge.dataset.DatasetDocument;
import dev.weft.knowledge.dataset.DatasetService;
import dev.weft.knowledge.dataset.DocumentService;
import dev.weft.knowledge.dataset.DocumentStatus;
import dev.weft.knowledge.embed.LocalOnnxEmbeddingModel;
import dev.weft.knowledge.web.CrawlOptions;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import dev.weft.support.TestDataDirs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Web imports live in the database: progress shows while they run, the end has exact counts, an import a crash left
 * running is marked interrupted at startup with a reason, and starting it again imports the rest without adding a page
 * twice. A site on 127.0.0.1 (allowed for the outbound guard), real H2, Lucene and the small ONNX model.
 */
@SpringBootTest
class WebImportPersistenceTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("web-imports").toString());
        registry.add("weft.security.outbound.allow", () -> "127.0.0.1");
        registry.add("weft.knowledge.web.request-delay", () -> "0ms");
    }

    @Autowired AccountService accounts;
    @Autowired DatasetService datasets;
    @Autowired DocumentService documents;
    @Autowired WebImportService imports;
    @Autowired WebImportStore store;
    @Autowired WebImportRunner runner;
    @Autowired WebImportRepository rows;

    Account owner;
    Dataset dataset;
    HttpServer site;
    final Map<String, String> pages = new ConcurrentHashMap<>();
    final CountDownLatch slowPage = new CountDownLatch(1);
    final AtomicInteger flakyCalls = new AtomicInteger();

    @BeforeEach
    void siteAndDataset() throws IOException {
        owner = accounts.hasAccounts()
                ? accounts.findByEmail("imports@example.com").orElseThrow()
                : accounts.createOwner("Imports", "imports@example.com", "Owner", "correct horse battery");
        dataset = datasets.create(owner, new DatasetService.DatasetDraft("Site " + UUID.randomUUID(), null, null, null,
                LocalOnnxEmbeddingModel.ALL_MINILM_L6_V2_Q, null, null));
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/slow")) {
                try {
                    slowPage.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            boolean flakyFails = path.equals("/flaky") && flakyCalls.incrementAndGet() == 1;
            String body = flakyFails ? null : pages.get(path);
            byte[] bytes = body == null ? "gone".getBytes(StandardCharsets.UTF_8) : body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", body == null ? "text/plain" : "text/html; charset=utf-8");
            exchange.sendResponseHeaders(flakyFails ? 500 : body == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        site.start();
    }

    @AfterEach
    void stopSite() {
        slowPage.countDown();
        site.stop(0);
    }

    @Test
    void progress_is_in_the_table_while_running_and_the_end_has_exact_counts() {
        page("/", "Home", "/a", "/b", "/missing", "/slow");
        page("/a", "Alpha");
        page("/b", "Beta");
        page("/slow", "Slow");

        WebImport started = imports.start(owner, dataset.getId(), crawl());
        assertThat(rows.findById(started.getId())).get().extracting(WebImport::getStatus)
                .isEqualTo(WebImportStatus.RUNNING);
        // the crawl waits on /slow: what the row says now was written while it ran
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            WebImport running = imports.get(owner, dataset.getId(), started.getId());
            assertThat(running.getStatus()).isEqualTo(WebImportStatus.RUNNING);
            assertThat(running.getCounts().added()).isPositive();
        });
        assertThat(imports.list(owner, dataset.getId())).extracting(WebImport::getId).containsExactly(started.getId());

        slowPage.countDown();
        WebImport done = awaitEnd(started.getId());

        assertThat(done.getStatus()).isEqualTo(WebImportStatus.COMPLETED);
        assertThat(done.getCounts()).isEqualTo(new PageCounts(4, 1, 0));
        assertThat(done.getSummary().pagesLoaded()).isEqualTo(4);
        assertThat(done.getSummary().pagesFailed()).isEqualTo(1);
        assertThat(done.getFinishedAt()).isAfterOrEqualTo(done.getStartedAt());
        assertThat(done.getError()).isNull();
        assertThat(done.getOptions()).isEqualTo(crawl());
        assertThat(documents.list(owner, dataset.getId())).hasSize(5)
                .allSatisfy(d -> assertThat(d.getWebImportId()).isEqualTo(started.getId()));

        datasets.delete(owner, dataset.getId());
        assertThat(rows.findById(started.getId())).isEmpty();
    }

    @Test
    void an_import_left_running_is_interrupted_at_startup_and_starting_it_again_imports_only_the_rest() {
        page("/", "Home", "/p1", "/p2", "/flaky", "/p3");
        page("/p1", "Page one");
        page("/p2", "Page two");
        page("/p3", "Page three");
        page("/flaky", "Flaky");
        // what a run cut short by a crash leaves: its row still running (no progress written yet), two pages
        // imported and one failed
        WebImport crashed = store.create(dataset.getId(), crawl(), owner.getId());
        documents.addWebPage(owner, dataset.getId(), url("/"), "Home", "# Home\n\nThe home page.", crashed.getId());
        documents.addWebPage(owner, dataset.getId(), url("/p1"), "Page one", "# Page one\n\nThe first page.", crashed.getId());
        documents.addFailedWebPage(owner, dataset.getId(), url("/flaky"), url("/flaky") + " answered HTTP 500",
                crashed.getId());
        flakyCalls.set(1); // the crashed run had its failure; the site answers now

        runner.stop();
        runner.start(); // what Weft does when it starts

        WebImport interrupted = imports.get(owner, dataset.getId(), crashed.getId());
        assertThat(interrupted.getStatus()).isEqualTo(WebImportStatus.INTERRUPTED);
        assertThat(interrupted.getError()).isEqualTo(
                "Weft stopped during this import; 2 pages were imported; start it again to import the rest");
        assertThat(interrupted.getCounts()).isEqualTo(new PageCounts(2, 1, 0));
        assertThat(interrupted.getFinishedAt()).isNotNull();

        imports.restart(owner, dataset.getId(), crashed.getId());
        WebImport done = awaitEnd(crashed.getId());

        assertThat(done.getStatus()).isEqualTo(WebImportStatus.COMPLETED);
        assertThat(done.getCounts()).isEqualTo(new PageCounts(5, 0, 2));
        List<DatasetDocument> docs = documents.list(owner, dataset.getId());
        assertThat(docs).extracting(DatasetDocument::getSourceUrl)
                .containsExactlyInAnyOrder(url("/"), url("/p1"), url("/flaky"), url("/p2"), url("/p3"));
        assertThat(docs).allSatisfy(d -> assertThat(d.getStatus()).isNotEqualTo(DocumentStatus.ERROR));
        assertThatThrownBy(() -> imports.restart(owner, dataset.getId(), crashed.getId()))
                .hasMessageContaining("completed");
    }

    @Test
    void stopping_weft_ends_a_running_import_as_interrupted() throws Exception {
        page("/", "Home", "/a", "/slow", "/b");
        page("/a", "Alpha");
        page("/slow", "Slow");
        page("/b", "Beta");
        WebImport started = imports.start(owner, dataset.getId(), crawl());
        await().atMost(Duration.ofSeconds(30)).until(() -> documents.list(owner, dataset.getId()).size() == 2);

        Thread stopping = Thread.ofVirtual().start(runner::stop); // waits for the crawl, held up by /slow
        await().atMost(Duration.ofSeconds(10)).until(() -> stopping.getState() == Thread.State.TIMED_WAITING);
        slowPage.countDown();
        assertThat(stopping.join(Duration.ofSeconds(20))).as("stop returns once the crawl has ended").isTrue();

        WebImport stopped = imports.get(owner, dataset.getId(), started.getId());
        assertThat(stopped.getStatus()).isEqualTo(WebImportStatus.INTERRUPTED);
        assertThat(stopped.getCounts().added()).isEqualTo(2);
        assertThat(stopped.getError()).startsWith("Weft stopped during this import; 2 pages were imported");
        assertThat(documents.list(owner, dataset.getId())).extracting(DatasetDocument::getSourceUrl)
                .doesNotContain(url("/b"));
        runner.start();
    }

    private CrawlOptions crawl() {
        return new CrawlOptions(URI.create(url("/")), 1, 50, true, false, false, List.of(), List.of());
    }

    private WebImport awaitEnd(String importId) {
        await().atMost(Duration.ofSeconds(60)).until(
                () -> imports.get(owner, dataset.getId(), importId).getStatus() != WebImportStatus.RUNNING);
        return imports.get(owner, dataset.getId(), importId);
    }

    private void page(String path, String title, String... links) {
        StringBuilder html = new StringBuilder("<html><head><title>" + title + "</title></head><body><h1>" + title
                + "</h1><p>This is the page called " + title + ", with enough words to be worth indexing.</p>");
        for (String link : links) {
            html.append("<p><a href=\"").append(link).append("\">").append(link).append("</a></p>");
        }
        pages.put(path, html.append("</body></html>").toString());
    }

    private String url(String path) {
        return "http://127.0.0.1:" + site.getAddress().getPort() + path;
    }
}
