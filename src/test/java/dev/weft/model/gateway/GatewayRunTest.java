package dev.weft.model.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.definition.AppMode;
import dev.weft.app.definition.DefinitionParser;
import dev.weft.engine.RunResult;
import dev.weft.engine.event.RunStatus;
import dev.weft.model.catalog.ModelCatalog;
import dev.weft.model.catalog.ModelInfo;
import dev.weft.model.openai.FakeOpenAiServer;
import dev.weft.model.openai.FakeOpenAiServer.Reply;
import dev.weft.model.provider.ModelProviderDraft;
import dev.weft.model.provider.ModelProviderService;
import dev.weft.run.AppRunService;
import dev.weft.run.AppRunService.RunCommand;
import dev.weft.run.NodeRun;
import dev.weft.run.RunHistory;
import dev.weft.run.WorkflowRun;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import dev.weft.security.Workspace;
import dev.weft.security.WorkspaceRepository;
import dev.weft.support.TestDataDirs;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway inside the application: runs of a workflow with an LLM node reach a fake OpenAI server through the
 * gateway with the workspace's, app's and node's policies, are priced and recorded, and are stopped by budgets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "spring.autoconfigure.exclude="
        + "com.vaadin.flow.spring.SpringBootAutoConfiguration,"
        + "com.vaadin.flow.spring.SpringSecurityAutoConfiguration,"
        + "com.vaadin.flow.spring.VaadinScopesConfig")
class GatewayRunTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("gateway").toString());
    }

    @Autowired AppRunService runs;
    @Autowired AppService apps;
    @Autowired AccountService accounts;
    @Autowired RunHistory history;
    @Autowired DefinitionParser parser;
    @Autowired ModelProviderService providers;
    @Autowired GatewayPolicies policies;
    @Autowired GatewayBudgets budgets;
    @Autowired ModelGateway gateway;
    @Autowired JdbcTemplate jdbc;
    @Autowired WorkspaceRepository workspaces;
    @Autowired ModelCatalog catalog;

    private final FakeOpenAiServer server = FakeOpenAiServer.start();
    private Account owner;

    @BeforeEach
    void setUp() {
        owner = accounts.hasAccounts()
                ? accounts.findByEmail("owner@example.com").orElseThrow()
                : accounts.createOwner("Test", "owner@example.com", "Owner", "correct horse battery");
        providers.create(ModelProviderDraft.openAiCompatible("openai", server.baseUrl(), "sk-test", "gpt-4o-mini"));
        providers.create(ModelProviderDraft.openAiCompatible("backup", server.baseUrl(), "sk-test", "gpt-4o"));
    }

    @AfterEach
    void tearDown() {
        server.close();
        providers.list().forEach(p -> providers.delete(p.id()));
        budgets.setLimits(BudgetScope.WORKSPACE, owner.getWorkspaceId(), null, null);
        policies.save(PolicyScope.WORKSPACE, owner.getWorkspaceId(), "{}");
        gateway.clearCaches();
    }

    private App llmApp(String gatewayJson) {
        return llmApp(owner.getWorkspaceId(), gatewayJson);
    }

    private App llmApp(String workspaceId, String gatewayJson) {
        String gateway = gatewayJson == null ? "" : ", \"gateway\": " + gatewayJson;
        App app = apps.create(workspaceId, "gateway test", AppMode.WORKFLOW, null, owner.getId());
        apps.saveDraft(app.getId(), parser.parse("""
                {"mode":"workflow",
                 "graph":{"nodes":[
                   {"id":"start","position":{"x":0,"y":0},"data":{"type":"start","title":"Start",
                     "variables":[{"variable":"q","label":"Question","type":"text-input","required":true}]}},
                   {"id":"llm","position":{"x":200,"y":0},"data":{"type":"llm","title":"Ask",
                     "model":{"provider":"openai","name":"gpt-4o-mini","mode":"chat","completion_params":{}%s},
                     "prompt_template":[{"role":"user","text":"{{#start.q#}}"}]}},
                   {"id":"end","position":{"x":400,"y":0},"data":{"type":"end","title":"End",
                     "outputs":[{"variable":"answer","value_selector":["llm","text"]}]}}],
                  "edges":[{"source":"start","target":"llm"},{"source":"llm","target":"end"}]}}
                """.formatted(gateway)), owner.getId());
        return app;
    }

    private RunResult run(App app, String question, String apiKeyId) throws Exception {
        RunCommand command = new RunCommand(app.getId(), null, Map.of("q", question), null, "u1", null, null, null, null);
        return runs.start(apiKeyId == null ? command : command.withApiKey(apiKeyId), e -> {}).completion().get(20, TimeUnit.SECONDS);
    }

    private NodeRun llmRun(RunResult result) {
        return history.nodeRuns(result.runId()).stream().filter(n -> n.getNodeId().equals("llm")).findFirst().orElseThrow();
    }

    @Test
    void aRunRecordsWhatItsModelCallsCost() throws Exception {
        server.enqueue(Reply.text("Paris.").withUsage(1000, 500));
        RunResult result = run(llmApp(null), "Capital of France?", null);

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        // gpt-4o-mini: $0.15 per million input tokens, $0.60 per million output tokens
        BigDecimal expected = new BigDecimal("0.00045");
        assertThat(llmRun(result).getTotalPrice()).isEqualByComparingTo(expected);
        assertThat(llmRun(result).getCurrency()).isEqualTo("USD");
        WorkflowRun recorded = history.findRun(result.runId()).orElseThrow();
        assertThat(recorded.getTotalPrice()).isEqualByComparingTo(expected);
        assertThat(jdbc.queryForObject("SELECT total_price FROM workflow_run WHERE id = ?", BigDecimal.class, result.runId()))
                .isEqualByComparingTo(expected);
        assertThat(llmRun(result).getOutputs()).containsKey("usage");
        @SuppressWarnings("unchecked")
        Map<String, Object> usage = (Map<String, Object>) llmRun(result).getOutputs().get("usage");
        assertThat(usage).containsEntry("total_price", "0.00045").containsEntry("currency", "USD");
    }

    @Test
    void aWorkspaceCatalogueEntryPricesItsOwnModel() throws Exception {
        catalog.save(owner.getWorkspaceId(), new ModelInfo("gpt-4o-mini", null, 128_000, new BigDecimal("1"),
                new BigDecimal("2"), java.util.Set.of(ModelInfo.TOOLS), ModelInfo.WORKSPACE));
        try {
            server.enqueue(Reply.text("ok").withUsage(1000, 500));
            RunResult result = run(llmApp(null), "hi", null);
            // the workspace's price wins over the shipped one: 1000 × $1/M + 500 × $2/M
            assertThat(llmRun(result).getTotalPrice()).isEqualByComparingTo("0.002");
            assertThat(catalog.find(owner.getWorkspaceId(), "gpt-4o-mini").orElseThrow().source()).isEqualTo(ModelInfo.WORKSPACE);
            assertThat(catalog.find(null, "gpt-4o-mini").orElseThrow().source()).isEqualTo(ModelInfo.SHIPPED);
        } finally {
            catalog.delete(owner.getWorkspaceId(), "gpt-4o-mini");
        }
        assertThat(catalog.find(owner.getWorkspaceId(), "gpt-4o-mini").orElseThrow().source()).isEqualTo(ModelInfo.SHIPPED);
    }

    @Test
    void nodePolicyOverridesTheAppsWhichOverridesTheWorkspaces() throws Exception {
        String ws = owner.getWorkspaceId();
        App app = llmApp(null);
        policies.save(PolicyScope.WORKSPACE, ws, """
                {"timeout_seconds": 10, "retry": {"max_retries": 1}, "cache": {"enabled": true, "ttl_seconds": 60}}""");
        policies.save(PolicyScope.APP, app.getId(), """
                {"timeout_seconds": 20, "fallbacks": [{"provider": "backup", "model": "gpt-4o"}]}""");

        GatewayPolicy appLevel = policies.effective(new CallScope(null, app.getId(), null, GatewayPolicy.EMPTY).withWorkspace(ws));
        assertThat(appLevel.timeout()).hasSeconds(20);
        assertThat(appLevel.retry().maxRetries()).isEqualTo(1);
        assertThat(appLevel.fallbacks()).containsExactly(new GatewayPolicy.Upstream("backup", "gpt-4o"));
        assertThat(appLevel.cache().enabled()).isTrue();
        GatewayPolicy nodeLevel = policies.effective(new CallScope(ws, app.getId(), null,
                GatewayPolicyParser.parse("{\"timeout_seconds\": 30, \"cache\": {\"enabled\": false}}", "model.gateway")));
        assertThat(nodeLevel.timeout()).hasSeconds(30);
        assertThat(nodeLevel.cache().enabled()).isFalse();
        assertThat(nodeLevel.fallbacks()).hasSize(1);
        GatewayPolicy otherApp = policies.effective(new CallScope(ws, "another-app", null, GatewayPolicy.EMPTY));
        assertThat(otherApp.timeout()).hasSeconds(10);
        assertThat(otherApp.fallbacks()).isEmpty();

        // and through runs: the workspace turns the cache on, the app adds a fallback
        server.enqueue(Reply.text("Paris."));
        assertThat(run(app, "Capital of France?", null).outputs()).containsEntry("answer", "Paris.");
        assertThat(run(app, "Capital of France?", null).outputs()).containsEntry("answer", "Paris.");
        assertThat(server.callCount()).as("the workspace's cache answered the second run").isEqualTo(1);
        server.enqueue(Reply.error(400, "the primary refuses"), Reply.text("from the fallback"));
        assertThat(run(app, "Capital of Spain?", null).outputs()).containsEntry("answer", "from the fallback");
        assertThat(server.lastRequest().body().path("model").asString()).isEqualTo("gpt-4o");

        // a node that turns the cache off calls the upstream every time
        App nodeOff = llmApp("{\"cache\": {\"enabled\": false}}");
        run(nodeOff, "Capital of Italy?", null);
        run(nodeOff, "Capital of Italy?", null);
        assertThat(server.callCount()).isEqualTo(5);
    }

    @Test
    void aMalformedNodeGatewayPolicyFailsTheNodeNamingTheField() throws Exception {
        RunResult result = run(llmApp("{\"retry\": {\"max_retries\": \"three\"}}"), "hi", null);
        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(llmRun(result).getError())
                .contains("model.gateway.retry.max_retries")
                .contains("must be a whole number from 0 to 20, got \"three\"");
        assertThat(server.callCount()).isZero();
    }

    @Test
    void aWorkspaceTokensPerMinuteBudgetStopsRunsWithAClearError() throws Exception {
        waitUnlessTheMinuteHasTenSecondsLeft();
        String ws = workspaces.save(new Workspace("budget test")).getId();
        budgets.setLimits(BudgetScope.WORKSPACE, ws, 100L, null);
        server.defaultReply(Reply.text("ok").withUsage(50, 10));
        App app = llmApp(ws, null);
        assertThat(run(app, "one", null).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run(app, "two", null).status()).isEqualTo(RunStatus.SUCCEEDED);
        RunResult third = run(app, "three", null);

        assertThat(third.status()).isEqualTo(RunStatus.FAILED);
        assertThat(llmRun(third).getError())
                .contains("the workspace's budget of 100 tokens per minute is spent: 120 tokens used since")
                .contains("it resets at");
        assertThat(server.callCount()).isEqualTo(2);
        assertThat(run(llmApp(null), "other workspace", null).status()).as("other workspaces are not limited").isEqualTo(RunStatus.SUCCEEDED);
        budgets.setLimits(BudgetScope.WORKSPACE, ws, null, null);
    }

    @Test
    void anApiKeyCostPerMonthBudgetStopsThatKeysRunsOnly() throws Exception {
        String key = "key-" + System.nanoTime();
        budgets.setLimits(BudgetScope.API_KEY, key, null, new BigDecimal("0.0004"));
        server.defaultReply(Reply.text("ok").withUsage(1000, 500));
        App app = llmApp(null);

        assertThat(run(app, "one", key).status()).isEqualTo(RunStatus.SUCCEEDED);
        RunResult refused = run(app, "two", key);
        assertThat(refused.status()).isEqualTo(RunStatus.FAILED);
        String month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
        assertThat(llmRun(refused).getError())
                .contains("the app API key's budget of $0.0004 (USD) per month is spent: $0.00045 (USD) used in " + month)
                .contains("it resets on");
        assertThat(run(app, "three", "another-key").status()).as("another key has its own budget").isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run(app, "four", null).status()).as("runs without a key are not charged to it").isEqualTo(RunStatus.SUCCEEDED);

        budgets.flush();
        assertThat(jdbc.queryForObject("SELECT cost FROM gateway_spend WHERE scope_type = 'API_KEY' AND scope_id = ? AND period = ?",
                BigDecimal.class, key, month)).isEqualByComparingTo("0.00045");
        assertThat(budgets.spentThisMonth(BudgetScope.WORKSPACE, owner.getWorkspaceId())).isGreaterThanOrEqualTo(new BigDecimal("0.00135"));
    }

    private static void waitUnlessTheMinuteHasTenSecondsLeft() throws InterruptedException {
        long second = Instant.now().getEpochSecond() % 60;
        if (second >= 50) {
            Thread.sleep((61 - second) * 1000);
        }
    }
}
