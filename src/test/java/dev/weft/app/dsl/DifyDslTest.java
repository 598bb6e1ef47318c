package dev.weft.app.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.AppMode;
import dev.weft.app.definition.DefinitionException;
import dev.weft.app.definition.DefinitionParser;
import dev.weft.app.definition.EnvironmentVariable;
import dev.weft.app.definition.NodeDef;
import dev.weft.app.definition.ValidationError;
import dev.weft.engine.graph.GraphValidator;
import dev.weft.engine.graph.NodeRegistry;
import dev.weft.engine.graph.TestNodes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class DifyDslTest {

    private final NodeRegistry registry = TestNodes.registry();
    private final DifyDslImporter importer = new DifyDslImporter(registry, new GraphValidator(registry));
    private final DifyDslExporter exporter = new DifyDslExporter();

    private static String fixture(String name) {
        try (InputStream in = DifyDslTest.class.getResourceAsStream("/dsl/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void importsAnAdvancedChatAppWithItsVariablesAndUiFields() {
        DslImportResult result = importer.importYaml(fixture("advanced-chat-llm.yml"));

        assertThat(result.name()).isEqualTo("Simple Chatflow");
        assertThat(result.description()).isEqualTo("Answers questions with GPT-4o mini.");
        assertThat(result.icon()).isEqualTo("🤖");
        assertThat(result.warnings()).isEmpty();
        AppDefinition def = result.definition();
        assertThat(def.mode()).isEqualTo(AppMode.ADVANCED_CHAT);
        assertThat(def.graph().nodes()).extracting(NodeDef::nodeType).containsExactly("start", "llm", "answer");
        NodeDef llm = def.graph().nodes().get(1);
        assertThat(llm.data().get("model").get("provider").asString()).isEqualTo("langgenius/openai/openai");
        assertThat(llm.data().get("model").get("name").asString()).isEqualTo("gpt-4o-mini");
        assertThat(llm.extra()).containsKeys("positionAbsolute", "selected", "height", "width", "sourcePosition");
        assertThat(def.graph().edges().get(0).extra()).containsKey("data");
        assertThat(def.graph().viewport()).containsEntry("zoom", 0.7);
        assertThat(def.environmentVariables()).extracting(EnvironmentVariable::name).containsExactly("company", "crm_token");
        assertThat(def.conversationVariables()).singleElement().satisfies(v -> assertThat(v.value()).isEqualTo("friendly"));
        assertThat(def.features()).containsEntry("opening_statement", "Hi! Ask me anything about Acme.");
    }

    @Test
    void importsAWorkflowWithBranchesAndDropsNotes() {
        DslImportResult result = importer.importYaml(fixture("workflow-if-else.yml"));

        AppDefinition def = result.definition();
        assertThat(def.mode()).isEqualTo(AppMode.WORKFLOW);
        assertThat(def.graph().nodes()).extracting(NodeDef::nodeType)
                .containsExactly("start", "if-else", "template-transform", "template-transform", "variable-aggregator", "end");
        assertThat(def.graph().edges()).hasSize(6);
        assertThat(def.graph().edges().get(1).handle()).isEqualTo("true");
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void unsupportedNodeTypeFailsTheImportNamingTypeNodeAndPlace() {
        assertThatThrownBy(() -> importer.importYaml(fixture("workflow-with-code.yml")))
                .isInstanceOfSatisfying(DefinitionException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("unsupported node type 'code' at $.workflow.graph.nodes[1] (node 'code_1')");
                    assertThat(e.errors()).containsExactly(
                            new ValidationError("$.workflow.graph.nodes[1]", "unsupported node type 'code' (node 'code_1')"));
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"advanced-chat-llm.yml", "workflow-if-else.yml", "legacy-chat.yml"})
    void exportThenImportKeepsTheGraph(String fixture) {
        DslImportResult first = importer.importYaml(fixture(fixture));

        String yaml = exporter.exportYaml(first.name(), first.description(), first.icon(), first.definition(), false);
        DslImportResult second = importer.importYaml(yaml);

        assertThat(second.definition().graph()).isEqualTo(first.definition().graph());
        DefinitionParser parser = new DefinitionParser();
        assertThat(parser.toTree(second.definition())).isEqualTo(parser.toTree(first.definition()));
        assertThat(second.name()).isEqualTo(first.name());
        assertThat(second.description()).isEqualTo(first.description());
        assertThat(second.icon()).isEqualTo(first.icon());
    }

    @Test
    void exportHasDifyTopLevelShapeAndQuotesNumericIds() {
        AppDefinition def = importer.importYaml(fixture("workflow-if-else.yml")).definition();

        String yaml = exporter.exportYaml("Greeter", "", "👋", def, false);
        JsonNode root = DifyDsl.YAML.readTree(yaml);

        assertThat(root.get("version").asString()).isEqualTo("0.6.0");
        assertThat(root.get("kind").asString()).isEqualTo("app");
        assertThat(root.get("app").get("mode").asString()).isEqualTo("workflow");
        assertThat(root.get("dependencies").isArray()).isTrue();
        assertThat(root.get("dependencies")).isEmpty();
        JsonNode firstNode = root.get("workflow").get("graph").get("nodes").get(0);
        assertThat(firstNode.get("id").isString()).isTrue();
        assertThat(firstNode.get("position").get("x").isIntegralNumber()).isTrue();
        assertThat(yaml).contains("id: \"1718009340000\"").doesNotContain("---");
    }

    @Test
    void secretsAreBlankedOnExportUnlessIncluded() {
        AppDefinition def = importer.importYaml(fixture("advanced-chat-llm.yml")).definition();
        List<EnvironmentVariable> env = def.environmentVariables().stream()
                .map(v -> v.isSecret() ? v.withValue("s3cret-token") : v).toList();
        AppDefinition withSecret = def.withEnvironmentVariables(env);

        JsonNode blanked = DifyDsl.YAML.readTree(exporter.exportYaml("x", "", "", withSecret, false));
        JsonNode included = DifyDsl.YAML.readTree(exporter.exportYaml("x", "", "", withSecret, true));

        assertThat(blanked.get("workflow").get("environment_variables").get(1).get("value").asString()).isEmpty();
        assertThat(blanked.get("workflow").get("environment_variables").get(0).get("value").asString()).isEqualTo("Acme");
        assertThat(included.get("workflow").get("environment_variables").get(1).get("value").asString()).isEqualTo("s3cret-token");
        assertThat(importer.importYaml(exporter.exportYaml("x", "", "", withSecret, true))
                .definition().environmentVariables().get(1).value()).isEqualTo("");
    }

    @Test
    void legacyChatAppBecomesStartLlmAnswer() {
        DslImportResult result = importer.importYaml(fixture("legacy-chat.yml"));

        AppDefinition def = result.definition();
        assertThat(def.mode()).isEqualTo(AppMode.CHAT);
        assertThat(def.graph().nodes()).extracting(NodeDef::nodeType).containsExactly("start", "llm", "answer");
        assertThat(def.graph().nodes().get(0).data().get("variables")).extracting(v -> v.get("variable").asString())
                .containsExactly("city", "language");
        JsonNode prompt = def.graph().nodes().get(1).data().get("prompt_template");
        assertThat(prompt.get(0).get("role").asString()).isEqualTo("system");
        assertThat(prompt.get(0).get("text").asString())
                .isEqualTo("You help people plan trips to {{#start.city#}}. Answer in {{#start.language#}}.");
        assertThat(prompt.get(1).get("text").asString()).isEqualTo("{{#sys.query#}}");
        assertThat(def.graph().nodes().get(2).data().get("answer").asString()).isEqualTo("{{#llm.text#}}");
        assertThat(def.features()).containsEntry("opening_statement", "Where are you going?")
                .containsEntry("suggested_questions", List.of("What should I pack?"));
        assertThat(result.warnings()).singleElement().asString().contains("model_config");
    }

    @Test
    void graphProblemsAreReportedAtTheirPlaceInTheFile() {
        String yaml = fixture("workflow-if-else.yml")
                .replace("'{{ message | upper }}'", "'{{#nope.text#}}'")
                .replace("target: '1718009390000'", "target: ghost");

        assertThatThrownBy(() -> importer.importYaml(yaml))
                .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.errors()).containsExactlyInAnyOrder(
                        new ValidationError("$.workflow.graph.edges[5].target", "edge target 'ghost' is not a node"),
                        new ValidationError("$.workflow.graph.nodes[3].data.template", "{{#nope.text#}}: there is no node 'nope'"),
                        new ValidationError("$.workflow.graph.nodes[5].data.outputs[0].value_selector",
                                "variable [1718009380000, output]: node '1718009380000' is not upstream of node '1718009390000'")));
    }

    @Test
    void nodeIndexesCountDroppedNotes() {
        String yaml = fixture("advanced-chat-llm.yml")
                .replace("    nodes:\n", "    nodes:\n    - data: {type: ''}\n      id: note\n      type: custom-note\n      position: {x: 0, y: 0}\n")
                .replace("answer: '{{#llm.text#}}'", "answer: '{{#llm.txt#}}'");

        assertThatThrownBy(() -> importer.importYaml(yaml))
                .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.errors())
                        .extracting(ValidationError::path).containsExactly("$.workflow.graph.nodes[3].data.answer"));
    }

    @Test
    void headerProblemsAreAllReported() {
        String yaml = """
                version: 0.6
                kind: plugin
                app:
                  mode: agent-chat
                """;

        assertThatThrownBy(() -> importer.importYaml(yaml))
                .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.errors())
                        .extracting(ValidationError::path).containsExactly("$.version", "$.kind", "$.app.name", "$.app.mode"));
    }

    @Test
    void newerMajorVersionIsAWarning() {
        String yaml = fixture("advanced-chat-llm.yml").replace("version: 0.3.0", "version: 1.2.0");

        assertThat(importer.importYaml(yaml).warnings()).singleElement().asString().contains("1.2.0");
    }

    @Test
    void malformedYamlNamesLineAndColumn() {
        String yaml = "app:\n  name: x\n  mode: [workflow\nkind: app\n";

        assertThatThrownBy(() -> importer.importYaml(yaml))
                .isInstanceOfSatisfying(DefinitionException.class, e -> {
                    assertThat(e.errors()).hasSize(1);
                    assertThat(e.errors().getFirst().path()).startsWith("$.app");
                    assertThat(e.errors().getFirst().message()).contains("line ");
                });
    }

    @Test
    void fileOverTenMegabytesIsRefused() {
        String yaml = "kind: app\n#" + "x".repeat(10 * 1024 * 1024) + "\n";

        assertThatThrownBy(() -> importer.importYaml(yaml))
                .isInstanceOfSatisfying(DefinitionException.class, e ->
                        assertThat(e.errors().getFirst().message()).contains("the limit is 10485760 bytes"));
    }

    @Test
    void workflowAppWithoutGraphIsAnError() {
        assertThatThrownBy(() -> importer.importYaml("version: '0.6.0'\nkind: app\napp: {name: x, mode: workflow}\n"))
                .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.errors())
                        .containsExactly(new ValidationError("$.workflow.graph", "a workflow app needs workflow.graph")));
    }
}
