package dev.weft.ui.designer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.AppMode;
import dev.weft.app.definition.EdgeDef;
import dev.weft.app.definition.GraphDef;
import dev.weft.app.definition.NodeDef;
import dev.weft.app.dsl.DifyDslExporter;
import dev.weft.app.dsl.DifyDslImporter;
import dev.weft.engine.graph.GraphInspector;
import dev.weft.engine.graph.GraphValidator;
import dev.weft.engine.graph.NodeRegistry;
import dev.weft.engine.graph.TestNodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The designer's editing model: undo and redo, copy and paste, and export to a Dify DSL file and back must give
 * back exactly the graph they started from.
 */
class DraftEditorTest {

    private final NodeRegistry registry = TestNodes.registry();
    private final NodeCatalog catalog = NodeCatalog.of(registry);
    private final GraphInspector inspector = new GraphInspector(registry);
    private final GraphValidator validator = new GraphValidator(registry);
    private final CanvasModel model = new CanvasModel(catalog, inspector);
    private DraftEditor editor;
    private long clock = 1_000_000;

    @BeforeEach
    void starter() {
        AppDefinition empty = new AppDefinition(AppDefinition.SCHEMA, AppMode.ADVANCED_CHAT, GraphDef.empty(), List.of(), List.of(), Map.of());
        NodeDef start = new NodeDef("start", new NodeDef.Position(80, 260), catalog.defaultData("start", "Start", AppMode.ADVANCED_CHAT, null, null));
        editor = new DraftEditor(GraphEdits.addNodes(empty, List.of(start), List.of()), catalog, inspector);
        tick();
        String llm = editor.addNode("llm", new NodeDef.Position(400, 260), null, "openai", "gpt-test");
        tick();
        String answer = editor.addNode("answer", new NodeDef.Position(720, 260), null, null, null);
        tick();
        editor.connect("start", "source", llm);
        tick();
        editor.connect(llm, "source", answer);
        tick();
        ObjectNode data = GraphEdits.find(editor.current(), answer).data().deepCopy();
        data.put("answer", "{{#llm.text#}}");
        editor.updateData(answer, data);
        tick();
    }

    private void tick() {
        clock += 10_000;
        editor.setClock(clock);
    }

    /** A run of edits of every kind, each its own undo step; returns the definition after each. */
    private List<AppDefinition> edit() {
        List<AppDefinition> states = new ArrayList<>();
        states.add(editor.current());
        String check = editor.addNode("if-else", new NodeDef.Position(560, 480), null, null, null);
        states.add(editor.current());
        tick();
        editor.connect("llm", "source", check);
        states.add(editor.current());
        tick();
        ObjectNode cases = GraphEdits.find(editor.current(), check).data().deepCopy();
        ((ObjectNode) cases.withArrayProperty("cases").get(0)).withArrayProperty("conditions").addObject()
                .put("comparison_operator", "contains").put("value", "refund").putArray("variable_selector").add("llm").add("text");
        editor.updateData(check, cases);
        states.add(editor.current());
        tick();
        String classifier = editor.addNode("question-classifier", new NodeDef.Position(900, 480), null, "openai", "gpt-test");
        states.add(editor.current());
        tick();
        editor.connect(check, "true", classifier);
        states.add(editor.current());
        tick();
        editor.connect(classifier, "1", "answer");
        states.add(editor.current());
        tick();
        editor.move(Map.of("answer", new NodeDef.Position(1200, 100), check, new NodeDef.Position(600, 520)));
        states.add(editor.current());
        tick();
        editor.delete(List.of(), List.of("llm-source-answer"));
        states.add(editor.current());
        tick();
        editor.layout(model::height);
        states.add(editor.current());
        tick();
        editor.paste(editor.copy(List.of(classifier)), new NodeDef.Position(1500, 700));
        states.add(editor.current());
        return states;
    }

    @Test
    void undoWalksBackThroughEveryStepAndRedoForwardAgain() {
        List<AppDefinition> states = edit();
        for (int i = states.size() - 1; i > 0; i--) {
            assertThat(editor.current()).isEqualTo(states.get(i));
            assertThat(editor.undo()).isTrue();
        }
        assertThat(editor.current()).isEqualTo(states.getFirst());
        for (int i = 1; i < states.size(); i++) {
            assertThat(editor.redo()).isTrue();
            assertThat(editor.current()).isEqualTo(states.get(i));
        }
        assertThat(editor.redo()).isFalse();
        assertThat(validator.validate(editor.current())).isEmpty();
    }

    @Test
    void typingIntoOneNodeIsOneUndoStep() {
        AppDefinition before = editor.current();
        for (String text : List.of("H", "He", "Hel", "Hello {{#llm.text#}}")) {
            ObjectNode data = GraphEdits.find(editor.current(), "answer").data().deepCopy();
            data.put("answer", text);
            editor.updateData("answer", data);
            clock += 200;
            editor.setClock(clock);
        }
        assertThat(editor.undo()).isTrue();
        assertThat(editor.current()).isEqualTo(before);
    }

