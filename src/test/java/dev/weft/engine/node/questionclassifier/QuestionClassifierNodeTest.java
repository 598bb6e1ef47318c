package dev.weft.engine.node.questionclassifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.engine.graph.NodeRegistry;
import dev.weft.engine.node.NodeKind;
import dev.weft.engine.node.NodeResult;
import dev.weft.engine.node.StubNodeContext;
import dev.weft.engine.variable.Values;
import dev.weft.model.openai.FakeOpenAiServer;
import dev.weft.model.openai.FakeOpenAiServer.Reply;
import dev.weft.model.openai.OpenAiCompatibleChatModel;
import dev.weft.model.openai.OpenAiSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QuestionClassifierNodeTest {

    private final FakeOpenAiServer server = FakeOpenAiServer.start();
    private final QuestionClassifierNode node = new QuestionClassifierNode(
            (provider, model) -> new OpenAiCompatibleChatModel(new OpenAiSettings(server.baseUrl(), null, model)));
    private final StubNodeContext ctx = new StubNodeContext("classifier");
    private final QuestionClassifierConfig config = NodeRegistry.bind(node, Values.JSON.readTree("""
            {"type": "question-classifier",
             "query_variable_selector": ["sys", "query"],
             "model": {"provider": "openai", "name": "gpt-4o-mini", "mode": "chat", "completion_params": {"temperature": 0}},
             "classes": [{"id": "1", "name": "Billing and invoices"},
                         {"id": "2", "name": "Technical problems"},
                         {"id": "3", "name": "Everything else"}],
             "instruction": "Customer language: {{#start.lang#}}"}
            """));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void takesTheBranchOfTheClassTheModelNames() {
        ctx.pool.put("sys", "query", "The app crashes when I upload a file");
        ctx.pool.put("start", "lang", "English");
        server.enqueue(Reply.text("{\"category_id\": \"2\", \"category_name\": \"Technical problems\"}").withUsage(80, 12));

        NodeResult result = node.execute(config, ctx);

        assertThat(result.branchHandle()).isEqualTo("2");
        assertThat(result.outputs()).containsEntry("class_id", "2").containsEntry("class_name", "Technical problems");
        assertThat(result.usage().totalTokens()).isEqualTo(92);
        var messages = server.lastRequest().messages();
        assertThat(messages.get(0).getValue())
                .contains("\"category_id\":\"1\"", "Billing and invoices", "Technical problems", "Customer language: English");
        assertThat(messages.get(messages.size() - 1).getValue()).isEqualTo("The app crashes when I upload a file");
        assertThat(server.lastRequest().body().has("stream")).isFalse();
    }

    @Test
    void findsTheClassInAFencedReplyByNameOrInProse() {
        server.enqueue(Reply.text("```json\n{\"category_name\": \"billing and invoices\"}\n```"),
                Reply.text("This is clearly about Everything else, I think."));

        assertThat(node.execute(config, ctx).branchHandle()).isEqualTo("1");
        NodeResult prose = node.execute(config, ctx);
        assertThat(prose.branchHandle()).isEqualTo("3");
        assertThat(prose.processData()).containsEntry("chosen_by", "text");
    }

    @Test
    void fallsBackToTheFirstClassAndSaysSo() {
        server.enqueue(Reply.text("I cannot decide."));

        NodeResult result = node.execute(config, ctx);

        assertThat(result.branchHandle()).isEqualTo("1");
        assertThat(result.processData()).containsEntry("chosen_by", "fallback");
        assertThat((String) result.processData().get("note")).contains("took the first class");
    }

    @Test
    void declaresItsBranchesAndChecksClassIds() {
        assertThat(node.kind()).isEqualTo(NodeKind.BRANCH);
        assertThat(node.branchHandles(config)).containsExactly("1", "2", "3");
        assertThat(node.validate(config)).isEmpty();
        QuestionClassifierConfig bad = NodeRegistry.bind(node, Values.JSON.readTree("""
                {"model": {"provider": "openai"}, "classes": [{"id": "a", "name": "x"}, {"id": "a", "name": ""}]}
                """));
        assertThat(node.validate(bad)).extracting(p -> p.field())
                .containsExactly("query_variable_selector", "classes[1].id", "classes[1].name");
    }
}
