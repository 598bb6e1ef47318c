package dev.weft.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.AppMode;
import dev.weft.app.definition.NodeDef;
import dev.weft.app.definition.ValidationError;
import dev.weft.app.dsl.DifyDslExporter;
import dev.weft.app.dsl.DifyDslImporter;
import dev.weft.engine.RunResult;
import dev.weft.engine.event.RunStatus;
import dev.weft.engine.graph.GraphValidator;
import dev.weft.knowledge.dataset.Dataset;
import dev.weft.knowledge.dataset.DatasetService;
import dev.weft.knowledge.dataset.DocumentService;
import dev.weft.knowledge.dataset.DocumentStatus;
import dev.weft.knowledge.embed.LocalOnnxEmbeddingModel;
import dev.weft.model.openai.FakeOpenAiServer;
import dev.weft.model.openai.FakeOpenAiServer.Reply;
import dev.weft.model.provider.ModelProviderDraft;
import dev.weft.model.provider.ModelProviderService;
import dev.weft.run.AppRunService;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import dev.weft.support.TestDataDirs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every Studio template is a complete graph: with a model (and a knowledge base where it searches one) it passes the
 * draft validation, survives a DSL export and import unchanged, and runs end to end against a fake OpenAI-compatible
 * provider on 127.0.0.1.
 */
