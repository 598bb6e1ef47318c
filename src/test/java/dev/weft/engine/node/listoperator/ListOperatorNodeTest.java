package dev.weft.engine.node.listoperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.engine.graph.NodeRegistry;
import dev.weft.engine.node.NodeExecutionException;
import dev.weft.engine.node.NodeResult;
import dev.weft.engine.node.StubNodeContext;
import dev.weft.engine.variable.FileValue;
import dev.weft.engine.variable.Values;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListOperatorNodeTest {

    private final ListOperatorNode node = new ListOperatorNode();
    private final StubNodeContext ctx = new StubNodeContext("list");

    private NodeResult run(String json) throws Exception {
        return node.execute(NodeRegistry.bind(node, Values.JSON.readTree(json)), ctx);
    }

    @Test
    void filters_orders_and_limits_numbers() throws Exception {
        ctx.pool.put("start", "nums", List.of(5, 1, 9, 3, 7));
        ctx.pool.put("start", "min", "2");
        var result = run("""
                {"variable":["start","nums"],
                 "filter_by":{"enabled":true,"conditions":[{"key":"","comparison_operator":">","value":"{{#start.min#}}"}]},
                 "order_by":{"enabled":true,"key":"","value":"desc"},
                 "limit":{"enabled":true,"size":3}}""");
        assertThat(result.outputs().get("result")).isEqualTo(List.of(9, 7, 5));
        assertThat(result.outputs()).containsEntry("first_record", 9).containsEntry("last_record", 5);
    }

    @Test
    void filters_files_by_attribute_and_extracts_by_serial() throws Exception {
        ctx.pool.put("start", "files", List.of(
                new FileValue("document", "local_file", null, "1", "b.pdf", ".pdf", "application/pdf", 30L),
                new FileValue("image", "local_file", null, "2", "a.png", ".png", "image/png", 10L),
                new FileValue("document", "local_file", null, "3", "a.pdf", ".pdf", "application/pdf", 20L)));
        var result = run("""
                {"variable":["start","files"],
                 "filter_by":{"enabled":true,"conditions":[{"key":"type","comparison_operator":"in","value":["document"]}]},
                 "order_by":{"enabled":true,"key":"size","value":"asc"},
                 "extract_by":{"enabled":true,"serial":"2"}}""");
        assertThat(((FileValue) result.outputs().get("first_record")).filename())
                .as("extract_by runs before order_by, as in Dify").isEqualTo("a.pdf");
        assertThat((List<?>) result.outputs().get("result")).hasSize(1);
    }

    @Test
    void strings_and_empty_input() throws Exception {
        ctx.pool.put("start", "words", List.of("apple", "banana", "avocado"));
        var result = run("""
                {"variable":["start","words"],
                 "filter_by":{"enabled":true,"conditions":[{"comparison_operator":"start with","value":"a"}]},
                 "order_by":{"enabled":true,"value":"asc"}}""");
        assertThat(result.outputs().get("result")).isEqualTo(List.of("apple", "avocado"));
        ctx.pool.put("start", "none", List.of());
        assertThat(run("{\"variable\":[\"start\",\"none\"]}").outputs().get("result")).isEqualTo(List.of());
    }

    @Test
    void bad_serial_and_non_list_fail_clearly() {
        ctx.pool.put("start", "words", List.of("a"));
        ctx.pool.put("start", "text", "abc");
        assertThatThrownBy(() -> run("""
                {"variable":["start","words"],"extract_by":{"enabled":true,"serial":"3"}}"""))
                .isInstanceOf(NodeExecutionException.class).hasMessageContaining("beyond the end of the list");
        assertThatThrownBy(() -> run("""
                {"variable":["start","words"],"extract_by":{"enabled":true,"serial":"0"}}"""))
                .hasMessageContaining("whole number from 1");
        assertThatThrownBy(() -> run("{\"variable\":[\"start\",\"text\"]}")).hasMessageContaining("is not a list");
    }
}
