package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.app.App;
import dev.weft.app.AppNotFoundException;
import dev.weft.app.AppService;
import dev.weft.app.AppVersion;
import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.AppMode;
import dev.weft.app.definition.EnvironmentVariable;
import dev.weft.app.definition.NodeDef;
import dev.weft.engine.event.RunEvent;
import dev.weft.engine.event.RunListener;
import dev.weft.engine.event.RunStatus;
import dev.weft.engine.event.TokenUsageSummary;
import dev.weft.engine.node.ChatTurn;
import dev.weft.engine.node.NodeStatus;
import dev.weft.knowledge.dataset.AppRetrieval;
import dev.weft.knowledge.dataset.AppRetrievalLog;
import dev.weft.knowledge.dataset.Dataset;
import dev.weft.knowledge.dataset.DatasetService;
import dev.weft.knowledge.retrieve.RetrievalSettings;
import dev.weft.knowledge.web.CrawlOptions;
import dev.weft.knowledge.webimport.WebImport;
import dev.weft.knowledge.webimport.WebImportService;
import dev.weft.knowledge.webimport.WebImportStatus;
import dev.weft.run.Conversation;
import dev.weft.run.ConversationService;
import dev.weft.run.CreatedByRole;
import dev.weft.run.Message;
import dev.weft.run.NodeRun;
import dev.weft.run.RunHistory;
import dev.weft.run.RunOrigin;
import dev.weft.run.RunRecordWriter;
import dev.weft.run.RunRecorder;
import dev.weft.run.WorkflowRun;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import dev.weft.security.SecretCipher;
import dev.weft.model.provider.ModelProviderDraft;
import dev.weft.model.provider.ModelProviderService;
import dev.weft.model.provider.ModelProviderView;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * What Weft's persistence must do on every supported database. Subclasses pick the database
 * ({@link H2PersistenceTest}, {@link PostgresPersistenceTest}).
 */
@SpringBootTest
abstract class PersistenceContract {

    @Autowired AppService apps;
    @Autowired AccountService accounts;
    @Autowired ConversationService conversations;
    @Autowired RunRecorder recorder;
    @Autowired RunHistory history;
    @Autowired RunRecordWriter recordWriter;
    @Autowired Flyway flyway;
    @Autowired ModelProviderService providers;
    @Autowired SecretCipher cipher;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate transaction;
    @Autowired EntityManager entityManager;
    @Autowired DatasetService datasets;
    @Autowired AppRetrievalLog retrievalLog;
    @Autowired WebImportService webImports;

    Account owner;

    @BeforeEach
    void owner() {
        owner = accounts.hasAccounts()
                ? accounts.findByEmail("owner@example.com").orElseThrow()
                : accounts.createOwner("Test workspace", "owner@example.com", "Owner", "correct horse battery");
    }

    @Test
    void migrationsApply() {
        var applied = flyway.info().applied();
        assertThat(applied).isNotEmpty();
        assertThat(applied[0].getVersion().getVersion()).isEqualTo("1");
        assertThat(applied).allSatisfy(m -> assertThat(m.getState().isFailed()).isFalse());
        for (String table : List.of("workspace", "account", "app", "app_version", "workflow_run", "node_run",
                "conversation", "message", "workspace_default_model", "dataset_query", "kb_web_import")) {
            assertThat(jdbc.queryForObject("select count(*) from " + table, Long.class)).as(table).isNotNull();
        }
    }

    @Test
    void newAppStartsWithTheGraphOfItsMode() {
        App chat = apps.create(owner.getWorkspaceId(), "Helper", AppMode.ADVANCED_CHAT, null, owner.getId());
        AppDefinition draft = apps.draft(chat.getId());
        assertThat(draft.mode()).isEqualTo(AppMode.ADVANCED_CHAT);
        assertThat(draft.graph().nodes()).extracting(NodeDef::nodeType).containsExactly("start", "llm", "answer");
        assertThat(draft.graph().edges()).hasSize(2);
        assertThat(draft.graph().nodes().get(1).data().toString()).contains("{{#sys.query#}}");
        assertThat(draft.graph().nodes().get(2).data().get("answer").asString()).isEqualTo("{{#llm.text#}}");

        AppDefinition completion = apps.draft(
                apps.create(owner.getWorkspaceId(), "Writer", AppMode.COMPLETION, null, owner.getId()).getId());
        assertThat(completion.graph().nodes().get(0).data().get("variables").get(0).get("variable").asString())
                .isEqualTo("query");

        AppDefinition workflow = apps.draft(
                apps.create(owner.getWorkspaceId(), "Flow", AppMode.WORKFLOW, null, owner.getId()).getId());
        assertThat(workflow.graph().nodes()).extracting(NodeDef::nodeType).containsExactly("start", "end");
        assertThat(apps.list(owner.getWorkspaceId())).extracting(App::getName).contains("Helper", "Writer", "Flow");
    }