@SpringBootTest
class AppTemplatesTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("templates").toString());
    }

    @Autowired AppTemplates templates;
    @Autowired AppService apps;
    @Autowired AppRunService runs;
    @Autowired AccountService accounts;
    @Autowired ModelProviderService providers;
    @Autowired GraphValidator validator;
    @Autowired DifyDslExporter exporter;
    @Autowired DifyDslImporter importer;
    @Autowired DatasetService datasets;
    @Autowired DocumentService documents;

    Account owner;
    FakeOpenAiServer fake;

    @BeforeEach
    void ownerWithOneProvider() {
        if (!accounts.hasAccounts()) {
            accounts.createOwner("Templates", "owner@example.com", "Owner", "correct horse battery");
        }
        owner = accounts.findByEmail("owner@example.com").orElseThrow();
        providers.list().forEach(p -> providers.delete(p.id()));
        fake = FakeOpenAiServer.start();
        providers.create(new ModelProviderDraft(owner.getWorkspaceId(), "Fake", null, fake.baseUrl(), "sk-templates",
                "gpt-fake", null));
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void there_are_five_templates_covering_the_modes() {
        assertThat(templates.list()).extracting(AppTemplate::id).containsExactly("support-chatbot", "document-qa",
                "summariser", "translation-workflow", "classifier-router");
        assertThat(templates.list()).extracting(AppTemplate::mode)
                .containsOnly(AppMode.ADVANCED_CHAT, AppMode.WORKFLOW);
        assertThat(templates.list()).filteredOn(AppTemplate::usesKnowledge).extracting(AppTemplate::id)
                .containsExactly("support-chatbot");
    }

    @ParameterizedTest
    @ValueSource(strings = {"support-chatbot", "document-qa", "summariser", "translation-workflow", "classifier-router"})
    void each_template_validates_with_a_model_and_round_trips_through_the_dsl(String id) {
        AppDefinition def = templates.definition(id, new StarterModel("Fake", "gpt-fake"), List.of("dataset-1"));

        assertThat(validator.validate(def)).isEmpty();
        AppDefinition back = importer.importYaml(exporter.exportYaml("T", "", null, def, false)).definition();
        assertThat(back.graph().nodes()).extracting(NodeDef::id).containsExactlyElementsOf(
                def.graph().nodes().stream().map(NodeDef::id).toList());
        assertThat(back.graph().nodes()).extracting(NodeDef::data).containsExactlyElementsOf(
                def.graph().nodes().stream().map(NodeDef::data).toList());
        assertThat(validator.validate(back)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"support-chatbot", "document-qa", "summariser", "translation-workflow", "classifier-router"})
    void without_a_model_the_validation_asks_for_one(String id) {
        AppDefinition def = templates.definition(id, StarterModel.NONE, List.of("dataset-1"));

        assertThat(validator.validate(def)).extracting(ValidationError::message)
                .isNotEmpty().allMatch(m -> m.contains("choose a model provider"));
    }

    @Test
    void the_support_chatbot_without_a_knowledge_base_says_to_choose_one() {
        AppDefinition def = templates.definition("support-chatbot", new StarterModel("Fake", "gpt-fake"), List.of());

        assertThat(validator.validate(def)).extracting(ValidationError::message)
                .containsExactly("choose at least one knowledge base");
    }

    @Test
    void the_support_chatbot_answers_from_the_knowledge_base() throws Exception {
        Dataset kb = datasets.create(owner, new DatasetService.DatasetDraft("Help center", null, null, null,
                LocalOnnxEmbeddingModel.ALL_MINILM_L6_V2_Q, null, null));
        documents.addText(owner, kb.getId(), "returns.md", "# Returns\n\nUnopened items can be returned within 30 days "
                + "for a full refund.");
        documents.addText(owner, kb.getId(), "shipping.md", "# Shipping\n\nStandard shipping takes 3 to 5 business days.");
        awaitIndexed(kb);
        fake.enqueue(Reply.stream(List.of("You have ", "30 days."), Duration.ZERO));

        App app = apps.createFromTemplate(owner.getWorkspaceId(), "support-chatbot", null, List.of(kb.getId()), owner.getId());
        RunResult result = run(app, Map.of(), "How long can I return things?");

        assertThat(app.getName()).isEqualTo("Support chatbot");
        assertThat(result.status()).as(String.valueOf(result.error())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.answer()).isEqualTo("You have 30 days.");
        String system = fake.lastRequest().messages().getFirst().getValue();
        assertThat(system).contains("within 30 days").contains("help-center passages");
        assertThat(fake.lastRequest().body().get("model").asString()).isEqualTo("gpt-fake");
    }

    @Test
    void document_qa_answers_about_the_pasted_document() throws Exception {
        fake.enqueue(Reply.text("\"The notice period is 3 months.\""));
        App app = apps.createFromTemplate(owner.getWorkspaceId(), "document-qa", "Contract Q&A", null, owner.getId());

        RunResult result = run(app, Map.of("document", "Either party may terminate with a notice period of 3 months.",
                "question", "What is the notice period?"), null);

        assertThat(result.status()).as(String.valueOf(result.error())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.outputs()).containsEntry("answer", "\"The notice period is 3 months.\"");
        String user = fake.lastRequest().messages().getLast().getValue();
        assertThat(user).contains("notice period of 3 months").contains("Question: What is the notice period?");
    }

    @Test
    void the_summariser_uses_the_chosen_length() throws Exception {
        fake.enqueue(Reply.stream(List.of("Weft ", "builds LLM apps."), Duration.ZERO));
        App app = apps.createFromTemplate(owner.getWorkspaceId(), "summariser", null, null, owner.getId());

        RunResult result = run(app, Map.of("text", "Weft is a self-hosted builder for LLM apps. It runs on Java.",
                "length", "one sentence"), null);

        assertThat(result.status()).as(String.valueOf(result.error())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.outputs()).containsEntry("summary", "Weft builds LLM apps.");
        assertThat(fake.lastRequest().messages().getLast().getValue()).startsWith("Summarise the following text as one sentence.");
    }

    @Test
    void the_translation_workflow_translates_then_reviews() throws Exception {
        fake.enqueue(Reply.text("Hallo Welt"), Reply.text("Hallo, Welt!"));
        App app = apps.createFromTemplate(owner.getWorkspaceId(), "translation-workflow", null, null, owner.getId());

        RunResult result = run(app, Map.of("text", "Hello, world!", "target_language", "German"), null);

        assertThat(result.status()).as(String.valueOf(result.error())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.outputs()).containsEntry("draft", "Hallo Welt").containsEntry("translation", "Hallo, Welt!");
        assertThat(fake.callCount()).isEqualTo(2);
        assertThat(fake.requests().get(0).messages().getFirst().getValue()).contains("into German");
        assertThat(fake.lastRequest().messages().getLast().getValue()).contains("Draft translation:\nHallo Welt");
    }

    @Test
    void the_classifier_router_routes_each_message_to_its_branch() throws Exception {
        App app = apps.createFromTemplate(owner.getWorkspaceId(), "classifier-router", null, null, owner.getId());

        fake.enqueue(Reply.text("{\"category_id\": \"billing\", \"category_name\": \"Billing\"}"),
                Reply.stream(List.of("Refunds take ", "5 days."), Duration.ZERO));
        RunResult billing = run(app, Map.of(), "Where is my refund?");
        assertThat(billing.status()).as(String.valueOf(billing.error())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(billing.answer()).isEqualTo("Refunds take 5 days.");
        assertThat(fake.lastRequest().messages().getFirst().getValue()).contains("billing questions");

        fake.enqueue(Reply.text("{\"category_id\": \"other\"}"));
        int before = fake.callCount();
        RunResult other = run(app, Map.of(), "I love your shop");
        assertThat(other.status()).as(String.valueOf(other.error())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(other.answer()).startsWith("Thanks for your message!");
        assertThat(fake.callCount() - before).isEqualTo(1);
    }

    private void awaitIndexed(Dataset kb) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (documents.list(owner, kb.getId()).stream().anyMatch(d -> d.getStatus() != DocumentStatus.COMPLETED)) {
            assertThat(System.nanoTime()).as("documents indexed in time").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private RunResult run(App app, Map<String, Object> inputs, String query) throws Exception {
        return runs.start(AppRunService.RunCommand.draft(app.getId(), inputs, query, owner.getId()), e -> { })
                .completion().get(30, TimeUnit.SECONDS);
    }
}
