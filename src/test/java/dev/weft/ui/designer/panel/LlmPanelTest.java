package dev.weft.ui.designer.panel;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.weft.app.definition.AppMode;
import dev.weft.engine.graph.GraphInspector;
import dev.weft.engine.graph.NodeRegistry;
import dev.weft.engine.node.llm.LlmConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The LLM panel stores structured output, vision and Jinja2 prompts where Dify (and Weft's engine) read them. */
class LlmPanelTest {

    private static ObjectNode llm() {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("type", "llm").put("title", "LLM");
        data.putObject("model").put("provider", "Fake AI").put("name", "gpt-fake").put("mode", "chat");
        data.putArray("prompt_template").addObject().put("role", "system").put("text", "Write about {{#start.topic#}}");
        data.putObject("vision").put("enabled", false);
        return data;
    }

    private static LlmConfig config(ObjectNode data) {
        return NodeRegistry.CONFIG_MAPPER.treeToValue(data, LlmConfig.class);
    }

    @Test
    void structured_output_schema_built_from_rows_is_saved_and_read_by_the_engine() {
        PanelDriver d = new PanelDriver(AppMode.WORKFLOW, llm());
        d.enter(Checkbox.class, "Reply with JSON that follows a schema (structured output)", true);
        assertThat(d.saved().path("structured_output_enabled").asBoolean()).isTrue();
        d.click("Add field");
        d.enter(TextField.class, "Field 1 name", "sentiment");
        d.enter(Select.class, "Field 1 type", "number");
        d.enter(Checkbox.class, "Required", true);
        d.enter(TextField.class, "Field 1 description", "From -1 to 1");
        d.click("Add field");
        d.enter(Select.class, "Field 2 type", "array");

        ObjectNode schema = (ObjectNode) d.saved().path("structured_output").path("schema");
        assertThat(schema.path("type").asString()).isEqualTo("object");
        assertThat(schema.path("properties").propertyNames()).containsExactly("sentiment", "field_2");
        assertThat(schema.path("properties").path("sentiment").path("type").asString()).isEqualTo("number");
        assertThat(schema.path("properties").path("sentiment").path("description").asString()).isEqualTo("From -1 to 1");
        assertThat(schema.path("properties").path("field_2").path("items").path("type").asString()).isEqualTo("string");
        assertThat(schema.path("required").toString()).isEqualTo("[\"sentiment\"]");

        LlmConfig config = config(d.saved());
        assertThat(config.structuredOutputOn()).isTrue();
        assertThat(config.structuredOutput().schema()).containsKey("properties");
        assertThat(String.valueOf(((Map<?, ?>) config.structuredOutput().schema().get("properties")).keySet())).isEqualTo("[sentiment, field_2]");
    }

    @Test
    void schema_typed_as_json_is_taken_when_valid_and_refused_with_a_reason_when_not() {
        PanelDriver d = new PanelDriver(AppMode.WORKFLOW, llm());
        d.enter(Checkbox.class, "Reply with JSON that follows a schema (structured output)", true);
        TextArea json = d.field(TextArea.class, "Schema as JSON");
        PanelDriver.enter(json, """
                {"type": "object", "properties": {"city": {"type": "object", "properties": {"name": {"type": "string"}}}},
                 "required": ["city"]}""");
        assertThat(d.saved().at("/structured_output/schema/properties/city/properties/name/type").asString()).isEqualTo("string");
        assertThat(d.field(TextField.class, "Field 1 name").getValue()).isEqualTo("city");

        int before = d.changes();
        TextArea again = d.field(TextArea.class, "Schema as JSON");
        PanelDriver.enter(again, "{\"type\": \"object\", \"properties\": ");
        assertThat(again.isInvalid()).isTrue();
        assertThat(again.getErrorMessage()).startsWith("Not valid JSON");
        PanelDriver.enter(again, "[1, 2]");
        assertThat(again.getErrorMessage()).contains("\"type\": \"object\"");
        assertThat(d.changes()).isEqualTo(before);
        assertThat(d.saved().at("/structured_output/schema/required/0").asString()).isEqualTo("city");
    }

    @Test
    void vision_saves_the_image_variable_and_resolution() {
        PanelDriver d = new PanelDriver(AppMode.ADVANCED_CHAT, llm());
        assertThat(d.has("Image variable")).isFalse();
        d.enter(Checkbox.class, "Send images to the model (vision)", true);
        assertThat(d.saved().at("/vision/enabled").asBoolean()).isTrue();
        assertThat(d.saved().at("/vision/configs/detail").asString()).isEqualTo("high");
        @SuppressWarnings("unchecked")
        ComboBox<GraphInspector.Variable> image = d.field(ComboBox.class, "Image variable");
        PanelDriver.enter(image, PanelDriver.VARIABLES.get(1));
        d.enter(Select.class, "Image resolution", "low");
        assertThat(d.saved().at("/vision/configs/variable_selector").toString()).isEqualTo("[\"sys\",\"files\"]");
        assertThat(d.saved().at("/vision/configs/detail").asString()).isEqualTo("low");
    }

    @Test
    void jinja2_mode_keeps_the_template_and_its_variables() {
        PanelDriver d = new PanelDriver(AppMode.WORKFLOW, llm());
        assertThat(d.has("System message (Jinja2)")).isFalse();
        d.enter(Select.class, "Template of message 1", "jinja2");
        assertThat(d.saved().at("/prompt_template/0/edition_type").asString()).isEqualTo("jinja2");
        // the basic text is carried over as the starting template
        assertThat(d.field(TextArea.class, "System message (Jinja2)").getValue()).isEqualTo("Write about {{#start.topic#}}");
        d.enter(TextArea.class, "System message (Jinja2)", "Write about {{ topic }}{% if n %} in {{ n }} words{% endif %}");
        d.click("Add Jinja2 variable");
        d.enter(TextField.class, "Name of Jinja2 variable 1", "topic");
        @SuppressWarnings("unchecked")
        ComboBox<GraphInspector.Variable> value = d.field(ComboBox.class, "Value of Jinja2 variable 1");
        PanelDriver.enter(value, PanelDriver.VARIABLES.get(2));

        LlmConfig config = config(d.saved());
        assertThat(config.promptTemplate().getFirst().jinja2()).isTrue();
        assertThat(config.promptTemplate().getFirst().jinja2Text()).startsWith("Write about {{ topic }}{% if n %}");
        assertThat(config.jinja2Variables()).containsExactly(new LlmConfig.Jinja2Variable("topic", List.of("start", "topic")));

        d.enter(Select.class, "Template of message 1", "basic");
        assertThat(d.saved().at("/prompt_template/0/edition_type").asString()).isEqualTo("basic");
        assertThat(d.has("System message (Jinja2)")).isFalse();
    }
}