    @Test
    void cutAndPasteInPlaceGivesBackTheSameGraph() {
        edit();
        AppDefinition before = editor.current();
        List<String> tail = List.of("question_classifier_2");
        NodeDef copied = GraphEdits.find(before, "question_classifier_2");
        GraphClipboard.Fragment fragment = editor.copy(tail);
        editor.delete(tail, List.of());
        assertThat(GraphEdits.find(editor.current(), "question_classifier_2")).isNull();
        List<String> pasted = editor.paste(fragment, copied.position());
        assertThat(pasted).containsExactly("question_classifier_2");
        assertThat(editor.current()).isEqualTo(before);
    }

    @Test
    void pastedNodesGetNewIdsAndPointAtEachOther() {
        AppDefinition before = editor.current();
        List<String> pasted = editor.paste(editor.copy(List.of("llm", "answer")), null);

        assertThat(pasted).containsExactly("llm_2", "answer_2");
        AppDefinition after = editor.current();
        NodeDef llm = GraphEdits.find(after, "llm");
        NodeDef llm2 = GraphEdits.find(after, "llm_2");
        NodeDef answer2 = GraphEdits.find(after, "answer_2");
        assertThat(llm2.data()).isEqualTo(llm.data());
        assertThat(llm2.position()).isEqualTo(new NodeDef.Position(llm.position().x() + DraftEditor.PASTE_OFFSET,
                llm.position().y() + DraftEditor.PASTE_OFFSET));
        assertThat(answer2.data().get("answer").asString()).isEqualTo("{{#llm_2.text#}}");
        assertThat(after.graph().edges()).extracting(EdgeDef::source, EdgeDef::target).contains(org.assertj.core.groups.Tuple.tuple("llm_2", "answer_2"));
        // the copy is complete: deleting it leaves the graph as it was
        editor.delete(pasted, List.of());
        assertThat(editor.current()).isEqualTo(before);
    }

    @Test
    void exportToDifyDslAndImportGiveBackTheSameGraph() {
        edit();
        AppDefinition edited = editor.current();
        assertThat(validator.validate(edited)).isEmpty();

        String yaml = new DifyDslExporter().exportYaml("Router", "", "🤖", edited, false);
        AppDefinition imported = new DifyDslImporter(registry, validator).importYaml(yaml).definition();

        assertThat(imported.graph().nodes()).isEqualTo(edited.graph().nodes());
        assertThat(imported.graph().edges()).isEqualTo(edited.graph().edges());
        assertThat(imported.mode()).isEqualTo(edited.mode());
        // and the imported graph edits the same way
        DraftEditor again = new DraftEditor(imported, catalog, inspector);
        again.move(Map.of("answer", new NodeDef.Position(1, 2)));
        assertThat(again.undo()).isTrue();
        assertThat(again.current().graph()).isEqualTo(imported.graph());
    }

    @Test
    void branchesThatGoAwayTakeTheirEdgesWithThem() {
        String classifier = editor.addNode("question-classifier", new NodeDef.Position(900, 480), null, "openai", "gpt-test");
        editor.connect("llm", "source", classifier);
        editor.connect(classifier, "2", "answer");
        assertThat(editor.current().graph().edges()).anyMatch(e -> e.source().equals(classifier) && e.handle().equals("2"));

        ObjectNode data = GraphEdits.find(editor.current(), classifier).data().deepCopy();
        data.withArrayProperty("classes").remove(1);
        editor.updateData(classifier, data);

        assertThat(editor.current().graph().edges()).noneMatch(e -> e.source().equals(classifier));
    }

    @Test
    void theStartNodeCannotBeDeletedAndConnectionsToItselfAreRefused() {
        AppDefinition before = editor.current();
        assertThat(editor.delete(List.of("start"), List.of())).isFalse();
        assertThat(editor.connect("llm", "source", "llm")).isFalse();
        assertThat(editor.connect("start", "source", "llm")).isFalse(); // exists already
        assertThat(editor.current()).isEqualTo(before);
    }

    @Test
    void problemsLandOnTheNodesTheyBelongTo() {
        ObjectNode data = GraphEdits.find(editor.current(), "llm").data().deepCopy();
        data.withObjectProperty("model").put("name", "");
        editor.updateData("llm", data);
        editor.addNode("if-else", new NodeDef.Position(0, 0), null, null, null);

        CanvasModel.Problems problems = CanvasModel.problems(editor.current(), validator.validate(editor.current()));

        assertThat(problems.byNode().get("llm")).containsExactly("model.name: model name is required");
        assertThat(problems.general()).isEmpty();
        var view = model.view(editor.current(), problems, editor.revision(), List.of());
        var llmView = view.get("nodes").valueStream().filter(n -> n.get("id").asString().equals("llm")).findFirst().orElseThrow();
        assertThat(llmView.get("data").get("errors").get(0).asString()).contains("model name is required");
        var ifView = view.get("nodes").valueStream().filter(n -> n.get("id").asString().equals("if_else")).findFirst().orElseThrow();
        assertThat(ifView.get("data").get("branches").valueStream().map(b -> b.get("label").asString()).toList())
                .containsExactly("IF", "ELSE");
    }

