package dev.weft.ui.settings;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.weft.model.openai.FakeOpenAiServer;
import dev.weft.model.defaults.DefaultModel;
import dev.weft.model.defaults.DefaultModelService;
import dev.weft.model.defaults.ModelType;
import dev.weft.model.provider.ModelProviderService;
import dev.weft.model.provider.ModelProviderView;
import dev.weft.security.AccountService;
import dev.weft.support.TestDataDirs;
import dev.weft.ui.Browser;
import dev.weft.model.local.TinyLlamaGguf;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Settings → Model providers in headless Chromium: the empty state, a rejected base URL shown on its field,
 * adding a provider that points at a fake OpenAI-compatible server, and a successful connection test.
 * Leaves target/screenshots/settings-providers.png. Skipped when no Chromium is installed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ModelProvidersBrowserTest {

    private static final String EMAIL = "grace@example.com";
    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort int port;
    @Autowired AccountService accounts;
    @Autowired ModelProviderService providers;
    @Autowired DefaultModelService defaults;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("providers-browser").toString());
    }

    @TempDir Path dir;

    @Test
    void addAProviderAndTestItsConnection() throws Exception {
        Path gguf = TinyLlamaGguf.write(dir.resolve("tiny.gguf"), 7);
        accounts.createOwner("Compilers", EMAIL, "Grace Hopper", PASSWORD);
        String workspace = accounts.findByEmail(EMAIL).orElseThrow().getWorkspaceId();
        try (Browser browser = Browser.launch(); FakeOpenAiServer fake = FakeOpenAiServer.start()) {
            Page page = browser.newPage();
            signIn(page);

            // The side nav leads to the page, which starts empty and says why a provider is needed.
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Model providers")).click();
            page.waitForURL(Pattern.compile(".*/settings/model-providers$"));
            settle(page);
            assertThat(page).hasTitle("Model providers");
            assertThat(page.getByText("Apps need a model provider to call a model", new Page.GetByTextOptions())).isVisible();
            Browser.screenshot(page, "settings-providers-empty");

            // A bad base URL is reported on its field and nothing is saved.
            button(page, "Add your first provider").click();
            Locator dialog = page.getByRole(AriaRole.DIALOG);
            assertThat(dialog.getByText("http://localhost:11434/v1 (Ollama)")).isVisible();
            dialog.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill("Local fake");
            dialog.getByLabel("Base URL").fill("localhost:1234");
            button(page, "Add").click();
            settle(page);
            assertThat(page.locator("vaadin-text-field[invalid]")).hasCount(1);
            assertThat(page.locator("vaadin-text-field[invalid]")).containsText("must be an http:// or https:// URL");
            assertThat(providers.list(workspace)).isEmpty();

            // Fixed, it is added; the key shows only masked.
            dialog.getByLabel("Base URL").fill(fake.baseUrl());
            dialog.getByLabel("API key (optional)").fill("sk-browser-secret-1234");
            dialog.getByLabel("Default model").fill("gpt-fake");
            Browser.screenshot(page, "settings-providers-dialog");
            button(page, "Add").click();
            settle(page);
            Browser.screenshot(page, "settings-providers-added");
            assertThat(page.getByRole(AriaRole.DIALOG)).hasCount(0);
            assertThat(cell(page, "Local fake")).isVisible();
            assertThat(cell(page, fake.baseUrl())).isVisible();
            assertThat(cell(page, "sk-br****34")).isVisible();
            assertThat(page.getByText("sk-browser-secret-1234")).hasCount(0);
            ModelProviderView saved = providers.list(workspace).getFirst();
            assertThat(saved.name()).isEqualTo("Local fake");
            assertThat(saved.defaultModel()).isEqualTo("gpt-fake");

            // Test connection calls the fake with the key and model, and says it worked.
            button(page, "Test connection").click();
            Locator note = page.locator("vaadin-notification-card").filter(new Locator.FilterOptions().setHasText("works"));
            assertThat(note).isVisible();
            assertThat(note).containsText(Pattern.compile("Connection to Local fake works: gpt-fake answered in \\d+ ms"));
            assertThat(fake.callCount()).isEqualTo(1);
            assertThat(fake.lastRequest().header("Authorization")).isEqualTo("Bearer sk-browser-secret-1234");
            assertThat(fake.lastRequest().body().get("model").asString()).isEqualTo("gpt-fake");
            Browser.screenshot(page, "settings-providers");

            // Default models: a rerank provider without a model name is refused on its field, then all three save.
            Locator form = page.locator(".weft-default-models");
            choose(page, form, "Chat model provider", "Local fake");
            assertThat(form.getByLabel("Chat model", new Locator.GetByLabelOptions().setExact(true))).hasValue("gpt-fake");
            choose(page, form, "Rerank model provider", "Local fake");
            button(page, "Save default models").click();
            settle(page);
            assertThat(form.locator("vaadin-text-field[invalid]")).containsText("Enter the rerank model's name");
            form.getByLabel("Rerank model", new Locator.GetByLabelOptions().setExact(true)).fill("bge-reranker-v2-m3");
            choose(page, form, "Local embedding model", "local:all-minilm-l6-v2-q");
            button(page, "Save default models").click();
            settle(page);
            assertThat(page.locator("vaadin-notification-card").filter(new Locator.FilterOptions()
                    .setHasText("Saved the default models"))).isVisible();
            assertThat(form.locator("[invalid]")).hasCount(0);
            Browser.screenshot(page, "settings-default-models");
            assertThat(defaults.get(workspace, ModelType.CHAT)).contains(new DefaultModel(ModelType.CHAT, saved.id(), "gpt-fake"));
            assertThat(defaults.get(workspace, ModelType.RERANK))
                    .contains(new DefaultModel(ModelType.RERANK, saved.id(), "bge-reranker-v2-m3"));
            assertThat(defaults.get(workspace, ModelType.EMBEDDING))
                    .contains(new DefaultModel(ModelType.EMBEDDING, null, "local:all-minilm-l6-v2-q"));

            // They are shown again after a reload.
            page.reload();
            settle(page);
            assertThat(page.locator(".weft-default-models").getByLabel("Rerank model", new Locator.GetByLabelOptions().setExact(true)))
                    .hasValue("bge-reranker-v2-m3");

            // The type decides the fields: Anthropic's default URL, then a GGUF file's path and llama.cpp settings.
            button(page, "Add provider").click();
            dialog = page.getByRole(AriaRole.DIALOG);
            choose(page, dialog, "Type", "Anthropic");
            assertThat(dialog.getByLabel("Base URL")).hasAttribute("placeholder", "https://api.anthropic.com");
            assertThat(dialog.getByLabel("Default model")).hasAttribute("placeholder", "claude-3-5-haiku-latest");
            choose(page, dialog, "Type", "Azure OpenAI");
            assertThat(dialog.getByLabel("Endpoint")).isVisible();
            assertThat(dialog.getByLabel("API version")).isVisible();
            assertThat(dialog.getByLabel("Default deployment")).isVisible();
            choose(page, dialog, "Type", "Local GGUF file (llama.cpp in Weft)");
            assertThat(dialog.getByLabel("API key (optional)")).isHidden();
            assertThat(dialog.getByLabel("API version")).isHidden();
            dialog.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill("Tiny local");
            dialog.getByLabel("Model file path").fill(gguf.toString() + ".missing");
            Browser.screenshot(page, "settings-provider-gguf");
            dialog.getByLabel("Context size (tokens)").fill("256");
            dialog.getByLabel("GPU layers").fill("0");
            button(page, "Add").click();
            settle(page);
            assertThat(page.locator("vaadin-text-field[invalid]")).containsText("does not exist");
            dialog.getByLabel("Model file path").fill(gguf.toString());
            button(page, "Add").click();
            settle(page);
            assertThat(page.getByRole(AriaRole.DIALOG)).hasCount(0);
            assertThat(cell(page, gguf.toString())).isVisible();
            assertThat(cell(page, "Local GGUF file")).isVisible();
            ModelProviderView local = providers.list(workspace).stream().filter(p -> p.name().equals("Tiny local")).findFirst().orElseThrow();
            assertThat(local.providerType()).isEqualTo("local-gguf");
            assertThat(local.configJson()).isEqualTo("{\"context_size\":256,\"gpu_layers\":0}");
        }
    }

    private static void choose(Page page, Locator scope, String selectLabel, String option) {
        Locator select = scope.locator("vaadin-select").filter(new Locator.FilterOptions().setHasText(selectLabel));
        // a click that lands while the dialog is still redrawing for the previous choice can leave the select shut
        for (int attempt = 1; ; attempt++) {
            select.click();
            try {
                page.locator("vaadin-select[opened]").waitFor(new Locator.WaitForOptions().setTimeout(5_000));
                break;
            } catch (com.microsoft.playwright.TimeoutError e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
        // other selects keep their items in the page too: take the option of the select that is open
        page.locator("vaadin-select[opened]").getByRole(AriaRole.OPTION, new Locator.GetByRoleOptions().setName(option).setExact(true)).click();
        assertThat(page.locator("vaadin-select[opened]")).hasCount(0);
        settle(page);
    }

    private void signIn(Page page) {
        page.navigate(url("/login"));
        settle(page);
        page.getByLabel("Email").fill(EMAIL);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
        button(page, "Sign in").click();
        page.waitForURL(Pattern.compile(".*:" + port + "/$"));
        settle(page);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static Locator cell(Page page, String text) {
        // Exact text, not a Pattern.quote regex: Playwright hands the pattern to JavaScript, which has no \\Q...\\E.
        return page.locator("vaadin-grid-cell-content").getByText(text, new Locator.GetByTextOptions().setExact(true));
    }

    /** Waits until Vaadin has no server round trip in flight. */
    private static void settle(Page page) {
        page.waitForFunction("() => window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients"
                + " && Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive || !c.isActive())");
    }
}
