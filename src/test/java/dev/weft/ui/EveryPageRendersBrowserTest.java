package dev.weft.ui;

import static dev.weft.ui.Browser.button;
import static dev.weft.ui.Browser.settle;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.AppTemplate;
import dev.weft.app.AppTemplates;
import dev.weft.knowledge.dataset.Dataset;
import dev.weft.knowledge.dataset.DatasetDocument;
import dev.weft.knowledge.dataset.DatasetService;
import dev.weft.knowledge.dataset.DocumentService;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import dev.weft.support.TestDataDirs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every page, dialog and node panel of the console is drawn by web components that the production bundle defines.
 * A Vaadin component whose element the bundle lacks renders as nothing at all (an empty, zero-sized tag) without an
 * error anywhere; this walk opens each view, the main dialogs and the panel of every node of every template, and
 * names any {@code vaadin-*} element the browser does not know.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EveryPageRendersBrowserTest {

    private static final String EMAIL = "lin@example.com";
    private static final String PASSWORD = "correct horse battery";
    private static final String UNDEFINED_ELEMENTS = "() => [...new Set([...document.querySelectorAll('*')]"
            + ".map(e => e.localName).filter(n => n.startsWith('vaadin-') && !customElements.get(n)"
            // plain wrappers the components create for slotted content; they are never custom elements
            + " && n !== 'vaadin-grid-cell-content' && n !== 'vaadin-dialog-content'))]";

    @LocalServerPort int port;
    @Autowired AccountService accounts;
    @Autowired AppService apps;
    @Autowired AppTemplates templates;
    @Autowired DatasetService datasets;
    @Autowired DocumentService documents;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("every-page").toString());
    }

    @Test
    void everyViewDialogAndNodePanelUsesOnlyDefinedComponents() {
        accounts.createOwner("Acme", EMAIL, "Lin Chen", PASSWORD);
        Account owner = accounts.findByEmail(EMAIL).orElseThrow();
        Dataset kb = datasets.create(owner, new DatasetService.DatasetDraft("Handbook", null, null, null, null, null, null));
        DatasetDocument doc = documents.addText(owner, kb.getId(), "leave", "Staff get 25 days of paid leave a year.");
        List<App> templated = new ArrayList<>();
        for (AppTemplate t : templates.list()) {
            templated.add(apps.createFromTemplate(owner.getWorkspaceId(), t.id(), t.name(),
                    t.usesKnowledge() ? List.of(kb.getId()) : List.of(), owner.getId()));
        }

        List<String> problems = new ArrayList<>();
        try (Browser browser = Browser.launch()) {
            Page page = browser.newPage();
            Browser.signIn(page, url(""), EMAIL, PASSWORD);
            check(page, "app list", problems);
            for (String dialog : List.of("Create app", "Create from template", "Import DSL")) {
                button(page, dialog).click();
                check(page, "app list: " + dialog + " dialog", problems);
                page.keyboard().press("Escape");
                settle(page);
            }

            visit(page, "/knowledge", "knowledge bases", problems);
            for (String dialog : List.of("Create knowledge base", "API access")) {
                button(page, dialog).click();
                check(page, "knowledge bases: " + dialog + " dialog", problems);
                page.keyboard().press("Escape");
                settle(page);
            }
            visit(page, "/knowledge/" + kb.getId(), "knowledge base", problems);
            visit(page, "/knowledge/" + kb.getId() + "/documents/" + doc.getId(), "document", problems);
            visit(page, "/settings/model-providers", "model providers", problems);
            button(page, "Add provider").click();
            check(page, "model providers: Add provider dialog", problems);
            page.keyboard().press("Escape");
            visit(page, "/settings/gateway", "gateway", problems);

            for (App app : templated) {
                visit(page, "/apps/" + app.getId() + "/designer", "designer of " + app.getName(), problems);
                Locator nodes = page.locator(".react-flow__node");
                for (int i = 0; i < nodes.count(); i++) {
                    nodes.nth(i).click();
                    check(page, app.getName() + ": panel of node " + (i + 1), problems);
                }
            }
        }
        assertThat(problems).as("vaadin elements the production bundle does not define").isEmpty();
    }

    private void visit(Page page, String path, String what, List<String> problems) {
        page.navigate(url(path));
        check(page, what, problems);
    }

    private static void check(Page page, String what, List<String> problems) {
        settle(page);
        Object undefined = page.evaluate(UNDEFINED_ELEMENTS);
        if (undefined instanceof List<?> names && !names.isEmpty()) {
            problems.add(what + ": " + names);
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
