package dev.weft.ui.designer;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.weft.ui.Browser.button;
import static dev.weft.ui.Browser.settle;
import static dev.weft.ui.designer.CanvasDriver.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.AppMode;
import dev.weft.app.definition.NodeDef;
import dev.weft.engine.graph.GraphInspector;
import dev.weft.engine.graph.NodeRegistry;
import dev.weft.security.AccountService;
import dev.weft.support.TestDataDirs;
import dev.weft.ui.Browser;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Where things land on the canvas, in headless Chromium: a node dropped onto the minimap is placed where the
 * minimap does not hide it, a node pasted over an iteration goes inside it, and the designer opens again where
 * the user panned and zoomed to. Also opens the LLM and knowledge retrieval panels with their newer settings
 * (structured output, vision, Jinja2, rerank, metadata filters) and checks what they write reaches the draft.
 * Screenshots: target/screenshots/canvas-*.png. Skipped when no Chromium is installed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CanvasPlacementBrowserTest {

    private static final String EMAIL = "grace@example.com";
    private static final String PASSWORD = "correct horse battery";
    private static final Pattern TRANSFORM = Pattern.compile("translate\\(([-\\d.e]+)px, ([-\\d.e]+)px\\) scale\\(([-\\d.e]+)\\)");

    @LocalServerPort int port;
    @Autowired AccountService accounts;
    @Autowired AppService apps;
    @Autowired NodeRegistry registry;
    @Autowired GraphInspector inspector;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("canvas-placement").toString());
    }

    @Test
    void dropPasteViewportAndPanels() throws Exception {
        accounts.createOwner("Placement", EMAIL, "Grace Hopper", PASSWORD);
        var owner = accounts.findByEmail(EMAIL).orElseThrow();
        App app = apps.create(owner.getWorkspaceId(), "Placement", AppMode.ADVANCED_CHAT, null, owner.getId());
        DraftEditor editor = new DraftEditor(apps.draft(app.getId()), NodeCatalog.of(registry), inspector);
        String iteration = editor.addNode("iteration", new NodeDef.Position(500, 420), null, null, null);
        editor.addNode("knowledge-retrieval", new NodeDef.Position(80, 420), null, null, null);
        apps.saveDraft(app.getId(), editor.current(), owner.getId());

        try (Browser browser = Browser.launch()) {
            Page page = browser.newPage();
            try {
                Browser.signIn(page, url(""), EMAIL, PASSWORD);
                page.navigate(url("/apps/" + app.getId() + "/designer"));
                settle(page);
                page.waitForTimeout(500); // the fit to view
                int before = page.locator(".react-flow__node").count();

                // 1. Drop a node onto the minimap: it lands above the minimap, in view, not under it.
                Locator minimap = page.locator(".react-flow__minimap");
                page.locator(".weft-palette-item[data-type='template-transform']").dragTo(minimap);
                settle(page);
                page.waitForTimeout(500); // the side panel opens, the canvas pans the new node into view
                assertThat(page.locator(".react-flow__node")).hasCount(before + 1);
                BoundingBox dropped = node(page, "Template").boundingBox();
                BoundingBox map = minimap.boundingBox();
                BoundingBox pane = page.locator(".react-flow").boundingBox();
                assertThat(overlaps(dropped, map)).as("the dropped node is under the minimap").isFalse();
                assertThat(dropped.x).isGreaterThanOrEqualTo(pane.x);
                assertThat(dropped.x + dropped.width).isLessThanOrEqualTo(pane.x + pane.width);
                assertThat(dropped.y).isGreaterThanOrEqualTo(pane.y);
                assertThat(dropped.y + dropped.height).isLessThanOrEqualTo(pane.y + pane.height);
                button(page, "Close panel").click();
                settle(page);
                Browser.screenshot(page, "canvas-01-dropped-on-minimap");

                // 2. Copy the LLM node and paste it with the pointer over the iteration: it goes inside.
                node(page, "LLM").click();
                settle(page);
                page.keyboard().press("Control+c");
                settle(page);
                button(page, "Close panel").click();
                settle(page);
                page.locator(".react-flow__controls-fitview").click(); // also gives the canvas the keyboard again
                page.waitForTimeout(400);
                BoundingBox box = page.locator(".react-flow__node:has(.weft-iteration)").boundingBox();
                page.mouse().move(box.x + box.width * 0.45, box.y + box.height * 0.4, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(4));
                page.keyboard().press("Control+v");
                settle(page);
                AppDefinition pasted = awaitDraft(app.getId(), d -> d.graph().nodes().stream()
                        .anyMatch(n -> iteration.equals(n.parentId()) && "llm".equals(n.nodeType())));
                NodeDef inside = pasted.graph().nodes().stream()
                        .filter(n -> iteration.equals(n.parentId()) && "llm".equals(n.nodeType())).findFirst().orElseThrow();
                assertThat(inside.data().get("iteration_id").asString()).isEqualTo(iteration);
                BoundingBox copy = page.locator(".react-flow__node[data-id='" + inside.id() + "']").boundingBox();
                assertThat(copy.x).isBetween(box.x, box.x + box.width);
                assertThat(copy.y).isBetween(box.y, box.y + box.height);
                Browser.screenshot(page, "canvas-02-pasted-into-iteration");

                // 3. Zoom with the wheel; the viewport is saved with the draft and the designer opens there again.
                page.locator(".react-flow__pane").click(new Locator.ClickOptions().setPosition(30, 30));
                page.mouse().move(pane.x + 300, pane.y + 200);
                page.mouse().wheel(0, -300);
                page.waitForTimeout(600);
                double[] shown = transform(page);
                AppDefinition zoomed = awaitDraft(app.getId(), d -> CanvasModel.viewport(d) != null
                        && Math.abs(((Number) d.graph().viewport().get("zoom")).doubleValue() - shown[2]) < 0.01);
                Map<String, Object> saved = zoomed.graph().viewport();
                assertThat(((Number) saved.get("zoom")).doubleValue()).as("the zoom was not saved").isCloseTo(shown[2], org.assertj.core.data.Offset.offset(0.01));
                page.navigate(url("/apps/" + app.getId() + "/designer"));
                settle(page);
                page.waitForTimeout(500);
                double[] reopened = transform(page);
                assertThat(reopened[0]).isCloseTo(((Number) saved.get("x")).doubleValue(), org.assertj.core.data.Offset.offset(1.0));
                assertThat(reopened[1]).isCloseTo(((Number) saved.get("y")).doubleValue(), org.assertj.core.data.Offset.offset(1.0));
                assertThat(reopened[2]).isCloseTo(((Number) saved.get("zoom")).doubleValue(), org.assertj.core.data.Offset.offset(0.001));

                // 4. The LLM panel: structured output, vision and Jinja2, saved into the draft.
                page.locator(".react-flow__controls-fitview").click();
                page.waitForTimeout(400);
                node(page, "LLM").first().click();
                settle(page);
                checkbox(page, "Reply with JSON that follows a schema (structured output)").click();
                settle(page);
                button(page, "Add field").click();
                settle(page);
                page.getByLabel("Field 1 name").fill("sentiment");
                page.getByLabel("Field 1 name").press("Tab");
                settle(page);
                checkbox(page, "Send images to the model (vision)").click();
                settle(page);
                choose(page, "Template of message 1", "Jinja2");
                awaitDraft(app.getId(), d -> llmData(d).contains("\"sentiment\"") && llmData(d).contains("\"jinja2\"")
                        && llmData(d).contains("\"detail\":\"high\""));
                assertThat(llmData(apps.draft(app.getId()))).contains("\"structured_output_enabled\":true");
                page.locator(".weft-side-panel").evaluate("e => e.scrollTop = e.scrollHeight");
                Browser.screenshot(page, "canvas-03-llm-panel");

                // 5. The knowledge retrieval panel: hybrid weights and a manual metadata condition.
                node(page, "Knowledge Retrieval").click();
                settle(page);
                choose(page, "Ranking", "Hybrid: semantic and keyword weights");
                choose(page, "Metadata filtering", "Conditions I write");
                button(page, "Add condition").click();
                settle(page);
                page.getByLabel("Field of condition 1").fill("year");
                page.getByLabel("Field of condition 1").press("Tab");
                settle(page);
                AppDefinition kr = awaitDraft(app.getId(), d -> d.graph().nodes().stream().anyMatch(n -> n.data().toString()
                        .contains("\"name\":\"year\"")));
                String data = kr.graph().nodes().stream().filter(n -> "knowledge-retrieval".equals(n.nodeType())).findFirst()
                        .orElseThrow().data().toString();
                assertThat(data).contains("\"reranking_mode\":\"weighted_score\"", "\"vector_weight\":0.7", "\"keyword_weight\":0.3",
                        "\"metadata_filtering_mode\":\"manual\"", "\"name\":\"year\"");
                Browser.screenshot(page, "canvas-04-knowledge-panel");
            } catch (RuntimeException | AssertionError | InterruptedException e) {
                Browser.screenshot(page, "canvas-failure");
                throw e;
            }
        }
    }

    private static String llmData(AppDefinition d) {
        return d.graph().nodes().stream().filter(n -> "llm".equals(n.id())).findFirst().orElseThrow().data().toString();
    }

    private static Locator checkbox(Page page, String label) {
        return page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName(label).setExact(true));
    }

    private static void choose(Page page, String selectLabel, String option) {
        page.locator(".weft-side-panel vaadin-select").filter(new Locator.FilterOptions().setHasText(selectLabel)).click();
        page.locator("vaadin-select[opened]").getByRole(AriaRole.OPTION, new Locator.GetByRoleOptions().setName(option).setExact(true)).click();
        assertThat(page.locator("vaadin-select[opened]")).hasCount(0);
        settle(page);
    }

    private static double[] transform(Page page) {
        String t = (String) page.locator(".react-flow__viewport").evaluate("e => e.style.transform");
        Matcher m = TRANSFORM.matcher(t);
        org.assertj.core.api.Assertions.assertThat(m.find()).as(t).isTrue();
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))};
    }

    private static boolean overlaps(BoundingBox a, BoundingBox b) {
        return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    }

    /** The stored draft once the designer's autosave has written what {@code ready} expects (at most 10 s). */
    private AppDefinition awaitDraft(String appId, Predicate<AppDefinition> ready) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        AppDefinition draft = apps.draft(appId);
        while (!ready.test(draft) && System.nanoTime() < until) {
            Thread.sleep(100);
            draft = apps.draft(appId);
        }
        return draft;
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
