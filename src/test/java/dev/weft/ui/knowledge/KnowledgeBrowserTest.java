package dev.weft.ui.knowledge;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import dev.weft.security.AccountService;
import dev.weft.support.TestDataDirs;
import dev.weft.ui.Browser;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Knowledge in headless Chromium: the empty state, creating a knowledge base, uploading two good files and a
 * corrupt one, watching their status reach available (the corrupt one: error with its reason), and a retrieval test.
 * Leaves target/screenshots/knowledge-*.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KnowledgeBrowserTest {

    private static final String EMAIL = "kb@example.com";
    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort int port;
    @Autowired AccountService accounts;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("knowledge-browser").toString());
    }

    @Test
    void uploadWatchProgressAndTestRetrieval() {
        accounts.createOwner("Acme", EMAIL, "Kim Base", PASSWORD);
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

            page.locator("vaadin-upload input[type=file]").setInputFiles(new FilePayload[] {
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
        }
    }

    private void signIn(Page page) {
        page.navigate("http://127.0.0.1:" + port + "/login");
        settle(page);
        page.getByLabel("Email").fill(EMAIL);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
        button(page, "Sign in").click();
        page.waitForURL(Pattern.compile(".*:" + port + "/$"));
        settle(page);
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static void settle(Page page) {
        page.waitForFunction("() => window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients"
                + " && Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive || !c.isActive())");
    }
}
