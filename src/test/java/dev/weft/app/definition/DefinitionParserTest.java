package dev.weft.app.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DefinitionParserTest {

    private final DefinitionParser parser = new DefinitionParser();

    static String fixture(String path) {
        try (InputStream in = DefinitionParserTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void parsesAFixtureWithModeVariablesAndUiFields() {
        AppDefinition def = parser.parse(fixture("/apps/chat-llm.json"));

        assertThat(def.mode()).isEqualTo(AppMode.ADVANCED_CHAT);
        assertThat(def.graph().nodes()).extracting(NodeDef::id).containsExactly("start", "llm", "answer");
        assertThat(def.graph().nodes().get(1).nodeType()).isEqualTo("llm");
        assertThat(def.graph().nodes().get(0).extra()).containsKeys("positionAbsolute", "width", "height", "selected");
        assertThat(def.graph().edges().get(0).extra()).containsKeys("type", "data");
        assertThat(def.environmentVariables()).singleElement().satisfies(v -> assertThat(v.isSecret()).isTrue());
        assertThat(def.conversationVariables()).singleElement().satisfies(v -> assertThat(v.name()).isEqualTo("mood"));
        assertThat(def.features()).containsEntry("opening_statement", "Hello!");
    }

    @Test
    void writesBackTheSameJsonTreeIncludingUnknownUiFields() {
        String json = fixture("/apps/chat-llm.json");
        AppDefinition def = parser.parse(json);

        JsonNode written = parser.toTree(def);
        JsonNode original = DefinitionParser.MAPPER.readTree(json);

        assertThat(written.get("graph").get("nodes").get(0).get("positionAbsolute"))
                .isEqualTo(original.get("graph").get("nodes").get(0).get("positionAbsolute"));
        assertThat(written.get("graph").get("edges")).isEqualTo(original.get("graph").get("edges"));
        assertThat(parser.parse(parser.toJson(def))).isEqualTo(def);
        assertThat(parser.parse(parser.toPrettyJson(def))).isEqualTo(def);
    }

    @Test
    void malformedJsonNamesWhereParsingStoppedWithLineAndColumn() {
        String json = """
                {"mode": "workflow",
                 "graph": {"nodes": [{"id": "a", "data": {"type": "start",}}]}}
                """;

        assertThatThrownBy(() -> parser.parse(json))
                .isInstanceOfSatisfying(DefinitionException.class, e -> {
                    assertThat(e.errors()).hasSize(1);
                    ValidationError error = e.errors().getFirst();
                    assertThat(error.path()).isEqualTo("$.graph.nodes[0].data.type");
                    assertThat(error.message()).contains("line 2");
                });
    }

    @Test
    void truncatedJsonIsAnError() {
        assertThatThrownBy(() -> parser.parse("{\"mode\": \"workflow\", \"graph\": {\"nodes\": ["))
                .isInstanceOfSatisfying(DefinitionException.class, e ->
                        assertThat(e.errors().getFirst().path()).isEqualTo("$.graph.nodes"));
    }

    @Test
    void wrongTypeNamesThePath() {
        String json = """
                {"mode": "workflow", "graph": {"nodes": [{"id": "a", "position": {"x": "left", "y": 0}}]}}
                """;

        assertThatThrownBy(() -> parser.parse(json))
                .isInstanceOfSatisfying(DefinitionException.class, e ->
                        assertThat(e.errors().getFirst().path()).isEqualTo("$.graph.nodes[0].position.x"));
    }

    @Test
    void unknownModeNamesThePathAndTheValue() {
        assertThatThrownBy(() -> parser.parse("{\"mode\": \"agent-chat\"}"))
                .isInstanceOfSatisfying(DefinitionException.class, e -> {
                    assertThat(e.errors().getFirst().path()).isEqualTo("$.mode");
                    assertThat(e.errors().getFirst().message()).contains("agent-chat");
                });
    }

    @Test
    void missingModeAndUnknownSchemaAreBothReported() {
        assertThatThrownBy(() -> parser.parse("{\"schema\": \"weft/v9\"}"))
                .isInstanceOfSatisfying(DefinitionException.class, e ->
                        assertThat(e.errors()).extracting(ValidationError::path).containsExactly("$.schema", "$.mode"));
    }

    @Test
    void misspelledTopLevelKeyIsAnError() {
        assertThatThrownBy(() -> parser.parse("{\"mode\": \"workflow\", \"enviromentVariables\": []}"))
                .isInstanceOfSatisfying(DefinitionException.class, e -> {
                    assertThat(e.errors().getFirst().path()).isEqualTo("$.enviromentVariables");
                });
    }

    @Test
    void notAnObjectIsAnError() {
        assertThatThrownBy(() -> parser.parse("[1, 2]"))
                .isInstanceOfSatisfying(DefinitionException.class, e ->
                        assertThat(e.errors().getFirst()).isEqualTo(new ValidationError("$", "the definition must be a JSON object")));
    }
}
