package dev.weft.ui.designer;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.weft.ui.Browser.button;
import static dev.weft.ui.Browser.settle;
import static dev.weft.ui.designer.CanvasDriver.connect;
import static dev.weft.ui.designer.CanvasDriver.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.AppVersion;
import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.NodeDef;
import dev.weft.model.openai.FakeOpenAiServer;
import dev.weft.model.provider.ModelProviderService;
import dev.weft.security.AccountService;
import dev.weft.support.TestDataDirs;
import dev.weft.ui.Browser;
import dev.weft.ui.FakeProviderWalk;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The designer in headless Chromium, as someone building a support bot would use it: sign in, create a
 * chatflow, open it in the designer, replace its LLM node by one dragged from the palette, connect it, write a
 * prompt with a variable picked from the autocompletion, publish, and chat with it in the preview while the
 * answer streams in from a fake OpenAI-compatible provider on 127.0.0.1. Screenshots go to
 * target/screenshots/designer-*.png. Skipped when no Chromium is installed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DesignerBrowserTest {

    private static final String EMAIL = "linus@example.com";
    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort int port;
    @Autowired AccountService accounts;
    @Autowired AppService apps;
    @Autowired ModelProviderService providers;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("designer-browser").toString());
    }

    @Test
    void buildPublishAndChatWithASupportBot() throws Exception {
        FakeProviderWalk.run(accounts, providers, new FakeProviderWalk.Owner("Support", EMAIL, "Linus Pauling", PASSWORD),
                "designer", this::walkThrough);
    }

    private void walkThrough(Page page, FakeOpenAiServer fake, String workspace) throws InterruptedException {
        // 1. Sign in and create a chatflow; its starter graph is start -> LLM -> answer.
        Browser.signIn(page, url(""), EMAIL, PASSWORD);
        button(page, "Create app").click();
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Support bot");
        page.locator("vaadin-select").click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Chatflow").setExact(true)).click();
        settle(page);
        button(page, "Create").click();
        settle(page);
        App app = apps.list(workspace).getFirst();

        // 2. Open it in the designer: three nodes, no problems.
        button(page, "Design Support bot").click();
        page.waitForURL(Pattern.compile(".*/apps/" + app.getId() + "/designer$"));
        settle(page);
        assertThat(page.locator(".react-flow__node")).hasCount(3);
        assertThat(node(page, "LLM")).containsText("gpt-fake");
        assertThat(page.locator(".weft-problems")).hasText("No problems");
        for (String type : List.of("llm", "knowledge-retrieval", "answer", "if-else", "question-classifier", "iteration", "http-request")) {
            assertThat(page.locator(".weft-palette-item[data-type='" + type + "']")).isVisible();
        }
        assertThat(page.locator(".weft-palette-item[data-type='end']")).hasCount(0);
        settle(page);
        Browser.screenshot(page, "designer-01-starter");

        // 3. Delete the starter LLM node: the answer now reads a node that is gone, and says so on the canvas.
        node(page, "LLM").click();
        settle(page);
        page.keyboard().press("Delete");
        settle(page);
        assertThat(page.locator(".react-flow__node")).hasCount(2);
        assertThat(node(page, "Answer").locator(".weft-node-problem")).containsText("there is no node 'llm'");
        assertThat(page.locator(".weft-problems")).containsText(Pattern.compile("\\d+ problems?"));
        Browser.screenshot(page, "designer-02-problem-on-node");

        // 4. Drag an LLM node from the palette onto the canvas; it opens in the side panel.
        Locator flow = page.locator(".react-flow__pane");
        BoundingBox box = flow.boundingBox();
        page.locator(".weft-palette-item[data-type='llm']").dragTo(flow, new Locator.DragToOptions()
                .setTargetPosition(box.width / 2, box.height * 0.7));
        settle(page);
        assertThat(page.locator(".react-flow__node")).hasCount(3);
        Locator llm = node(page, "LLM");
        assertThat(llm).isVisible();
        assertThat(page.locator(".weft-node-panel[data-node='llm']")).isVisible();

        // 5. Close the panel, fit the graph in view, and connect start -> LLM -> answer by dragging from handle to handle.
        button(page, "Close panel").click();
        settle(page);
        page.locator(".react-flow__controls-fitview").click();
        page.waitForTimeout(400);
        connect(page, node(page, "Start"), llm);
        connect(page, llm, node(page, "Answer"));
        settle(page);
        assertThat(page.locator(".react-flow__edge")).hasCount(2);
        assertThat(page.locator(".weft-problems")).hasText("No problems");

        // 6. Write the system prompt, picking the user's message from the variable autocompletion.
        llm.click();
        settle(page);
        Locator system = page.locator("weft-prompt-field[data-label='System message'] textarea");
        system.click();
        system.pressSequentially("You are Weft's support bot. The customer wrote: {{#sys.qu");
        Locator suggestions = page.locator(".weft-prompt-list");
        assertThat(suggestions).isVisible();
        assertThat(suggestions.locator("li").first()).containsText("sys.query");
        settle(page);
        Browser.screenshot(page, "designer-03-prompt-autocomplete");
        system.press("Enter");
        system.press("Tab"); // leaving the field sends it at once
        settle(page);
        AppDefinition draft = FakeProviderWalk.awaitDraft(apps, app.getId(), Duration.ofSeconds(10),
                d -> d.graph().edges().size() == 2 && d.graph().nodes().stream()
                .anyMatch(n -> n.data().toString().contains("The customer wrote: {{#sys.query#}}")));
        assertThat(page.locator(".weft-save-state")).containsText("Saved");
        NodeDef saved = draft.graph().nodes().stream().filter(n -> "llm".equals(n.id())).findFirst().orElseThrow();
        assertThat(saved.data().get("prompt_template").get(0).get("text").asString())
                .isEqualTo("You are Weft's support bot. The customer wrote: {{#sys.query#}}");
        assertThat(saved.data().get("model").get("name").asString()).isEqualTo("gpt-fake");
        assertThat(draft.graph().edges()).hasSize(2);
        Browser.screenshot(page, "designer-04-connected");

        // 7. Undo takes the prompt back, redo brings it again (the canvas has the focus for shortcuts).
        page.locator(".react-flow__pane").click(new Locator.ClickOptions().setPosition(20, 20));
        page.keyboard().press("Control+z");
        settle(page);
        page.keyboard().press("Control+Shift+z");
        settle(page);
        assertThat(page.locator(".weft-problems")).hasText("No problems");

        // 8. Publish version 1.
        button(page, "Publish").click();
        page.getByLabel("Release notes (optional)").fill("First support bot");
        page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Publish").setExact(true)).click();
        assertThat(page.getByText("Published version 1")).isVisible();
        List<AppVersion> versions = apps.versions(app.getId());
        assertThat(versions).singleElement().satisfies(v -> assertThat(v.getReleaseNotes()).isEqualTo("First support bot"));
        AppDefinition published = apps.definitionOf(versions.getFirst());
        assertThat(published.graph().nodes()).extracting(NodeDef::id).containsExactlyInAnyOrder("start", "answer", "llm");
        assertThat(published.graph().nodes().stream().filter(n -> n.id().equals("llm")).findFirst().orElseThrow()
                .data().get("prompt_template").get(0).get("text").asString()).endsWith("The customer wrote: {{#sys.query#}}");
        settle(page);
        Browser.screenshot(page, "designer-05-published");

        // 9. Chat in the preview: the answer streams in word by word from the fake provider.
        FakeProviderWalk.previewStreamedAnswer(page, fake, "Where is my refund?",
                List.of("Hello", " Ada,", " your", " refund", " is", " on", " its", " way."), "designer-06");
        assertThat(fake.lastRequest().messages()).contains(
                Map.entry("system", "You are Weft's support bot. The customer wrote: Where is my refund?"));
        settle(page);
        Browser.screenshot(page, "designer-07-chat-answer");

        // 10. The keyboard shortcuts are one click away.
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Keyboard shortcuts")).click();
        assertThat(page.getByText("Fit the graph in view")).isVisible();
        settle(page);
        Browser.screenshot(page, "designer-08-shortcuts");
    }



    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }


}