    @Test
    void publishNumbersVersionsAndRestoreCopiesOneIntoTheDraft() {
        App app = apps.create(owner.getWorkspaceId(), "Versioned", AppMode.WORKFLOW, null, owner.getId());
        apps.saveDraft(app.getId(), withTitle(apps.draft(app.getId()), "first"), owner.getId());
        AppVersion v1 = apps.publish(app.getId(), "First", "initial release", owner.getId());
        apps.saveDraft(app.getId(), withTitle(apps.draft(app.getId()), "second"), owner.getId());
        AppVersion v2 = apps.publish(app.getId(), null, null, owner.getId());
        apps.saveDraft(app.getId(), withTitle(apps.draft(app.getId()), "third"), owner.getId());

        assertThat(v1.getVersion()).isEqualTo(1);
        assertThat(v2.getVersion()).isEqualTo(2);
        assertThat(apps.versions(app.getId())).extracting(AppVersion::getVersion).containsExactly(2, 1);
        assertThat(apps.version(app.getId(), 1).getReleaseNotes()).isEqualTo("initial release");
        assertThat(apps.latestPublished(app.getId())).map(AppVersion::getId).contains(v2.getId());
        assertThat(startTitle(apps.draft(app.getId()))).isEqualTo("third");

        AppDefinition restored = apps.restore(app.getId(), 1, owner.getId());

        assertThat(startTitle(restored)).isEqualTo("first");
        assertThat(startTitle(apps.draft(app.getId()))).isEqualTo("first");
        assertThat(apps.versions(app.getId())).hasSize(2);
        assertThatThrownBy(() -> apps.version(app.getId(), 3))
                .isInstanceOf(AppNotFoundException.class).hasMessageContaining("no published version 3");
    }

