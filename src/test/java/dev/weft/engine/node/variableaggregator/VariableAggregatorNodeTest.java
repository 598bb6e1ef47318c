package dev.weft.engine.node.variableaggregator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.engine.graph.NodeRegistry;
import dev.weft.engine.node.StubNodeContext;
import dev.weft.engine.variable.Values;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariableAggregatorNodeTest {

    private final StubNodeContext ctx = new StubNodeContext("agg");

    @Test
    void first_set_variable_wins() throws Exception {
        var node = new VariableAggregatorNode();
        ctx.pool.put("b", "text", "from b");
        ctx.pool.put("c", "text", "from c");
        ctx.pool.put("a", "text", null);
        var config = NodeRegistry.bind(node, Values.JSON.readTree("""
                {"output_type":"string","variables":[["a","text"],["missing","text"],["b","text"],["c","text"]]}"""));
        var result = node.execute(config, ctx);
        assertThat(result.outputs()).containsExactly(Map.entry("output", "from b"));
        assertThat(result.inputs()).containsEntry("text", "from b");
    }

    @Test
    void groups_give_one_output_each_and_legacy_name_behaves_the_same() throws Exception {
        var legacy = new LegacyVariableAssignerNode();
        ctx.pool.put("x", "n", 1);
        ctx.pool.put("y", "s", "yes");
        var config = NodeRegistry.bind(legacy, Values.JSON.readTree("""
                {"variables":[],"advanced_settings":{"group_enabled":true,"groups":[
                  {"group_name":"num","output_type":"number","variables":[["none","n"],["x","n"]]},
                  {"group_name":"str","output_type":"string","variables":[["y","s"]]}]}}"""));
        var result = legacy.execute(config, ctx);
        assertThat(legacy.type()).isEqualTo("variable-assigner");
        assertThat(result.outputs()).isEqualTo(Map.of("num", Map.of("output", 1), "str", Map.of("output", "yes")));
        assertThat(legacy.outputNames(config)).containsExactly("num", "str");
    }
}
