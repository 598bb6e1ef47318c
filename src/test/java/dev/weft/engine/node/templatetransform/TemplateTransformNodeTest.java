package dev.weft.engine.node.templatetransform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.engine.graph.NodeRegistry;
import dev.weft.engine.node.NodeExecutionException;
import dev.weft.engine.node.StubNodeContext;
import dev.weft.engine.variable.Values;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTransformNodeTest {

    private final TemplateTransformNode node = new TemplateTransformNode(new JinjaRenderer());
    private final StubNodeContext ctx = new StubNodeContext("tt");

    private TemplateTransformConfig config(String template, String... nameAndSelector) {
        StringBuilder vars = new StringBuilder();
        for (int i = 0; i < nameAndSelector.length; i += 2) {
            vars.append(i == 0 ? "" : ",").append("{\"variable\":\"").append(nameAndSelector[i]).append("\",\"value_selector\":")
                    .append(Values.JSON.writeValueAsString(List.of(nameAndSelector[i + 1].split("\\.")))).append('}');
        }
        String json = "{\"template\":" + Values.JSON.writeValueAsString(template) + ",\"variables\":[" + vars + "]}";
        return NodeRegistry.bind(node, Values.JSON.readTree(json));
    }

    @Test
    void renders_jinja_with_loops_filters_and_objects() throws Exception {
        ctx.pool.put("start", "name", "ada");
        ctx.pool.put("llm", "items", List.of(Map.of("title", "one"), Map.of("title", "two")));
        var config = config("Hi {{ name | upper }}:{% for i in items %} {{ loop.index }}.{{ i.title }}{% endfor %}",
                "name", "start.name", "items", "llm.items");
        var result = node.execute(config, ctx);
        assertThat(result.outputs()).containsEntry("output", "Hi ADA: 1.one 2.two");
        assertThat(result.inputs()).containsEntry("name", "ada");
        assertThat(node.inputSelectors(config)).hasSize(2);
    }

    @Test
    void output_over_the_limit_fails() {
        ctx.pool.put("start", "chunk", "x".repeat(1000));
        var config = config("{% for i in range(401) %}{{ chunk }}{% endfor %}", "chunk", "start.chunk");
        assertThatThrownBy(() -> node.execute(config, ctx))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageContaining("more than the limit of 400000");
    }

    @Test
    void templates_cannot_include_other_files() {
        var config = config("{% include 'application.properties' %}");
        assertThatThrownBy(() -> node.execute(config, ctx))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageContaining("application.properties");
    }

    @Test
    void templates_cannot_reach_java_classes() throws Exception {
        ctx.pool.put("start", "name", "ada");
        assertThat((String) node.execute(config("[{{ name.class }}]", "name", "start.name"), ctx).outputs().get("output"))
                .isEqualTo("[]");
        assertThatThrownBy(() -> node.execute(config("{{ name.getClass() }}", "name", "start.name"), ctx))
                .isInstanceOf(NodeExecutionException.class).hasMessageContaining("getClass");
    }

    @Test
    void syntax_errors_are_reported() {
        var config = config("{% for x in %}");
        assertThatThrownBy(() -> node.execute(config, ctx)).isInstanceOf(NodeExecutionException.class)
                .hasMessageContaining("template error");
    }
}