    @Test
    void publishedVersionsNeverChange() {
        App app = apps.create(owner.getWorkspaceId(), "Frozen", AppMode.WORKFLOW, null, owner.getId());
        apps.saveDraft(app.getId(), withTitle(apps.draft(app.getId()), "published"), owner.getId());
        AppVersion v1 = apps.publish(app.getId(), null, null, owner.getId());
        String stored = rawDefinition(v1.getId());

        apps.saveDraft(app.getId(), withTitle(apps.draft(app.getId()), "edited"), owner.getId());
        apps.restore(app.getId(), 1, owner.getId());
        assertThat(rawDefinition(v1.getId())).isEqualTo(stored);

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            AppVersion managed = entityManager.find(AppVersion.class, v1.getId());
            ReflectionTestUtils.setField(managed, "definition", "{}");
            entityManager.flush();
        })).hasStackTraceContaining("is published and cannot change");
        assertThat(rawDefinition(v1.getId())).isEqualTo(stored);
    }

    @Test
    void secretEnvironmentVariablesAreStoredEncrypted() {
        App app = apps.create(owner.getWorkspaceId(), "Secretive", AppMode.WORKFLOW, null, owner.getId());
        String plaintext = "sk-test-" + UUID.randomUUID();
        AppDefinition withSecret = apps.draft(app.getId()).withEnvironmentVariables(List.of(
                new EnvironmentVariable("1", "API_KEY", "secret", plaintext, null),
                new EnvironmentVariable("2", "REGION", "string", "eu-west", null)));

        AppDefinition stored = apps.saveDraft(app.getId(), withSecret, owner.getId());

        String raw = rawDefinition(apps.draftVersion(app.getId()).getId());
        assertThat(raw).doesNotContain(plaintext).contains("v1:").contains("eu-west");
        String ciphertext = (String) stored.environmentVariables().get(0).value();
        assertThat(ciphertext).startsWith("v1:");
        assertThat(apps.runnableDefinition(apps.draftVersion(app.getId())).environmentVariables())
                .extracting(EnvironmentVariable::value).containsExactly(plaintext, "eu-west");

        // saving the stored (encrypted) form again keeps the ciphertext as it is
        apps.saveDraft(app.getId(), apps.draft(app.getId()), owner.getId());
        assertThat(apps.draft(app.getId()).environmentVariables().get(0).value()).isEqualTo(ciphertext);

        AppVersion v1 = apps.publish(app.getId(), null, null, owner.getId());
        assertThat(rawDefinition(v1.getId())).doesNotContain(plaintext);
        assertThat(apps.runnableDefinition(v1).environmentVariables().get(0).value()).isEqualTo(plaintext);
    }

    @Test
    void providerKeysAreStoredEncrypted() {
        String key = "sk-live-" + UUID.randomUUID();
        ModelProviderView view = providers.create(new ModelProviderDraft(owner.getWorkspaceId(),
                "Provider " + UUID.randomUUID(), null, "http://127.0.0.1:9/v1", key, "gpt-test", null));

        String raw = jdbc.queryForObject("SELECT api_key_ciphertext FROM model_provider WHERE id = ?", String.class, view.id());

        assertThat(raw).isNotBlank().doesNotContain(key).startsWith("v1:");
        assertThat(jdbc.queryForList("SELECT * FROM model_provider WHERE id = ?", view.id()).toString()).doesNotContain(key);
        assertThat(cipher.decrypt(raw)).isEqualTo(key);
    }

    @Test
    void duplicateCopiesTheDraftOnly() {
        App app = apps.create(owner.getWorkspaceId(), "Original", AppMode.WORKFLOW, null, owner.getId());
        apps.saveDraft(app.getId(), withTitle(apps.draft(app.getId()), "copied"), owner.getId());
        apps.publish(app.getId(), null, null, owner.getId());

        App copy = apps.duplicate(app.getId(), owner.getId());

        assertThat(copy.getId()).isNotEqualTo(app.getId());
        assertThat(copy.getName()).isEqualTo("Original (copy)");
        assertThat(startTitle(apps.draft(copy.getId()))).isEqualTo("copied");
        assertThat(apps.versions(copy.getId())).isEmpty();
        assertThat(apps.rename(copy.getId(), "  Renamed ").getName()).isEqualTo("Renamed");
        assertThatThrownBy(() -> apps.rename(copy.getId(), " ")).hasMessageContaining("name is required");
    }

    @Test
    void runRecorderStoresTheRunAndEveryNodeExecution() throws Exception {
        App app = apps.create(owner.getWorkspaceId(), "Recorded", AppMode.WORKFLOW, null, owner.getId());
        String versionId = apps.draftVersion(app.getId()).getId();
        RunListener listener = recorder.listener(
                new RunOrigin(app.getId(), versionId, AppMode.WORKFLOW, CreatedByRole.ACCOUNT, owner.getId(), null, null));
        String runId = UUID.randomUUID().toString();
        long t0 = System.currentTimeMillis();

        listener.onEvent(new RunEvent.WorkflowStarted(runId, Map.of("topic", "rivers"), t0));
        listener.onEvent(nodeStarted(runId, "exec-start", "start", 1, null));
        listener.onEvent(nodeFinished(runId, "exec-start", "start", 1, t0, TokenUsageSummary.NONE));
        int parallel = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<Future<?>> branches = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
            int index = 2 + i;
            branches.add(pool.submit(() -> {
                go.await();
                listener.onEvent(nodeStarted(runId, "exec-" + index, "llm" + index, index, "start"));
                listener.onEvent(nodeFinished(runId, "exec-" + index, "llm" + index, index, t0,
                        new TokenUsageSummary(10, 5, 15)));
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : branches) {
            f.get();
        }
        pool.shutdown();
        listener.onEvent(new RunEvent.TextChunk(runId, "end", "ignored", null));
        listener.onEvent(new RunEvent.WorkflowFinished(runId, RunStatus.SUCCEEDED, Map.of("answer", "done"), null,
                1234, 120, 1 + parallel, 0, t0, t0 + 1234));
        recordWriter.barrier().get(10, java.util.concurrent.TimeUnit.SECONDS); // run records are written by one writer thread

        WorkflowRun run = history.findRun(runId).orElseThrow();
        assertThat(run.getStatus()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.getAppVersionId()).isEqualTo(versionId);
        assertThat(run.getInputs()).containsEntry("topic", "rivers");
        assertThat(run.getOutputs()).containsEntry("answer", "done");
        assertThat(run.getTotalTokens()).isEqualTo(120);
        assertThat(run.getTotalSteps()).isEqualTo(9);
        assertThat(run.getElapsedMillis()).isEqualTo(1234);
        assertThat(run.getCreatedByRole()).isEqualTo(CreatedByRole.ACCOUNT);
        assertThat(run.getFinishedAt()).isNotNull();
        assertThat(history.listRuns(app.getId(), 10)).extracting(WorkflowRun::getId).containsExactly(runId);

        List<NodeRun> nodes = history.nodeRuns(runId);
        assertThat(nodes).hasSize(1 + parallel);
        assertThat(nodes).extracting(NodeRun::getIndex).isSorted();
        NodeRun first = nodes.get(0);
        assertThat(first.getNodeId()).isEqualTo("start");
        assertThat(first.getPredecessorNodeId()).isNull();
        assertThat(nodes.subList(1, nodes.size())).allSatisfy(n -> {
            assertThat(n.getPredecessorNodeId()).isEqualTo("start");
            assertThat(n.getTotalTokens()).isEqualTo(15);
            assertThat(n.getStatus()).isEqualTo(NodeStatus.SUCCEEDED);
            assertThat(n.getOutputs()).containsEntry("text", "out of " + n.getNodeId());
            assertThat(n.getInputs()).containsKey("nested");
        });
    }

    @Test
    void conversationTurnsComeBackInOrder() {
        App app = apps.create(owner.getWorkspaceId(), "Chatty", AppMode.ADVANCED_CHAT, null, owner.getId());
        Conversation c = conversations.createConversation(app.getId(), "user-1", Map.of("lang", "en"));
        for (int i = 1; i <= 4; i++) {
            conversations.appendMessage(c.getId(), "question " + i, "answer " + i, Map.of(), null, 3, 10);
        }
        Message failed = conversations.startMessage(c.getId(), "question 5", Map.of());
        conversations.failMessage(failed.getId(), "model unavailable", null, 5);
        conversations.startMessage(c.getId(), "question 6", Map.of());

        assertThat(conversations.lastTurns(c.getId(), 2))
                .containsExactly(new ChatTurn("question 3", "answer 3"), new ChatTurn("question 4", "answer 4"));
        assertThat(conversations.lastTurns(c.getId(), 10)).extracting(ChatTurn::query)
                .containsExactly("question 1", "question 2", "question 3", "question 4");
        assertThat(conversations.messages(c.getId())).extracting(Message::getQuery)
                .containsExactly("question 1", "question 2", "question 3", "question 4", "question 5", "question 6");
        assertThat(conversations.dialogueCount(c.getId())).isEqualTo(6);
        assertThat(conversations.findConversation(c.getId()).orElseThrow().getName()).isEqualTo("question 1");
        assertThat(conversations.findConversation(app.getId(), "someone-else", c.getId())).isEmpty();
        assertThat(conversations.listConversations(app.getId(), "user-1", 10)).extracting(Conversation::getId)
                .containsExactly(c.getId());

        conversations.saveVariables(c.getId(), Map.of("todo", List.of("a", "b")));
        assertThat(conversations.findConversation(c.getId()).orElseThrow().getVariables())
                .containsEntry("todo", List.of("a", "b"));
    }

    @Test
    void deletingAnAppDeletesEverythingOfIt() {
        App app = apps.create(owner.getWorkspaceId(), "Doomed", AppMode.ADVANCED_CHAT, null, owner.getId());
        AppVersion v1 = apps.publish(app.getId(), null, null, owner.getId());
        Conversation c = conversations.createConversation(app.getId(), "user-1", Map.of());
        Message m = conversations.startMessage(c.getId(), "hi", Map.of());
        String runId = UUID.randomUUID().toString();
        RunListener listener = recorder.listener(new RunOrigin(app.getId(), v1.getId(), AppMode.ADVANCED_CHAT,
                CreatedByRole.END_USER, "user-1", c.getId(), m.getId()));
        listener.onEvent(new RunEvent.WorkflowStarted(runId, Map.of(), System.currentTimeMillis()));
        listener.onEvent(nodeFinished(runId, "e1", "start", 1, System.currentTimeMillis(), TokenUsageSummary.NONE));
        App other = apps.create(owner.getWorkspaceId(), "Survivor", AppMode.WORKFLOW, null, owner.getId());

        apps.delete(app.getId());

        assertThat(apps.find(app.getId())).isEmpty();
        for (String table : List.of("app_version", "workflow_run", "conversation", "message")) {
            assertThat(jdbc.queryForObject("select count(*) from " + table + " where app_id = ?", Long.class, app.getId()))
                    .as(table).isZero();
        }
        assertThat(jdbc.queryForObject("select count(*) from node_run where workflow_run_id = ?", Long.class, runId)).isZero();
        assertThat(apps.draft(other.getId())).isNotNull();
        assertThatThrownBy(() -> apps.get(app.getId())).isInstanceOf(AppNotFoundException.class);
    }

    @Test
    void aDatasetsRetrievalHistoryAndWebImportsAreKeptAndDeletedWithIt() throws Exception {
        Dataset dataset = datasets.create(owner, new DatasetService.DatasetDraft("History " + UUID.randomUUID(), null,
                null, null, "local:all-minilm-l6-v2-q", null, null));
        retrievalLog.record(new AppRetrieval("app-1", UUID.randomUUID().toString(), "where is the office?",
                RetrievalSettings.DEFAULT, 3, List.of(dataset.getId()), List.of(), "customer-42", "end_user"));
        recordWriter.barrier().get(10, java.util.concurrent.TimeUnit.SECONDS);
        // a private address without the allow-list: the page fails at once and the import completes with it
        WebImport started = webImports.start(owner, dataset.getId(), new CrawlOptions(java.net.URI.create("http://10.1.2.3/"),
                0, 1, true, false, true, List.of(), List.of()));
        long deadline = System.nanoTime() + 30_000_000_000L;
        WebImport ended = started;
        while (ended.getStatus() == WebImportStatus.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(50);
            ended = webImports.get(owner, dataset.getId(), started.getId());
        }
        assertThat(ended.getStatus()).isEqualTo(WebImportStatus.COMPLETED);
        assertThat(ended.getCounts().failed()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from dataset_query where dataset_id = ? and source = 'app'",
                Long.class, dataset.getId())).isEqualTo(1);
        assertThat(jdbc.queryForObject("select created_by || '/' || created_by_role from dataset_query where dataset_id = ?",
                String.class, dataset.getId())).isEqualTo("customer-42/end_user");

        datasets.delete(owner, dataset.getId());

        for (String table : List.of("dataset_query", "kb_web_import", "kb_document")) {
            assertThat(jdbc.queryForObject("select count(*) from " + table + " where dataset_id = ?", Long.class,
                    dataset.getId())).as(table).isZero();
        }
    }

    private String rawDefinition(String versionId) {
        return jdbc.queryForObject("select definition from app_version where id = ?", String.class, versionId);
    }

    private static AppDefinition withTitle(AppDefinition definition, String title) {
        List<NodeDef> nodes = new ArrayList<>(definition.graph().nodes());
        NodeDef start = nodes.get(0);
        ObjectNode data = start.data().deepCopy();
        data.put("title", title);
        nodes.set(0, new NodeDef(start.id(), start.type(), start.position(), start.parentId(), data, start.extra()));
        return definition.withGraph(new dev.weft.app.definition.GraphDef(nodes, definition.graph().edges(),
                definition.graph().viewport()));
    }

    private static String startTitle(AppDefinition definition) {
        return definition.graph().nodes().get(0).title();
    }

    private static RunEvent.NodeStarted nodeStarted(String runId, String execId, String nodeId, int index, String predecessor) {
        return new RunEvent.NodeStarted(runId, execId, nodeId, "llm", nodeId, index, predecessor, null, null,
                System.currentTimeMillis());
    }

    private static RunEvent.NodeFinished nodeFinished(
            String runId, String execId, String nodeId, int index, long t0, TokenUsageSummary usage) {
        return new RunEvent.NodeFinished(runId, execId, nodeId, "llm", nodeId, index, null, null, NodeStatus.SUCCEEDED,
                Map.of("nested", Map.of("list", List.of(1, 2))), Map.of(), Map.of("text", "out of " + nodeId), null,
                12, usage, t0, t0 + 12);
    }
}
