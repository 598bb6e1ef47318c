package dev.weft.ui.publish;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.definition.AppMode;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import dev.weft.support.TestDataDirs;
import dev.weft.ui.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The app list's "API access" dialog in headless Chromium: create a key (its secret is shown once and opens
 * /v1), see the web app link and widget snippet, revoke the key. Leaves target/screenshots/api-access-*.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiAccessBrowserTest {

    private static final String EMAIL = "grace@example.com";
    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort int port;
    @Autowired AccountService accounts;
    @Autowired AppService apps;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("api-access-browser").toString());
    }

    @Test
    void createUseAndRevokeAKeyFromTheAppList() throws Exception {
        Account owner = accounts.createOwner("Navy", EMAIL, "Grace Hopper", PASSWORD);
        App app = apps.create(owner.getWorkspaceId(), "Helpdesk", AppMode.CHAT, null, owner.getId());
        try (Browser browser = Browser.launch()) {
            Page page = browser.newPage();
            try {
                Browser.signIn(page, "http://127.0.0.1:" + port, EMAIL, PASSWORD);

                button(page, "API access Helpdesk").click();
                settle(page);
                assertThat(page.getByText("API access and web app: Helpdesk")).isVisible();
                button(page, "Create key").click();
                settle(page);
                Locator secret = page.locator("#new-api-key input");
                String token = secret.inputValue();
                assertThat(token).startsWith("app-");
                assertThat(page.locator("vaadin-grid-cell-content").filter(new Locator.FilterOptions()
                        .setHasText("app-…" + token.substring(token.length() - 4)))).isVisible();
                assertThat(page.getByText("/chat/").first()).isVisible();
                Browser.screenshot(page, "api-access-dialog");

                HttpResponse<String> info = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/info"))
                                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(info.statusCode()).isEqualTo(200);
                assertThat(info.body()).contains("\"name\":\"Helpdesk\"");

                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke key app-…" + token.substring(token.length() - 4))).click();
                settle(page);
                HttpResponse<String> revoked = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/info"))
                                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(revoked.statusCode()).isEqualTo(401);
            } catch (RuntimeException | AssertionError e) {
                Browser.screenshot(page, "api-access-failure");
                throw e;
            }
        }
        assertThat(app.getId()).isNotBlank();
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static void settle(Page page) {
        page.waitForFunction("() => window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients"
                + " && Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive || !c.isActive())");
    }
}
