package dev.weft.engine.node.parameterextractor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.engine.graph.NodeRegistry;
import dev.weft.engine.node.NodeResult;
import dev.weft.engine.node.StubNodeContext;
import dev.weft.engine.variable.Values;
import dev.weft.model.openai.FakeOpenAiServer;
import dev.weft.model.openai.FakeOpenAiServer.Reply;
import dev.weft.model.openai.OpenAiCompatibleChatModel;
import dev.weft.model.openai.OpenAiSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParameterExtractorNodeTest {

    private final FakeOpenAiServer server = FakeOpenAiServer.start();
    private final ParameterExtractorNode node = new ParameterExtractorNode(
            (provider, model) -> new OpenAiCompatibleChatModel(new OpenAiSettings(server.baseUrl(), null, model)));
    private final StubNodeContext ctx = new StubNodeContext("extractor");
    private final ParameterExtractorConfig config = NodeRegistry.bind(node, Values.JSON.readTree("""
            {"type": "parameter-extractor",
             "model": {"provider": "openai", "name": "gpt-4o-mini", "mode": "chat"},
             "query": ["start", "text"],
             "reasoning_mode": "prompt",
             "instruction": "Amounts are in euros.",
             "parameters": [
               {"name": "amount", "type": "number", "description": "the order total", "required": true},
               {"name": "weight", "type": "number", "required": false},
               {"name": "express", "type": "bool", "required": false},
               {"name": "city", "type": "select", "options": ["Paris", "Berlin"], "required": true},
               {"name": "tags", "type": "array[string]", "required": false},
               {"name": "counts", "type": "array[number]", "required": false}]}
            """));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void coercesExtractedValuesToTheirTypes() {
        ctx.pool.put("start", "text", "Ship 42.5 kg to paris by express, total 1,200 euros");
        server.enqueue(Reply.text("""
                Here you go:
                {"amount": "1,200", "weight": "42.5 kg", "express": "yes", "city": "paris", "tags": "urgent", "counts": ["3", 4]}
                """));

        NodeResult result = node.execute(config, ctx);

        assertThat(result.outputs())
                .containsEntry("amount", 1200L)
                .containsEntry("weight", 42.5)
                .containsEntry("express", true)
                .containsEntry("city", "Paris")
                .containsEntry("tags", List.of("urgent"))
                .containsEntry("counts", List.of(3L, 4L))
                .containsEntry("__is_success", 1)
                .containsEntry("__reason", null);
        var messages = server.lastRequest().messages();
        assertThat(messages.get(0).getValue()).contains("\"amount\"", "\"enum\":[\"Paris\",\"Berlin\"]", "Amounts are in euros.");
        assertThat(messages.get(1)).isEqualTo(Map.entry("user", "Ship 42.5 kg to paris by express, total 1,200 euros"));
    }

    @Test
    void reportsAMissingRequiredParameter() {
        server.enqueue(Reply.text("{\"amount\": 30, \"weight\": null}"));

        NodeResult result = node.execute(config, ctx);

        assertThat(result.outputs())
                .containsEntry("amount", 30L)
                .containsEntry("weight", 0L)
                .containsEntry("city", "")
                .containsEntry("__is_success", 0);
        assertThat((String) result.outputs().get("__reason")).isEqualTo("missing required parameter 'city'");
    }

    @Test
    void reportsValuesOfTheWrongTypeAndRepliesWithoutJson() {
        server.enqueue(Reply.text("{\"amount\": \"lots\", \"city\": \"Rome\"}"), Reply.text("Sorry, no idea."));

        NodeResult wrong = node.execute(config, ctx);
        NodeResult none = node.execute(config, ctx);

        assertThat((String) wrong.outputs().get("__reason"))
                .contains("parameter 'amount': 'lots' is not a number")
                .contains("parameter 'city': 'Rome' is not one of the options [Paris, Berlin]");
        assertThat(none.outputs()).containsEntry("__is_success", 0).containsEntry("amount", 0L);
        assertThat((String) none.outputs().get("__reason")).startsWith("the model's reply held no JSON object: Sorry, no idea.");
    }

    @Test
    void validationNamesBadParameters() {
        assertThat(node.validate(config)).isEmpty();
        assertThat(node.outputNames(config)).contains("amount", "__is_success", "__reason");
        ParameterExtractorConfig bad = NodeRegistry.bind(node, Values.JSON.readTree("""
                {"model": {"provider": "openai"}, "query": ["start", "text"], "reasoning_mode": "magic",
                 "parameters": [{"name": "1st", "type": "string"}, {"name": "x", "type": "date"}, {"name": "y", "type": "select"}]}
                """));
        assertThat(node.validate(bad)).extracting(p -> p.field())
                .containsExactly("reasoning_mode", "parameters[0].name", "parameters[1].type", "parameters[2].options");
    }
}
