package dev.weft.engine.node.assigner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.engine.graph.NodeRegistry;
import dev.weft.engine.node.NodeExecutionException;
import dev.weft.engine.node.StubNodeContext;
import dev.weft.engine.variable.Selector;
import dev.weft.engine.variable.Values;
import dev.weft.engine.variable.VariablePool;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AssignerNodeTest {

    private final AssignerNode node = new AssignerNode();
    private final StubNodeContext ctx = new StubNodeContext("assign");

    private void run(String json) throws Exception {
        node.execute(NodeRegistry.bind(node, Values.JSON.readTree(json)), ctx);
    }

    private Object conversation(String name) {
        return ctx.pool.get(Selector.of(VariablePool.CONVERSATION, name)).orElse(null);
    }

    @ParameterizedTest(name = "{1} {2} on {0} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            "a"          | over-write   | "b"          | "b"
            "a"          | set          | "b"          | "b"
            "a"          | clear        | null         | ""
            5            | clear        | null         | 0
            true         | clear        | null         | false
            {"k":1}      | clear        | null         | {}
            [1,2]        | clear        | null         | []
            [1,2]        | append       | 3            | [1,2,3]
            ["a"]        | extend       | ["b","c"]    | ["a","b","c"]
            5            | +=           | 2            | 7
            5            | -=           | 2            | 3
            5            | *=           | 2.5          | 12.5
            5            | /=           | 2            | 2.5
            [1,2,3]      | remove-first | null         | [2,3]
            [1,2,3]      | remove-last  | null         | [1,2]
            []           | remove-last  | null         | []
            """)
    void constant_operations(String currentJson, String operation, String valueJson, String expectedJson) throws Exception {
        ctx.pool.put(VariablePool.CONVERSATION, "v", Values.JSON.readValue(currentJson, Object.class));
        run("""
                {"version":"2","items":[{"variable_selector":["conversation","v"],"input_type":"constant",
                  "operation":"%s","value":%s}]}""".formatted(operation, valueJson));
        assertThat(Values.toText(conversation("v"))).isEqualTo(Values.toText(Values.JSON.readValue(expectedJson, Object.class)));
    }

    @Test
    void variable_input_and_write_through_a_child_pool() throws Exception {
        ctx.pool.put(VariablePool.CONVERSATION, "todo", List.of("a"));
        ctx.pool.put("llm", "text", "b");
        run("""
                {"items":[{"variable_selector":["conversation","todo"],"input_type":"variable",
                  "operation":"append","value":["llm","text"]}]}""");
        assertThat(conversation("todo")).isEqualTo(List.of("a", "b"));
    }

    @Test
    void version_one_form() throws Exception {
        ctx.pool.put(VariablePool.CONVERSATION, "name", "old");
        ctx.pool.put("start", "name", "new");
        run("""
                {"assigned_variable_selector":["conversation","name"],"write_mode":"over-write",
                 "input_variable_selector":["start","name"]}""");
        assertThat(conversation("name")).isEqualTo("new");
        run("""
                {"assigned_variable_selector":["conversation","name"],"write_mode":"clear"}""");
        assertThat(conversation("name")).isEqualTo("");
    }

    @Test
    void missing_target_and_type_mismatch_are_clear_errors() {
        assertThatThrownBy(() -> run("""
                {"items":[{"variable_selector":["conversation","nope"],"input_type":"constant","operation":"set","value":"x"}]}"""))
                .isInstanceOf(NodeExecutionException.class).hasMessageContaining("conversation.nope does not exist");
        ctx.pool.put(VariablePool.CONVERSATION, "count", 1);
        assertThatThrownBy(() -> run("""
                {"items":[{"variable_selector":["conversation","count"],"input_type":"constant","operation":"over-write","value":[1]}]}"""))
                .hasMessageContaining("cannot write a list to a variable holding a number");
        assertThatThrownBy(() -> run("""
                {"items":[{"variable_selector":["conversation","count"],"input_type":"constant","operation":"append","value":1}]}"""))
                .hasMessageContaining("needs a list variable");
        assertThatThrownBy(() -> run("""
                {"items":[{"variable_selector":["conversation","count"],"input_type":"constant","operation":"/=","value":0}]}"""))
                .hasMessageContaining("divide by zero");
        assertThat(conversation("count")).isEqualTo(1);
    }

    @Test
    void validation() {
        var config = NodeRegistry.bind(node, Values.JSON.readTree("""
                {"items":[{"variable_selector":["x"],"input_type":"variable","operation":"grow"}]}"""));
        assertThat(node.validate(config)).extracting(p -> p.field()).containsExactly("items[0].variable_selector", "items[0].operation");
    }
}
