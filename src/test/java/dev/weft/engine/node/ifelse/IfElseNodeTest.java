package dev.weft.engine.node.ifelse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.engine.graph.NodeRegistry;
import dev.weft.engine.node.NodeExecutionException;
import dev.weft.engine.node.NodeResult;
import dev.weft.engine.node.StubNodeContext;
import dev.weft.engine.variable.FileValue;
import dev.weft.engine.variable.Selector;
import dev.weft.engine.variable.Values;
import java.util.List;
import org.junit.jupiter.api.Test;

class IfElseNodeTest {

    private final IfElseNode node = new IfElseNode();
    private final StubNodeContext ctx = new StubNodeContext("ifelse");

    private IfElseConfig config(String json) {
        return NodeRegistry.bind(node, Values.JSON.readTree(json));
    }

    @Test
    void takes_the_first_matching_case() throws Exception {
        ctx.pool.put("start", "age", 20);
        ctx.pool.put("start", "name", "Ada");
        var config = config("""
                {"type":"if-else","cases":[
                  {"case_id":"minor","logical_operator":"and","conditions":[
                    {"variable_selector":["start","age"],"comparison_operator":"<","value":"18","varType":"number"}]},
                  {"case_id":"adult","logical_operator":"and","conditions":[
                    {"variable_selector":["start","age"],"comparison_operator":"≥","value":"18","varType":"number"},
                    {"variable_selector":["start","name"],"comparison_operator":"start with","value":"A","varType":"string"}]},
                  {"case_id":"other","logical_operator":"or","conditions":[
                    {"variable_selector":["start","name"],"comparison_operator":"not empty","value":""}]}]}
                """);
        NodeResult result = node.execute(config, ctx);
        assertThat(result.branchHandle()).isEqualTo("adult");
        assertThat(result.outputs()).containsEntry("result", true).containsEntry("selected_case_id", "adult");
        assertThat(result.inputs()).containsKey("conditions");
        assertThat(config.cases().get(0).conditions().get(0).varType()).isEqualTo("number");
        assertThat(node.branchHandles(config)).containsExactly("minor", "adult", "other", "false");
        assertThat(node.inputSelectors(config)).contains(Selector.of("start", "age"), Selector.of("start", "name"));
    }

    @Test
    void falls_back_to_false() throws Exception {
        ctx.pool.put("start", "q", "hello");
        var config = config("""
                {"cases":[{"case_id":"c1","logical_operator":"or","conditions":[
                  {"variable_selector":["start","q"],"comparison_operator":"contains","value":"bye"},
                  {"variable_selector":["start","q"],"comparison_operator":"is","value":"hi"}]}]}
                """);
        assertThat(node.execute(config, ctx).branchHandle()).isEqualTo("false");
    }

    @Test
    void legacy_single_case_form_uses_handle_true() throws Exception {
        ctx.pool.put("start", "q", "hello");
        var config = config("""
                {"logical_operator":"and","conditions":[
                  {"variable_selector":["start","q"],"comparison_operator":"is","value":"hello"}]}
                """);
        assertThat(node.execute(config, ctx).branchHandle()).isEqualTo("true");
        assertThat(node.branchHandles(config)).containsExactly("true", "false");
    }

    @Test
    void renders_templates_in_expected_values() throws Exception {
        ctx.pool.put("start", "a", "apple");
        ctx.pool.put("other", "b", "apple");
        ctx.pool.put("start", "flag", true);
        var config = config("""
                {"cases":[{"case_id":"same","logical_operator":"and","conditions":[
                  {"variable_selector":["start","a"],"comparison_operator":"is","value":"{{#other.b#}}"},
                  {"variable_selector":["start","flag"],"comparison_operator":"is","value":"true","varType":"boolean"}]}]}
                """);
        assertThat(node.execute(config, ctx).branchHandle()).isEqualTo("same");
        assertThat(node.inputSelectors(config)).contains(Selector.of("other", "b"));
    }

    @Test
    void file_list_sub_conditions() throws Exception {
        ctx.pool.put("start", "files", List.of(
                new FileValue("document", "local_file", null, "u1", "a.pdf", ".pdf", "application/pdf", 10L),
                new FileValue("image", "local_file", null, "u2", "b.png", ".png", "image/png", 20L)));
        var config = config("""
                {"cases":[{"case_id":"has_pdf","logical_operator":"and","conditions":[
                  {"variable_selector":["start","files"],"comparison_operator":"contains","varType":"array[file]",
                   "sub_variable_condition":{"logical_operator":"and","conditions":[
                     {"key":"extension","comparison_operator":"is","value":"pdf"}]}}]}]}
                """);
        assertThat(node.execute(config, ctx).branchHandle()).isEqualTo("has_pdf");
    }

    @Test
    void type_errors_fail_the_node_with_the_variable_named() {
        ctx.pool.put("start", "q", "text");
        var config = config("""
                {"cases":[{"case_id":"c","logical_operator":"and","conditions":[
                  {"variable_selector":["start","q"],"comparison_operator":">","value":"3"}]}]}
                """);
        assertThatThrownBy(() -> node.execute(config, ctx))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageContaining("start.q")
                .hasMessageContaining("needs a number");
    }

    @Test
    void validation_names_bad_fields() {
        var config = config("""
                {"cases":[{"case_id":"","logical_operator":"xor","conditions":[
                  {"variable_selector":[],"comparison_operator":"like"}]}]}
                """);
        assertThat(node.validate(config)).extracting(p -> p.field()).containsExactly(
                "cases[0].case_id", "cases[0].logical_operator", "cases[0].conditions[0].variable_selector",
                "cases[0].conditions[0].comparison_operator");
    }
}
