package dev.weft.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.definition.DefinitionParser;
import dev.weft.security.AccountService;
import dev.weft.support.TestDataDirs;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Walks through the console as a person would, in headless Chromium: first-run setup, sign-in, the empty
 * app list, creating a workflow and a chatflow, and running both from the Run dialog. Each step leaves a
 * screenshot in target/screenshots/. Skipped when no Chromium is installed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StudioBrowserTest {

    private static final String EMAIL = "ada@example.com";
    private static final String PASSWORD = "correct horse battery";

    /** Start with a {@code name} text input → template transform → end output {@code greeting}. */
    private static final String GREETER = """
            {"schema": "weft/v1", "mode": "workflow", "graph": {
              "nodes": [
                {"id": "start", "type": "custom", "position": {"x": 80, "y": 260},
                 "data": {"type": "start", "title": "Start", "variables": [
                   {"variable": "name", "label": "Name", "type": "text-input", "required": true, "max_length": 64}]}},
                {"id": "hello", "type": "custom", "position": {"x": 400, "y": 260},
                 "data": {"type": "template-transform", "title": "Say hello", "template": "Hello {{ name }}!",
                          "variables": [{"variable": "name", "value_selector": ["start", "name"]}]}},
                {"id": "end", "type": "custom", "position": {"x": 720, "y": 260},
                 "data": {"type": "end", "title": "End",
                          "outputs": [{"variable": "greeting", "value_selector": ["hello", "output"]}]}}
              ],
              "edges": [
                {"id": "e1", "source": "start", "sourceHandle": "source", "target": "hello", "targetHandle": "target"},
                {"id": "e2", "source": "hello", "sourceHandle": "source", "target": "end", "targetHandle": "target"}
              ]}}
            """;

    /** Start → answer that echoes the user's message. */
    private static final String ECHO = """
            {"schema": "weft/v1", "mode": "advanced-chat", "graph": {
              "nodes": [
                {"id": "start", "type": "custom", "position": {"x": 80, "y": 260},
                 "data": {"type": "start", "title": "Start", "variables": []}},
                {"id": "answer", "type": "custom", "position": {"x": 400, "y": 260},
                 "data": {"type": "answer", "title": "Answer", "answer": "You said: {{#sys.query#}}"}}
              ],
              "edges": [
                {"id": "e1", "source": "start", "sourceHandle": "source", "target": "answer", "targetHandle": "target"}
              ]}}
            """;

    @LocalServerPort int port;
    @Autowired AppService apps;
    @Autowired AccountService accounts;
    @Autowired DefinitionParser parser;
    @Autowired JdbcTemplate jdbc;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("browser").toString());
    }

    @Test
    void setUpSignInCreateAndRunAWorkflowAndAChatflow() {
        try (Browser browser = Browser.launch()) {
            Page page = browser.newPage();
            try {
                walkThrough(page);
            } catch (RuntimeException | AssertionError e) {
                Browser.screenshot(page, "failure");
                throw e;
            }
        }
    }

    private void walkThrough(Page page) {
        // 1. A fresh install sends every page to the setup form.
        page.navigate(url("/"));
        page.waitForURL(Pattern.compile(".*/setup$"));
        settle(page);
        assertThat(page.getByText("Welcome to Weft")).isVisible();
        page.getByLabel("Workspace name").fill("Analytical Engines");
        page.getByLabel("Your name").fill("Ada Lovelace");
        page.getByLabel("Email").fill(EMAIL);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
        page.getByLabel("Repeat password").fill(PASSWORD);
        Browser.screenshot(page, "01-setup");
        button(page, "Create owner account").click();

        // 2. Sign in with the new owner account.
        page.waitForURL(Pattern.compile(".*/login$"));
        settle(page);
        page.getByLabel("Email").fill(EMAIL);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
        Browser.screenshot(page, "02-login");
        button(page, "Sign in").click();

        // 3. The app list starts empty.
        page.waitForURL(Pattern.compile(".*:" + port + "/$"));
        settle(page);
        assertThat(page.getByText("No apps yet")).isVisible();
        assertThat(page.getByText("Ada Lovelace")).isVisible();
        Browser.screenshot(page, "03-apps-empty");

        // 4. Create a workflow app.
        button(page, "Create app").click();
        Locator name = page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true));
        name.fill("Greeter");
        chooseType(page, "Workflow");
        Browser.screenshot(page, "04-create-dialog");
        button(page, "Create").click();
        settle(page);
        assertThat(cell(page, "Greeter")).isVisible();
        assertThat(cell(page, "Workflow")).isVisible();
        Browser.screenshot(page, "05-apps-list");

        // The list has no editor yet, so the draft gets its graph through the service.
        App greeter = app("Greeter");
        apps.saveDraft(greeter.getId(), parser.parse(GREETER), null);

        // 5. Run it: one input, the output and a three-node trace.
        button(page, "Run Greeter").click();
        Locator nameInput = page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true));
        assertThat(nameInput).isVisible();
        nameInput.fill("Ada");
        Browser.screenshot(page, "06-run-dialog");
        button(page, "Run").click();
        assertThat(page.locator(".weft-run-status")).containsText("succeeded");
        assertThat(page.locator(".weft-run-output")).hasText("Hello Ada!");
        Locator trace = page.locator("vaadin-grid.weft-run-trace");
        assertThat(trace.locator("vaadin-grid-cell-content").filter(new Locator.FilterOptions()
                .setHasText(Pattern.compile("^succeeded$")))).hasCount(3);
        assertThat(trace.locator("vaadin-grid-cell-content").filter(new Locator.FilterOptions()
                .setHasText(Pattern.compile("^(running|failed)$")))).hasCount(0);
        settle(page);
        Browser.screenshot(page, "07-run-finished");

        // 6. A trace row shows what the node got and gave.
        trace.locator("vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText("Say hello")).click();
        Locator details = page.locator(".weft-run-details");
        assertThat(details).containsText("\"inputs\"");
        assertThat(details).containsText("\"output\" : \"Hello Ada!\"");
        settle(page);
        Browser.screenshot(page, "08-trace-details");
        button(page, "Close").click();
        settle(page);

        // 7. A chatflow that echoes: two messages in one conversation.
        button(page, "Create app").click();
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Echo");
        chooseType(page, "Chatflow");
        button(page, "Create").click();
        settle(page);
        assertThat(cell(page, "Echo")).isVisible();
        App echo = app("Echo");
        apps.saveDraft(echo.getId(), parser.parse(ECHO), null);
        Browser.screenshot(page, "09-apps-two");

        button(page, "Run Echo").click();
        Locator message = page.getByLabel("Message");
        message.fill("hello there");
        Browser.screenshot(page, "10-chat-dialog");
        message.press("Enter");
        assertThat(page.locator(".weft-run-status")).containsText("succeeded");
        assertThat(page.locator(".weft-run-output")).containsText("You said: hello there");
        settle(page);
        Browser.screenshot(page, "11-chat-first-answer");

        message.fill("and again");
        button(page, "Run").click();
        assertThat(page.locator(".weft-run-answer").last()).hasText("You said: and again");
        assertThat(page.locator(".weft-run-status")).containsText("succeeded");
        // the same conversation: the first exchange is still shown above the second
        assertThat(page.locator(".weft-run-query")).hasText(new String[] {"hello there", "and again"});
        assertThat(page.locator(".weft-run-answer")).hasText(new String[] {"You said: hello there", "You said: and again"});
        settle(page);
        Browser.screenshot(page, "12-chat-second-answer");

        assertThat(jdbc.queryForObject("select count(*) from conversation where app_id = ?", Long.class, echo.getId()))
                .isEqualTo(1);
        assertThat(jdbc.queryForList("select answer from message where app_id = ? order by created_at", String.class,
                echo.getId())).containsExactly("You said: hello there", "You said: and again");
        button(page, "Close").click();
        settle(page);

        // 8. A new chatflow's starter graph calls an LLM, and this test sets up no model: the dialog says why
        // the run did not work and lets the user try again.
        button(page, "Create app").click();
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Starter chat");
        chooseType(page, "Chatflow");
        button(page, "Create").click();
        settle(page);
        button(page, "Run Starter chat").click();
        page.getByLabel("Message").fill("hi");
        button(page, "Run").click();
        assertThat(page.locator(".weft-run-status")).containsText(Pattern.compile("Could not start|failed"));
        assertThat(button(page, "Run")).isEnabled();
        settle(page);
        Browser.screenshot(page, "13-run-error");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private App app(String name) {
        String workspace = accounts.findByEmail(EMAIL).orElseThrow().getWorkspaceId();
        return apps.list(workspace).stream().filter(a -> a.getName().equals(name)).findFirst().orElseThrow();
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static Locator cell(Page page, String text) {
        return page.locator("vaadin-grid-cell-content").filter(new Locator.FilterOptions()
                .setHasText(Pattern.compile("^" + text.replaceAll("\\W", "\\\\$0") + "$")));
    }

    private static void chooseType(Page page, String label) {
        Locator select = page.getByRole(AriaRole.DIALOG).locator("vaadin-select");
        select.click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(label).setExact(true)).click();
        assertThat(select).containsText(label);
        assertThat(page.locator("vaadin-select[opened]")).hasCount(0);
        settle(page);
    }

    /** Waits until Vaadin has no server round trip in flight and no overlay is still animating. */
    private static void settle(Page page) {
        page.waitForFunction("() => window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients"
                + " && Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive || !c.isActive())");
        assertThat(page.locator("[opening], [closing]")).hasCount(0);
    }
}
