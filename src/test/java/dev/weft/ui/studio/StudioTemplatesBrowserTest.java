package dev.weft.ui.studio;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.weft.ui.Browser.button;
import static dev.weft.ui.Browser.settle;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.definition.AppMode;
import dev.weft.app.definition.NodeDef;
import dev.weft.model.defaults.DefaultModel;
import dev.weft.model.defaults.DefaultModelService;
import dev.weft.model.defaults.ModelType;
import dev.weft.model.provider.ModelProviderDraft;
import dev.weft.model.provider.ModelProviderService;
import dev.weft.model.provider.ModelProviderView;
import dev.weft.security.AccountService;
import dev.weft.support.TestDataDirs;
import dev.weft.ui.Browser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Studio in headless Chromium: create an app from a template (its LLM node on the workspace's default chat
 * model), search and filter the list, duplicate it, export its DSL file, delete the copy after confirming, and
 * import the file again as a new app with the same graph. Leaves target/screenshots/studio-*.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StudioTemplatesBrowserTest {

    private static final String EMAIL = "studio@example.com";
    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort int port;
    @Autowired AccountService accounts;
    @Autowired AppService apps;
    @Autowired ModelProviderService providers;
    @Autowired DefaultModelService defaults;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("studio-browser").toString());
    }

    @Test
    void createFromTemplateDuplicateExportDeleteAndImport() throws Exception {
        accounts.createOwner("Studio", EMAIL, "Sam Studio", PASSWORD);
        String workspace = accounts.findByEmail(EMAIL).orElseThrow().getWorkspaceId();
        ModelProviderView provider = providers.create(new ModelProviderDraft(workspace, "House models", null,
                "http://127.0.0.1:9/v1", null, "house-small", null));
        defaults.set(workspace, new DefaultModel(ModelType.CHAT, provider.id(), "house-large"));
        try (Browser browser = Browser.launch()) {
            Page page = browser.newPage();
            try {
                walkThrough(page, workspace);
            } catch (RuntimeException | AssertionError e) {
                Browser.screenshot(page, "studio-failure");
                throw e;
            }
        }
    }

    private void walkThrough(Page page, String workspace) throws Exception {
        signIn(page);
        assertThat(page.getByText("Start from a template (a support chatbot")).isVisible();
        Browser.screenshot(page, "studio-empty");

        // 1. Create from a template: the summariser, a workflow.
        button(page, "Start from a template").click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        assertThat(dialog.getByText("Classifier router")).isVisible();
        dialog.getByRole(AriaRole.RADIO, new Locator.GetByRoleOptions().setName(Pattern.compile("^Summariser"))).check();
        assertThat(dialog.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true))).hasValue("Summariser");
        dialog.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill("Meeting notes summariser");
        settle(page);
        Browser.screenshot(page, "studio-template-dialog");
        button(page, "Create").click();
        settle(page);
        assertThat(page.getByRole(AriaRole.DIALOG)).hasCount(0);
        assertThat(page.locator("vaadin-notification-card").filter(new Locator.FilterOptions()
                .setHasText("Created Meeting notes summariser"))).isVisible();
        App summariser = app(workspace, "Meeting notes summariser");
        assertThat(summariser.getMode()).isEqualTo(AppMode.WORKFLOW);
        NodeDef llm = apps.draft(summariser.getId()).graph().nodes().stream()
                .filter(n -> "llm".equals(n.nodeType())).findFirst().orElseThrow();
        assertThat(llm.data().get("model").get("provider").asString()).isEqualTo("House models");
        assertThat(llm.data().get("model").get("name").asString()).isEqualTo("house-large");
        Locator name = page.locator("a.weft-app-name:visible")
                .getByText("Meeting notes summariser", new Locator.GetByTextOptions().setExact(true));
        assertThat(name).hasAttribute("href", "apps/" + summariser.getId() + "/designer");

        // A second app from another template, a chatflow.
        button(page, "Create from template").click();
        page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.RADIO,
                new Locator.GetByRoleOptions().setName(Pattern.compile("^Classifier router"))).check();
        button(page, "Create").click();
        settle(page);
        assertThat(page.locator("a.weft-app-name:visible")).hasCount(2);
        Browser.screenshot(page, "studio-two-apps");

        // 2. Search and filter.
        page.getByLabel("Search apps").fill("meeting");
        settle(page);
        assertThat(page.locator("a.weft-app-name:visible")).hasText(new String[] {"Meeting notes summariser"});
        page.getByLabel("Search apps").fill("");
        chooseFilter(page, "Chatflow");
        assertThat(page.locator("a.weft-app-name:visible")).hasText(new String[] {"Classifier router"});
        page.getByLabel("Search apps").fill("meeting");
        settle(page);
        assertThat(page.locator("a.weft-app-name:visible")).hasCount(0);
        assertThat(page.getByText("Clear the search or choose All types")).isVisible();
        Browser.screenshot(page, "studio-filtered-empty");
        page.getByLabel("Search apps").fill("");
        chooseFilter(page, "All types");
        assertThat(page.locator("a.weft-app-name:visible")).hasCount(2);

        // 3. Duplicate.
        button(page, "Duplicate Meeting notes summariser").click();
        settle(page);
        App copy = app(workspace, "Meeting notes summariser (copy)");
        assertThat(apps.draft(copy.getId()).graph()).isEqualTo(apps.draft(summariser.getId()).graph());
        assertThat(page.locator("a.weft-app-name:visible")).hasCount(3);

        // 4. Export the DSL file.
        button(page, "Export DSL Meeting notes summariser").click();
        Locator link = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download meeting-notes-summariser.yml"));
        assertThat(link).isVisible();
        settle(page);
        Browser.screenshot(page, "studio-export-dialog");
        Download download = page.waitForDownload(link::click);
        assertThat(download.suggestedFilename()).isEqualTo("meeting-notes-summariser.yml");
        Path yaml = Files.createTempFile("studio-export-", ".yml");
        download.saveAs(yaml);
        String exported = Files.readString(yaml, StandardCharsets.UTF_8);
        assertThat(exported).contains("kind: app").contains("mode: workflow").contains("name: Meeting notes summariser")
                .contains("Summarise the following text as");
        button(page, "Close").click();
        settle(page);

        // 5. Delete the copy, after confirming.
        button(page, "Delete Meeting notes summariser (copy)").click();
        assertThat(page.getByText("It cannot be undone.")).isVisible();
        settle(page);
        Browser.screenshot(page, "studio-delete-confirm");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete").setExact(true)).last().click();
        settle(page);
        assertThat(page.locator("a.weft-app-name:visible")).hasCount(2);
        assertThat(apps.find(copy.getId())).isEmpty();

        // 6. Import: a file that cannot be imported says why, then the exported file becomes a new app.
        button(page, "Import DSL").click();
        page.locator("vaadin-upload input[type=file]").setInputFiles(new FilePayload("broken.yml", "application/x-yaml",
                "version: 0.6.0\nkind: app\napp:\n  name: Broken\n  mode: workflow\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(page.locator(".weft-import-problems")).containsText("broken.yml cannot be imported");
        assertThat(page.locator(".weft-import-problems")).containsText("$.workflow.graph");
        settle(page);
        Browser.screenshot(page, "studio-import-error");
        page.locator("vaadin-upload input[type=file]").setInputFiles(yaml);
        assertThat(page.getByRole(AriaRole.DIALOG)).hasCount(0);
        settle(page);
        assertThat(page.locator("a.weft-app-name:visible")
                .getByText("Meeting notes summariser", new Locator.GetByTextOptions().setExact(true))).hasCount(2);
        List<App> named = apps.list(workspace).stream().filter(a -> a.getName().equals("Meeting notes summariser")).toList();
        assertThat(named).hasSize(2);
        App imported = named.stream().filter(a -> !a.getId().equals(summariser.getId())).findFirst().orElseThrow();
        assertThat(imported.getMode()).isEqualTo(AppMode.WORKFLOW);
        assertThat(apps.draft(imported.getId()).graph().nodes()).isEqualTo(apps.draft(summariser.getId()).graph().nodes());
        assertThat(apps.draft(imported.getId()).graph().edges()).isEqualTo(apps.draft(summariser.getId()).graph().edges());
        Browser.screenshot(page, "studio-imported");

        // 7. The support chatbot with no knowledge base yet: created, and the notice says what to fix and where.
        button(page, "Create from template").click();
        page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.RADIO,
                new Locator.GetByRoleOptions().setName(Pattern.compile("^Support chatbot"))).check();
        assertThat(page.getByRole(AriaRole.DIALOG).getByText("You have no knowledge bases yet")).isVisible();
        button(page, "Create").click();
        settle(page);
        Locator notice = page.locator("vaadin-notification-card").filter(new Locator.FilterOptions()
                .setHasText("Created Support chatbot"));
        assertThat(notice).containsText("Before it can run:");
        assertThat(notice).containsText("Search the help center: choose at least one knowledge base (create one under Knowledge)");
        Browser.screenshot(page, "studio-created-needs-knowledge");

        // following its link opens the designer, where the problems show on the nodes: the notice closes
        notice.getByText("Open in designer").click();
        page.waitForURL(Pattern.compile(".*/apps/[^/]+/designer$"));
        settle(page);
        assertThat(page.locator("vaadin-notification-card").filter(new Locator.FilterOptions()
                .setHasText("Created Support chatbot"))).hasCount(0);
    }


    private App app(String workspace, String name) {
        return apps.list(workspace).stream().filter(a -> a.getName().equals(name)).findFirst().orElseThrow();
    }

    private static void chooseFilter(Page page, String label) {
        page.locator("vaadin-select").filter(new Locator.FilterOptions().setHasText("Type")).click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(label).setExact(true)).click();
        assertThat(page.locator("vaadin-select[opened]")).hasCount(0);
        settle(page);
    }

    private void signIn(Page page) {
        Browser.signIn(page, "http://127.0.0.1:" + port, EMAIL, PASSWORD);
    }
}
