package dev.weft.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.DefinitionParser;
import dev.weft.app.definition.ValidationError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class GraphValidatorTest {

    private final DefinitionParser parser = new DefinitionParser();
    private final GraphValidator validator = new GraphValidator(TestNodes.registry());

    private static String fixture(String name) {
        try (InputStream in = GraphValidatorTest.class.getResourceAsStream("/apps/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fixture as a JSON tree, changed by {@code change}, then validated. */
    private List<ValidationError> validate(String fixture, Consumer<ObjectNode> change) {
        ObjectNode tree = (ObjectNode) DefinitionParser.MAPPER.readTree(fixture(fixture));
        change.accept(tree);
        AppDefinition def = parser.fromTree(tree);
        return validator.validate(def);
    }

    private static ArrayNode nodes(ObjectNode tree) {
        return (ArrayNode) tree.get("graph").get("nodes");
    }

    private static ArrayNode edges(ObjectNode tree) {
        return (ArrayNode) tree.get("graph").get("edges");
    }

    private static ObjectNode data(ObjectNode tree, int node) {
        return (ObjectNode) nodes(tree).get(node).get("data");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chat-llm.json", "workflow-branches.json", "workflow-iteration.json"})
    void fixturesAreValid(String fixture) {
        assertThat(validate(fixture, t -> {})).isEmpty();
    }

    @Test
    void danglingEdgeTargetIsReportedAtTheEdge() {
        List<ValidationError> errors = validate("chat-llm.json", t -> ((ObjectNode) edges(t).get(0)).put("target", "ghost"));

        assertThat(errors).contains(new ValidationError("$.graph.edges[0].target", "edge target 'ghost' is not a node"));
    }

    @Test
    void missingStartNodeIsReportedAtTheNodeList() {
        List<ValidationError> errors = validate("workflow-branches.json", t -> {
            nodes(t).remove(0);
            edges(t).remove(0);
        });

        assertThat(errors).extracting(ValidationError::path).contains("$.graph.nodes");
        assertThat(errors).filteredOn(e -> e.path().equals("$.graph.nodes"))
                .singleElement().extracting(ValidationError::message).isEqualTo("the graph has no start node");
    }

    @Test
    void secondStartNodeIsReported() {
        List<ValidationError> errors = validate("chat-llm.json", t -> data(t, 1).removeAll().put("type", "start"));

        assertThat(errors).extracting(ValidationError::path).contains("$.graph.nodes[1]");
        assertThat(errors).anySatisfy(e -> assertThat(e.message()).contains("more than one start node: 'start', 'llm'"));
    }

    @Test
    void cycleNamesTheNodesOnIt() {
        List<ValidationError> errors = validate("chat-llm.json", t -> edges(t).addObject()
                .put("id", "back").put("source", "answer").put("target", "llm"));

        assertThat(errors).filteredOn(e -> e.message().startsWith("cycle"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.path()).isEqualTo("$.graph.edges[2]");
                    assertThat(e.message()).contains("llm -> answer -> llm");
                });
    }

    @Test
    void cycleInsideAnIterationBodyIsReported() {
        List<ValidationError> errors = validate("workflow-iteration.json", t -> edges(t).addObject()
                .put("id", "loop").put("source", "shout").put("target", "prefix"));

        assertThat(errors).anySatisfy(e -> {
            assertThat(e.path()).isEqualTo("$.graph.edges[4]");
            assertThat(e.message()).isEqualTo("cycle prefix -> shout -> prefix inside iteration 'it'");
        });
    }

    @Test
    void unknownNodeInATemplateIsReportedAtTheExactString() {
        List<ValidationError> errors = validate("chat-llm.json", t -> {
            data(t, 2).put("answer", "Result: {{#nope.text#}}");
            ((ObjectNode) data(t, 1).get("prompt_template").get(1)).put("text", "{{#sys.query#}} {{#sys.nothing#}}");
        });

        assertThat(errors).containsExactlyInAnyOrder(
                new ValidationError("$.graph.nodes[2].data.answer", "{{#nope.text#}}: there is no node 'nope'"),
                new ValidationError("$.graph.nodes[1].data.prompt_template[1].text",
                        "{{#sys.nothing#}}: unknown system variable 'sys.nothing'"));
    }

    @Test
    void referencesMustBeUpstreamDeclaredOutputsAndDeclaredVariables() {
        List<ValidationError> errors = validate("chat-llm.json", t -> {
            ((ObjectNode) data(t, 1).get("prompt_template").get(0)).put("text", "{{#answer.answer#}} {{#start.nope#}} {{#env.MISSING#}}");
            data(t, 2).put("answer", "{{#llm.txt#}} {{#conversation.other#}} {{#answer.answer#}}");
        });

        assertThat(errors).extracting(ValidationError::message).containsExactlyInAnyOrder(
                "{{#answer.answer#}}: node 'answer' is not upstream of node 'llm'",
                "{{#start.nope#}}: node 'start' (start) has no output 'nope'; it has topic",
                "{{#env.MISSING#}}: environment variable 'MISSING' is not declared",
                "{{#llm.txt#}}: node 'llm' (llm) has no output 'txt'; it has text, reasoning_content, usage",
                "{{#conversation.other#}}: conversation variable 'other' is not declared",
                "{{#answer.answer#}}: node 'answer' cannot read its own output");
    }

    @Test
    void selectorFromTheExecutorIsReportedWhereItSitsInTheData() {
        List<ValidationError> errors = validate("workflow-branches.json", t ->
                ((ArrayNode) ((ObjectNode) data(t, 5).get("outputs").get(0)).get("value_selector")).set(1, "nope"));

        assertThat(errors).containsExactly(new ValidationError("$.graph.nodes[5].data.outputs[0].value_selector",
                "variable [agg, nope]: node 'agg' (variable-aggregator) has no output 'nope'; it has output"));
    }

    @Test
    void siblingBranchIsNotUpstream() {
        List<ValidationError> errors = validate("workflow-branches.json", t ->
                data(t, 3).put("template", "{{#t1.output#}}"));

        assertThat(errors).containsExactly(new ValidationError("$.graph.nodes[3].data.template",
                "{{#t1.output#}}: node 't1' is not upstream of node 't2'"));
    }

    @Test
    void iterationBodyReadsOnlyItemAndIndexOfItsIteration() {
        List<ValidationError> errors = validate("workflow-iteration.json", t ->
                data(t, 4).put("template", "{{#it.output#}} {{#end.lines#}}"));

        assertThat(errors).extracting(ValidationError::message).containsExactlyInAnyOrder(
                "{{#it.output#}}: inside iteration 'it' only its item and index can be read, not 'output'",
                "{{#end.lines#}}: node 'end' is not upstream of node 'shout'");
    }

    @Test
    void bodyNodesCannotBeReadFromOutsideTheIteration() {
        List<ValidationError> errors = validate("workflow-iteration.json", t ->
                ((ArrayNode) data(t, 5).get("outputs").get(0).get("value_selector")).set(0, "shout"));

        assertThat(errors).containsExactly(new ValidationError("$.graph.nodes[5].data.outputs[0].value_selector",
                "variable [shout, output]: node 'shout' is not upstream of node 'end'"));
    }

    @Test
    void edgeAcrossAnIterationBoundaryIsReported() {
        List<ValidationError> errors = validate("workflow-iteration.json", t -> edges(t).addObject()
                .put("id", "x").put("source", "start").put("target", "prefix"));

        assertThat(errors).anySatisfy(e -> {
            assertThat(e.path()).isEqualTo("$.graph.edges[4]");
            assertThat(e.message()).contains("crosses an iteration boundary");
        });
    }

    @Test
    void bodyNodeInANonContainerIsReported() {
        List<ValidationError> errors = validate("workflow-iteration.json", t -> {
            ((ObjectNode) nodes(t).get(3)).put("parentId", "start");
            ((ObjectNode) nodes(t).get(2)).put("parentId", "nowhere");
        });

        assertThat(errors).extracting(ValidationError::path).contains("$.graph.nodes[3].parentId", "$.graph.nodes[2].parentId");
    }

    @Test
    void branchHandlesAreCheckedAgainstTheSourceNode() {
        List<ValidationError> errors = validate("workflow-branches.json", t -> {
            ((ObjectNode) edges(t).get(1)).put("sourceHandle", "maybe");
            ((ObjectNode) edges(t).get(3)).put("sourceHandle", "fail-branch");
        });

        assertThat(errors).containsExactly(
                new ValidationError("$.graph.edges[1].sourceHandle",
                        "'maybe' is not a branch of node 'check' (if-else); expected one of greeting, false"),
                new ValidationError("$.graph.edges[3].sourceHandle",
                        "'fail-branch' is not a branch of node 't1' (template-transform); expected one of source"));
    }

    @Test
    void failBranchStrategyAddsItsHandles() {
        List<ValidationError> errors = validate("workflow-branches.json", t -> {
            data(t, 2).put("error_strategy", "fail-branch");
            ((ObjectNode) edges(t).get(3)).put("sourceHandle", "fail-branch");
        });

        assertThat(errors).isEmpty();
    }

    @Test
    void configProblemsAndBindingErrorsNameThePathInsideData() {
        List<ValidationError> errors = validate("chat-llm.json", t -> {
            ((ObjectNode) data(t, 1).get("model")).remove("name");
            data(t, 2).put("error_strategy", "shrug");
        });

        assertThat(errors).containsExactlyInAnyOrder(
                new ValidationError("$.graph.nodes[1].data.model.name", "model name is required"),
                new ValidationError("$.graph.nodes[2].data.error_strategy",
                        "unknown error strategy 'shrug'; expected fail-branch or default-value"));

        List<ValidationError> bindErrors = validate("chat-llm.json", t -> data(t, 1).putArray("model").add(1));
        assertThat(bindErrors).singleElement().extracting(ValidationError::path).isEqualTo("$.graph.nodes[1].data.model");
    }

    @Test
    void nodeIdsAndTypesAreChecked() {
        List<ValidationError> errors = validate("workflow-branches.json", t -> {
            data(t, 2).put("type", "code");
            data(t, 3).remove("type");
            ((ObjectNode) nodes(t).get(4)).put("id", "t1");
            ((ObjectNode) nodes(t).get(5)).remove("id");
        });

        assertThat(errors).contains(
                new ValidationError("$.graph.nodes[2].data.type", "unsupported node type 'code' (node 't1')"),
                new ValidationError("$.graph.nodes[3].data.type", "node type is missing (node 't2')"),
                new ValidationError("$.graph.nodes[4].id", "duplicate node id 't1' (also at $.graph.nodes[2])"),
                new ValidationError("$.graph.nodes[5].id", "node id is missing"));
    }

    @Test
    void modeDecidesBetweenAnswerAndEnd() {
        List<ValidationError> workflow = validate("chat-llm.json", t -> t.put("mode", "workflow"));
        List<ValidationError> chat = validate("workflow-branches.json", t -> t.put("mode", "chat"));
        List<ValidationError> completion = validate("chat-llm.json", t -> t.put("mode", "completion"));

        assertThat(workflow).extracting(ValidationError::path).containsExactly("$.graph.nodes[2].data.type");
        assertThat(chat).extracting(ValidationError::path).containsExactly("$.graph.nodes[5].data.type");
        assertThat(completion).isEmpty();
    }

    @Test
    void notesAreIgnored() {
        List<ValidationError> errors = validate("chat-llm.json", t -> nodes(t).addObject()
                .put("id", "note1").put("type", "custom-note").putObject("data").put("type", "").put("text", "{{#nope.x#}}"));

        assertThat(errors).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        List<ValidationError> errors = validate("chat-llm.json", t -> {
            ((ObjectNode) edges(t).get(0)).put("source", "ghost");
            data(t, 2).put("answer", "{{#nope.text#}}");
            data(t, 0).put("type", "answer");
        });

        assertThat(errors).extracting(ValidationError::path).contains(
                "$.graph.edges[0].source", "$.graph.nodes[2].data.answer", "$.graph.nodes");
    }
}
