package dev.weft.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.definition.AppMode;
import dev.weft.app.definition.DefinitionParser;
import dev.weft.engine.RunResult;
import dev.weft.engine.event.RunEvent;
import dev.weft.engine.event.RunStatus;
import dev.weft.knowledge.dataset.Dataset;
import dev.weft.knowledge.dataset.DatasetService;
import dev.weft.knowledge.dataset.DocumentService;
import dev.weft.knowledge.dataset.DocumentStatus;
import dev.weft.knowledge.embed.LocalOnnxEmbeddingModel;
import dev.weft.model.openai.FakeOpenAiServer;
import dev.weft.model.openai.FakeOpenAiServer.Reply;
import dev.weft.model.provider.ModelProviderDraft;
import dev.weft.model.provider.ModelProviderService;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import dev.weft.support.TestDataDirs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Retrieval-augmented chat: Start → Knowledge Retrieval → LLM (context = the retrieval result) → Answer. The LLM's
 * prompt carries the retrieved chunk, and the message records it as a citation (Dify's retriever_resources).
 */
@SpringBootTest
class KnowledgeChatTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("rag").toString());
    }

    @Autowired AppRunService runs;
    @Autowired AppService apps;
    @Autowired AccountService accounts;
    @Autowired ModelProviderService providers;
    @Autowired DefinitionParser parser;
    @Autowired DatasetService datasets;
    @Autowired DocumentService documents;
    @Autowired MessageRepository messages;

    private static Account owner;

    /** The workspace owner; only one can be set up, and the tests share this class's context. */
    private Account owner() {
        if (owner == null) {
            owner = accounts.createOwner("Rag", "rag@example.com", "Owner", "correct horse battery");
        }
        return owner;
    }

    @Test
    void the_answer_uses_and_cites_the_retrieved_chunk() throws Exception {
        Account owner = owner();
        Dataset kb = datasets.create(owner, new DatasetService.DatasetDraft("Policies", null, null, null,
                LocalOnnxEmbeddingModel.ALL_MINILM_L6_V2_Q, null, null));
        documents.addText(owner, kb.getId(), "refunds.md", "# Refunds\n\nCustomers can return unopened items within "
                + "30 days for a full refund. Opened items get store credit only.");
        documents.addText(owner, kb.getId(), "shipping.md", "# Shipping\n\nStandard shipping takes 3 to 5 business days.");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (documents.list(owner, kb.getId()).stream().anyMatch(d -> d.getStatus() != DocumentStatus.COMPLETED)) {
            assertThat(System.nanoTime()).as("documents indexed in time").isLessThan(deadline);
            Thread.sleep(100);
        }

        try (FakeOpenAiServer fake = FakeOpenAiServer.start()) {
            providers.create(ModelProviderDraft.openAiCompatible("fake-rag", fake.baseUrl(), "sk-rag", "gpt-fake"));
            fake.enqueue(Reply.stream(List.of("Within ", "30 days."), Duration.ZERO));
            App app = apps.create(owner.getWorkspaceId(), "Support bot", AppMode.ADVANCED_CHAT, null, owner.getId());
            apps.saveDraft(app.getId(), parser.parse("""
                    {"mode":"advanced-chat","graph":{"nodes":[
                      {"id":"start","position":{"x":0,"y":0},"data":{"type":"start","title":"Start","variables":[]}},
                      {"id":"kr","position":{"x":200,"y":0},"data":{"type":"knowledge-retrieval","title":"Knowledge",
                        "query_variable_selector":["sys","query"],"dataset_ids":["DATASET"],"retrieval_mode":"multiple",
                        "multiple_retrieval_config":{"top_k":1,"reranking_enable":false}}},
                      {"id":"llm","position":{"x":400,"y":0},"data":{"type":"llm","title":"LLM",
                        "model":{"provider":"langgenius/openai/fake-rag","name":"gpt-fake","mode":"chat","completion_params":{}},
                        "context":{"enabled":true,"variable_selector":["kr","result"]},
                        "prompt_template":[{"role":"system","text":"Answer from this context:\\n{{#context#}}"},
                                           {"role":"user","text":"{{#sys.query#}}"}]}},
                      {"id":"answer","position":{"x":600,"y":0},"data":{"type":"answer","title":"Answer","answer":"{{#llm.text#}}"}}],
                     "edges":[{"source":"start","target":"kr"},{"source":"kr","target":"llm"},{"source":"llm","target":"answer"}]}}
                    """.replace("DATASET", kb.getId())), owner.getId());

            List<RunEvent> events = new CopyOnWriteArrayList<>();
            AppRunService.StartedRun run = runs.start(new AppRunService.RunCommand(app.getId(), null, Map.of(),
                    "How long do I have to return something?", "user-1", CreatedByRole.END_USER, null, null, null),
                    events::add);
            RunResult result = run.completion().get(30, TimeUnit.SECONDS);

            assertThat(result.status()).as(String.valueOf(result.error())).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(result.answer()).isEqualTo("Within 30 days.");
            String system = fake.lastRequest().messages().getFirst().getValue();
            assertThat(system).contains("unopened items within 30 days").doesNotContain("Standard shipping");

            List<Map<String, Object>> cited = messages.findById(run.messageId()).orElseThrow().getRetrieverResources();
            assertThat(cited).singleElement().satisfies(r -> {
                assertThat(r.get("dataset_id")).isEqualTo(kb.getId());
                assertThat(r.get("dataset_name")).isEqualTo("Policies");
                assertThat(r.get("document_name")).isEqualTo("refunds.md");
                assertThat(r.get("position")).isEqualTo(1);
                assertThat((String) r.get("content")).contains("30 days");
                assertThat(((Number) r.get("score")).doubleValue()).isBetween(0.0, 1.0);
            });
        }
    }

    @Test
    void automatic_metadata_filtering_lets_the_model_turn_the_query_into_conditions() throws Exception {
        Account owner = owner();
        Dataset kb = datasets.create(owner, new DatasetService.DatasetDraft("Refund policies", null, null, null,
                LocalOnnxEmbeddingModel.ALL_MINILM_L6_V2_Q, null, null));
        String old = documents.addText(owner, kb.getId(), "policy-a.md", "# Refund policy\n\nRefunds are accepted "
                + "within 14 days of delivery, with the receipt.").getId();
        String current = documents.addText(owner, kb.getId(), "policy-b.md", "# Refund policy\n\nRefunds are accepted "
                + "within 30 days of delivery, receipt or not.").getId();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (documents.list(owner, kb.getId()).stream().anyMatch(d -> d.getStatus() != DocumentStatus.COMPLETED)) {
            assertThat(System.nanoTime()).as("documents indexed in time").isLessThan(deadline);
            Thread.sleep(100);
        }
        documents.setMetadata(owner, kb.getId(), old, Map.of("year", "2023"));
        documents.setMetadata(owner, kb.getId(), current, Map.of("year", "2024"));

        try (FakeOpenAiServer fake = FakeOpenAiServer.start()) {
            providers.create(ModelProviderDraft.openAiCompatible("fake-meta", fake.baseUrl(), "sk-meta", "gpt-fake"));
            fake.enqueue(Reply.text("""
                    ```json
                    {"metadata_map": [{"metadata_field_name": "year", "metadata_field_value": "2023", "comparison_operator": "="}]}
                    ```"""), Reply.stream(List.of("14 days."), Duration.ZERO));
            App app = apps.create(owner.getWorkspaceId(), "Policy bot", AppMode.ADVANCED_CHAT, null, owner.getId());
            apps.saveDraft(app.getId(), parser.parse("""
                    {"mode":"advanced-chat","graph":{"nodes":[
                      {"id":"start","position":{"x":0,"y":0},"data":{"type":"start","title":"Start","variables":[]}},
                      {"id":"kr","position":{"x":200,"y":0},"data":{"type":"knowledge-retrieval","title":"Knowledge",
                        "query_variable_selector":["sys","query"],"dataset_ids":["DATASET"],"retrieval_mode":"multiple",
                        "multiple_retrieval_config":{"top_k":1,"reranking_enable":false},
                        "metadata_filtering_mode":"automatic",
                        "metadata_model_config":{"provider":"fake-meta","name":"gpt-fake","mode":"chat","completion_params":{}}}},
                      {"id":"llm","position":{"x":400,"y":0},"data":{"type":"llm","title":"LLM",
                        "model":{"provider":"fake-meta","name":"gpt-fake","mode":"chat","completion_params":{}},
                        "context":{"enabled":true,"variable_selector":["kr","result"]},
                        "prompt_template":[{"role":"system","text":"Answer from this context:\\n{{#context#}}"},
                                           {"role":"user","text":"{{#sys.query#}}"}]}},
                      {"id":"answer","position":{"x":600,"y":0},"data":{"type":"answer","title":"Answer","answer":"{{#llm.text#}}"}}],
                     "edges":[{"source":"start","target":"kr"},{"source":"kr","target":"llm"},{"source":"llm","target":"answer"}]}}
                    """.replace("DATASET", kb.getId())), owner.getId());

            AppRunService.StartedRun run = runs.start(new AppRunService.RunCommand(app.getId(), null, Map.of(),
                    "What was the refund window in 2023?", "user-1", CreatedByRole.END_USER, null, null, null), e -> {});
            RunResult result = run.completion().get(30, TimeUnit.SECONDS);

            assertThat(result.status()).as(String.valueOf(result.error())).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(fake.requests()).hasSize(2);
            String metadataCall = fake.requests().get(0).messages().getLast().getValue();
            assertThat(metadataCall).contains("What was the refund window in 2023?").contains("\"year\"")
                    .contains("\"document_name\"");
            String system = fake.lastRequest().messages().getFirst().getValue();
            assertThat(system).contains("within 14 days").doesNotContain("within 30 days");
        }
    }
}
