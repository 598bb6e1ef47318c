package dev.weft.ui.knowledge;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.weft.ui.Browser.button;
import static dev.weft.ui.Browser.settle;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import dev.weft.security.AccountService;
import dev.weft.support.TestDataDirs;
import dev.weft.ui.Browser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Knowledge in headless Chromium: the empty state, creating a knowledge base, uploading two good files and a
 * corrupt one, watching their status reach available (the corrupt one: error with its reason), and a retrieval test
 * with its records (picking one fills the form again).
 * Leaves target/screenshots/knowledge-*.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KnowledgeBrowserTest {

    private static final String EMAIL = "kb@example.com";
    private static final String PASSWORD = "correct horse battery";
    private static final Path SHARED_DOCS = Path.of("..", "shared", "data", "docs");

    @LocalServerPort int port;
    @Autowired AccountService accounts;
    @Autowired dev.weft.knowledge.dataset.DatasetService datasets;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("knowledge-browser").toString());
        registry.add("weft.security.outbound.allow", () -> "127.0.0.1");
        registry.add("weft.knowledge.web.request-delay", () -> "0ms");
    }

    @Test
    @Order(1) // starts from the empty knowledge list
    void uploadWatchProgressAndTestRetrieval() {
        ensureOwner();
        try (Browser browser = Browser.launch()) {
            Page page = browser.newPage();
            signIn(page);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Knowledge")).click();
            page.waitForURL(Pattern.compile(".*/knowledge$"));
            settle(page);
            assertThat(page.getByText("No knowledge bases yet")).isVisible();
            Browser.screenshot(page, "knowledge-empty");

            button(page, "Create your first knowledge base").click();
            Locator dialog = page.getByRole(AriaRole.DIALOG);
            dialog.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill("Employee handbook");
            button(page, "Create").click();
            page.waitForURL(Pattern.compile(".*/knowledge/[0-9a-f-]{36}$"));
            settle(page);
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Employee handbook"))).isVisible();

            page.locator("vaadin-upload.weft-document-upload input[type=file]").setInputFiles(new FilePayload[] {
                    new FilePayload("leave.md", "text/markdown", ("# Leave\n\nEvery employee gets 28 days of paid leave "
                            + "per year. Unused days carry over until March.\n").getBytes(StandardCharsets.UTF_8)),
                    new FilePayload("security.txt", "text/plain", ("Laptops must use full-disk encryption. Report a lost "
                            + "device to the security desk within one hour.\n").getBytes(StandardCharsets.UTF_8)),
                    new FilePayload("scan.pdf", "application/pdf", "%PDF-1.4 not really a pdf".getBytes(StandardCharsets.UTF_8))});
            assertThat(page.locator("vaadin-grid-cell-content").getByText("leave.md")).isVisible();
            Browser.screenshot(page, "knowledge-uploading");
            Locator available = page.locator("vaadin-grid-cell-content .document-status").getByText("available");
            assertThat(available).hasCount(2, new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions()
                    .setTimeout(120_000));
            assertThat(page.locator(".document-error")).containsText("scan.pdf");
            settle(page);
            Browser.screenshot(page, "knowledge-documents");

            page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Retrieval testing")).click();
            page.getByLabel("Query").fill("how many vacation days do I get?");
            button(page, "Test").click();
            settle(page);
            assertThat(page.locator(".hit").first()).containsText("28 days of paid leave");
            Browser.screenshot(page, "knowledge-hit-testing");

            // each test is listed under Records; picking one puts its query and settings back into the form
            Locator records = page.locator(".weft-hit-records vaadin-grid-cell-content");
            assertThat(records.getByText("how many vacation days do I get?")).isVisible();
            assertThat(records.getByText("Retrieval test").first()).isVisible();
            page.getByLabel("Top K").fill("1");
            page.getByLabel("Query").fill("lost laptop");
            button(page, "Test").click();
            settle(page);
            assertThat(records.getByText("lost laptop")).isVisible();
            assertThat(records.getByText("Retrieval test")).hasCount(2);
            records.getByText("how many vacation days do I get?").click();
            settle(page);
            assertThat(page.getByLabel("Query")).hasValue("how many vacation days do I get?");
            assertThat(page.getByLabel("Top K")).hasValue("4");
            records.getByText("lost laptop").click();
            settle(page);
            assertThat(page.getByLabel("Query")).hasValue("lost laptop");
            assertThat(page.getByLabel("Top K")).hasValue("1");
            Browser.screenshot(page, "knowledge-hit-testing-records");
        }
    }

    /**
     * Chunk settings with a preview, three real files from ../shared/data/docs uploaded and watched until available,
     * a chunk edited in the chunk browser (embedded again), and retrieval testing with mode, top K and threshold.
     * Skipped when the shared documents are not there.
     */
    @Test
    @Order(2)
    void chunkSettingsUploadSharedDocsEditAChunkAndHitTest() {
        Assumptions.assumeTrue(Files.isDirectory(SHARED_DOCS), "../shared/data/docs is not there; test skipped");
        Path[] files = Stream.of("book-war-and-peace-1p.txt", "codeblock.md", "category-level.docx")
                .map(SHARED_DOCS::resolve).toArray(Path[]::new);
        Assumptions.assumeTrue(Stream.of(files).allMatch(Files::isRegularFile), "the three sample documents are missing");
        ensureOwner();
        try (Browser browser = Browser.launch()) {
            Page page = browser.newPage();
            try {
                sharedDocsWalkThrough(page, files);
            } catch (RuntimeException | AssertionError e) {
                Browser.screenshot(page, "knowledge-failure");
                throw e;
            }
        }
    }

    private void sharedDocsWalkThrough(Page page, Path[] files) {
        signIn(page);
        page.navigate("http://127.0.0.1:" + port + "/knowledge");
        settle(page);
        button(page, "Create knowledge base").click();
        page.getByRole(AriaRole.DIALOG).getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill("Shared docs");
        button(page, "Create").click();
        page.waitForURL(Pattern.compile(".*/knowledge/[0-9a-f-]{36}$"));
        settle(page);

        // Chunk settings: preview pasted text with 40-token chunks, then save 300-token chunks.
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Chunk settings")).click();
        settle(page);
        page.getByLabel("Maximum chunk length (tokens)").fill("40");
        page.getByLabel("Overlap (tokens)").fill("0");
        page.getByLabel("Or paste sample text").fill(("Weft splits documents into chunks before it embeds them. ".repeat(6)
                + "\n\n").repeat(3));
        button(page, "Preview chunks").click();
        settle(page);
        assertThat(page.locator(".weft-chunk-preview-summary")).containsText(Pattern.compile("^\\d+ chunks, \\d+ tokens"));
        assertThat(page.locator(".preview-chunk").first()).containsText("Chunk 1 ·");
        int previewed = page.locator(".preview-chunk").count();
        org.assertj.core.api.Assertions.assertThat(previewed).isGreaterThanOrEqualTo(3);
        page.locator(".weft-chunk-preview-summary").scrollIntoViewIfNeeded();
        Browser.screenshot(page, "knowledge-chunk-preview");
        page.getByLabel("Overlap (tokens)").fill("500");
        button(page, "Preview chunks").click();
        settle(page);
        assertThat(page.locator("vaadin-integer-field[invalid]")).containsText("overlap must be between 0 and the maximum");
        page.getByLabel("Overlap (tokens)").fill("30");
        page.getByLabel("Maximum chunk length (tokens)").fill("300");
        button(page, "Save and re-index").click();
        settle(page);
        assertThat(page.getByText("chunks up to 300 tokens")).isVisible();

        // Upload three real files and watch them reach available.
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Documents")).click();
        settle(page);
        page.locator("vaadin-upload.weft-document-upload input[type=file]").setInputFiles(files);
        assertThat(page.locator("vaadin-grid-cell-content").getByText("book-war-and-peace-1p.txt")).isVisible();
        Browser.screenshot(page, "knowledge-shared-uploading");
        Locator available = page.locator("vaadin-grid-cell-content .document-status").getByText("available");
        assertThat(available).hasCount(3, new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions()
                .setTimeout(180_000));
        assertThat(page.locator("vaadin-upload-file")).hasCount(3);
        settle(page);
        Browser.screenshot(page, "knowledge-shared-available");

        // The chunk browser: edit the first chunk of the novel; the new text is embedded and found.
        button(page, "Chunks of book-war-and-peace-1p.txt").click();
        page.waitForURL(Pattern.compile(".*/documents/[0-9a-f-]{36}$"));
        settle(page);
        assertThat(page.locator(".chunk-content").first()).containsText("CHAPTER I");
        Browser.screenshot(page, "knowledge-chunks");
        button(page, "Edit chunk 1").click();
        Locator content = page.getByRole(AriaRole.DIALOG).getByLabel("Content");
        content.fill(content.inputValue() + "\n\nThe prince kept three zebras in the orangery.");
        button(page, "Save").click();
        settle(page);
        assertThat(page.locator(".chunk-content").first()).containsText("three zebras in the orangery");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("← Shared docs")).click();
        settle(page);

        // Retrieval testing with full-text mode, top K 2 and a threshold.
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Retrieval testing")).click();
        settle(page);
        page.locator("vaadin-select").filter(new Locator.FilterOptions().setHasText("Retrieval mode")).click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Full-text (keywords)")).click();
        settle(page);
        page.getByLabel("Top K").fill("2");
        page.getByLabel("Query").fill("zebras in the orangery");
        button(page, "Test").click();
        settle(page);
        assertThat(page.locator(".hit").first().locator(".hit-document")).hasText("book-war-and-peace-1p.txt");
        assertThat(page.locator(".hit").first()).containsText("three zebras");
        org.assertj.core.api.Assertions.assertThat(page.locator(".hit").count()).isBetween(1, 2);
        page.getByLabel("Query").fill("Anna Pavlovna Scherer, maid of honor");
        page.locator("vaadin-select").filter(new Locator.FilterOptions().setHasText("Retrieval mode")).click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Hybrid")).click();
        settle(page);
        button(page, "Test").click();
        settle(page);
        assertThat(page.locator(".hit").first().locator(".hit-document")).hasText("book-war-and-peace-1p.txt");
        assertThat(page.locator(".hit-score").first()).containsText(Pattern.compile("score 0\\.\\d{3}|score 1\\.000"));
        Browser.screenshot(page, "knowledge-shared-hit-testing");
    }

    @Test
    @Order(3)
    void apiAccessCreatesADatasetKeyShownOnceThatOpensTheKnowledgeApiUntilRevoked() throws Exception {
        ensureOwner();
        try (Browser browser = Browser.launch()) {
            Page page = browser.newPage();
            signIn(page);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Knowledge")).click();
            page.waitForURL(Pattern.compile(".*/knowledge$"));
            settle(page);
            button(page, "API access").click();
            Locator dialog = page.getByRole(AriaRole.DIALOG);
            assertThat(dialog.getByText("Knowledge API access")).isVisible();
            button(page, "Create key").click();
            settle(page);
            String token = page.locator("#new-dataset-api-key input").inputValue();
            org.assertj.core.api.Assertions.assertThat(token).startsWith("dataset-");
            assertThat(dialog.locator("vaadin-grid-cell-content").getByText(
                    "dataset-…" + token.substring(token.length() - 4))).isVisible();
            Browser.screenshot(page, "knowledge-api-access");
            org.assertj.core.api.Assertions.assertThat(datasetsStatus(token)).isEqualTo(200);

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                    .setName("Revoke key dataset-…" + token.substring(token.length() - 4))).click();
            settle(page);
            org.assertj.core.api.Assertions.assertThat(datasetsStatus(token)).isEqualTo(401);
        }
    }

    /** A crawl of a small site on 127.0.0.1 from the Web imports tab: the import's row shows it completed with its pages. */
    @Test
    @Order(4)
    void webImportFromTheWebImportsTab() throws Exception {
        ensureOwner();
        com.sun.net.httpserver.HttpServer site = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = switch (path) {
                case "/" -> "<html><head><title>Guide</title></head><body><h1>Guide</h1><p>Read the "
                        + "<a href=\"/faq\">FAQ</a> first.</p></body></html>";
                case "/faq" -> "<html><head><title>FAQ</title></head><body><h1>FAQ</h1><p>Returns take 30 days.</p></body></html>";
                default -> null;
            };
            byte[] bytes = (body == null ? "not here" : body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", body == null ? "text/plain" : "text/html; charset=utf-8");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        site.start();
        var dataset = datasets.create(accounts.findByEmail(EMAIL).orElseThrow(), new dev.weft.knowledge.dataset.DatasetService
                .DatasetDraft("Website", null, null, null, "local:all-minilm-l6-v2-q", null, null));
        try (Browser browser = Browser.launch()) {
            Page page = browser.newPage();
            signIn(page);
            page.navigate("http://127.0.0.1:" + port + "/knowledge/" + dataset.getId());
            settle(page);
            page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Web imports")).click();
            settle(page);
            page.getByLabel("URL").fill("http://127.0.0.1:" + site.getAddress().getPort() + "/");
            page.getByText("Follow links (crawl the site)").click();
            button(page, "Import").click();
            Locator status = page.locator(".weft-web-imports vaadin-grid-cell-content .web-import-status");
            assertThat(status).hasText("completed", new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions()
                    .setTimeout(30_000));
            assertThat(page.locator(".weft-web-imports vaadin-grid-cell-content").getByText("2 added, 0 failed")).isVisible();
            Browser.screenshot(page, "knowledge-web-imports");
        } finally {
            site.stop(0);
        }
    }

    private int datasetsStatus(String token) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/v1/datasets"))
                        .header("Authorization", "Bearer " + token).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    private void ensureOwner() {
        if (accounts.findByEmail(EMAIL).isEmpty()) {
            accounts.createOwner("Acme", EMAIL, "Kim Base", PASSWORD);
        }
    }

    private void signIn(Page page) {
        Browser.signIn(page, "http://127.0.0.1:" + port, EMAIL, PASSWORD);
    }
}