    @Test
    void theViewportIsKeptWithTheDraftButIsNoUndoStep() {
        AppDefinition before = editor.current();
        int revision = editor.revision();
        assertThat(CanvasModel.viewport(before)).isNull();

        assertThat(editor.setViewport(-120, 35.5, 0.8)).isTrue();
        assertThat(editor.setViewport(-120, 35.5, 0.8)).isFalse();
        assertThat(editor.revision()).isEqualTo(revision + 1); // the draft is saved again
        assertThat(editor.current().graph().viewport()).containsExactly(Map.entry("x", -120.0), Map.entry("y", 35.5),
                Map.entry("zoom", 0.8));
        assertThat(editor.current().graph().nodes()).isEqualTo(before.graph().nodes());
        // the designer opens where it was left
        var view = model.view(editor.current(), CanvasModel.problems(editor.current(), List.of()), editor.revision(), List.of());
        assertThat(view.get("viewport").toString()).isEqualTo("{\"x\":-120.0,\"y\":35.5,\"zoom\":0.8}");

        // undo takes back the last edit (the answer's text), not the pan, and leaves the view where it is
        assertThat(editor.undo()).isTrue();
        assertThat(GraphEdits.find(editor.current(), "answer").data().get("answer").asString()).isEmpty();
        assertThat(editor.current().graph().viewport()).containsEntry("zoom", 0.8);
        assertThat(editor.redo()).isTrue();
        assertThat(editor.current().graph().viewport()).containsEntry("x", -120.0);
    }

    @Test
    void templatesDefaultViewportOpensFitted() {
        AppDefinition def = editor.current();
        AppDefinition unset = def.withGraph(new GraphDef(def.graph().nodes(), def.graph().edges(), Map.of("x", 0, "y", 0, "zoom", 1)));
        assertThat(CanvasModel.viewport(unset)).isNull();
        AppDefinition broken = def.withGraph(new GraphDef(def.graph().nodes(), def.graph().edges(), Map.of("x", "left", "y", 0, "zoom", 1)));
        assertThat(CanvasModel.viewport(broken)).isNull();
        AppDefinition moved = def.withGraph(new GraphDef(def.graph().nodes(), def.graph().edges(), Map.of("x", 10, "y", 0, "zoom", 1)));
        assertThat(CanvasModel.viewport(moved).get("x").asDouble()).isEqualTo(10);
    }

    @Test
    void pasteOverAnIterationPutsTheNodesInsideIt() {
        String iteration = editor.addNode("iteration", new NodeDef.Position(300, 600), null, null, null);
        List<String> pasted = editor.paste(editor.copy(List.of("llm", "answer")), new NodeDef.Position(80, 90), iteration);

        assertThat(pasted).hasSize(2);
        NodeDef llm2 = GraphEdits.find(editor.current(), pasted.get(0));
        NodeDef answer2 = GraphEdits.find(editor.current(), pasted.get(1));
        for (NodeDef n : List.of(llm2, answer2)) {
            assertThat(n.parentId()).isEqualTo(iteration);
            assertThat(n.data().get("iteration_id").asString()).isEqualTo(iteration);
            assertThat(n.data().get("isInIteration").asBoolean()).isTrue();
            assertThat(n.extra()).containsEntry("extent", "parent");
        }
        // places are relative to the iteration: the copy's top-left node lands where the pointer was
        assertThat(llm2.position()).isEqualTo(new NodeDef.Position(80, 90));
        NodeDef llm = GraphEdits.find(editor.current(), "llm");
        NodeDef answer = GraphEdits.find(editor.current(), "answer");
        assertThat(answer2.position()).isEqualTo(new NodeDef.Position(80 + answer.position().x() - llm.position().x(),
                90 + answer.position().y() - llm.position().y()));

        // copied from inside and pasted without a place (Ctrl+V away from the canvas, Ctrl+D): stays inside
        List<String> again = editor.paste(editor.copy(List.of(llm2.id())), null);
        NodeDef llm3 = GraphEdits.find(editor.current(), again.getFirst());
        assertThat(llm3.parentId()).isEqualTo(iteration);
        assertThat(llm3.position()).isEqualTo(new NodeDef.Position(80 + DraftEditor.PASTE_OFFSET, 90 + DraftEditor.PASTE_OFFSET));
    }

    @Test
    void anIterationPastedOverAnotherGoesBesideItNotInside() {
        String outer = editor.addNode("iteration", new NodeDef.Position(300, 600), null, null, null);
        String inner = editor.addNode("iteration", new NodeDef.Position(900, 600), null, null, null);
        List<String> pasted = editor.paste(editor.copy(List.of(inner)), new NodeDef.Position(50, 40), outer);

        NodeDef copy = GraphEdits.find(editor.current(), pasted.getFirst());
        assertThat(copy.nodeType()).isEqualTo("iteration");
        assertThat(copy.parentId()).isNull();
        assertThat(copy.position()).isEqualTo(new NodeDef.Position(350, 640)); // where the pointer was, on the canvas
        // its start node went with it
        assertThat(editor.current().graph().nodes()).anyMatch(n -> copy.id().equals(n.parentId()));
    }
}
