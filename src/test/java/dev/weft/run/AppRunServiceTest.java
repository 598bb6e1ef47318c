package dev.weft.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.AppMode;
import dev.weft.app.definition.DefinitionParser;
import dev.weft.engine.RunResult;
import dev.weft.engine.event.RunEvent;
import dev.weft.engine.event.RunStatus;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import dev.weft.support.TestDataDirs;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest
class AppRunServiceTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("apprun").toString());
    }

    @Autowired AppRunService runs;
    @Autowired AppService apps;
    @Autowired AccountService accounts;
    @Autowired ConversationService conversations;
    @Autowired RunHistory history;
    @Autowired DefinitionParser parser;

    Account owner;

    @BeforeEach
    void owner() {
        owner = accounts.hasAccounts()
                ? accounts.findByEmail("owner@example.com").orElseThrow()
                : accounts.createOwner("Test", "owner@example.com", "Owner", "correct horse battery");
    }

    private App app(AppMode mode, String definitionJson) {
        App app = apps.create(owner.getWorkspaceId(), "test " + mode.value(), mode, null, owner.getId());
        AppDefinition definition = parser.parse(definitionJson);
        apps.saveDraft(app.getId(), definition, owner.getId());
        return app;
    }

    private RunResult run(AppRunService.RunCommand command, List<RunEvent> events) throws Exception {
        return runs.start(command, events::add).completion().get(10, TimeUnit.SECONDS);
    }

    @Test
    void a_chat_keeps_its_conversation_variables_and_turns() throws Exception {
        App app = app(AppMode.ADVANCED_CHAT, """
                {"mode":"advanced-chat",
                 "conversationVariables":[{"id":"v1","name":"count","valueType":"number","value":0}],
                 "graph":{"nodes":[
                   {"id":"start","position":{"x":0,"y":0},"data":{"type":"start","title":"Start","variables":[]}},
                   {"id":"count","position":{"x":200,"y":0},"data":{"type":"assigner","title":"Count","version":"2",
                     "items":[{"variable_selector":["conversation","count"],"input_type":"constant","operation":"+=","value":1}]}},
                   {"id":"answer","position":{"x":400,"y":0},"data":{"type":"answer","title":"Answer",
                     "answer":"Turn {{#conversation.count#}} after {{#sys.dialogue_count#}}: {{#sys.query#}}"}}],
                  "edges":[{"source":"start","target":"count"},{"source":"count","target":"answer"}]}}
                """);
        List<RunEvent> events = new CopyOnWriteArrayList<>();

        AppRunService.StartedRun first = runs.start(
                new AppRunService.RunCommand(app.getId(), null, Map.of(), "hello", "u1", null, null, null, null), events::add);
        RunResult firstResult = first.completion().get(10, TimeUnit.SECONDS);
        RunResult second = run(new AppRunService.RunCommand(app.getId(), null, Map.of(), "again", "u1", null,
                first.conversationId(), null, null), events);

        assertThat(firstResult.answer()).isEqualTo("Turn 1 after 0: hello");
        assertThat(second.answer()).isEqualTo("Turn 2 after 1: again");
        assertThat(conversations.messages(first.conversationId())).extracting(Message::getAnswer)
                .containsExactly("Turn 1 after 0: hello", "Turn 2 after 1: again");
        assertThat(conversations.lastTurns(first.conversationId(), 10)).hasSize(2);
        assertThat(history.findRun(second.runId())).hasValueSatisfying(r -> assertThat(r.getStatus()).isEqualTo(RunStatus.SUCCEEDED));
        assertThat(history.nodeRuns(second.runId())).hasSize(3);
    }

    @Test
    void a_workflow_run_is_recorded_with_its_outputs() throws Exception {
        App app = app(AppMode.WORKFLOW, """
                {"mode":"workflow",
                 "environmentVariables":[{"id":"e1","name":"greeting","valueType":"secret","value":"Hello"}],
                 "graph":{"nodes":[
                   {"id":"start","position":{"x":0,"y":0},"data":{"type":"start","title":"Start",
                     "variables":[{"variable":"name","label":"Name","type":"text-input","required":true}]}},
                   {"id":"t","position":{"x":200,"y":0},"data":{"type":"template-transform","title":"Greet",
                     "variables":[{"variable":"g","value_selector":["env","greeting"]},{"variable":"n","value_selector":["start","name"]}],
                     "template":"{{ g }}, {{ n }}!"}},
                   {"id":"end","position":{"x":400,"y":0},"data":{"type":"end","title":"End",
                     "outputs":[{"variable":"text","value_selector":["t","output"]}]}}],
                  "edges":[{"source":"start","target":"t"},{"source":"t","target":"end"}]}}
                """);

        RunResult result = run(new AppRunService.RunCommand(app.getId(), null, Map.of("name", "Ada"), null, "u1", null,
                null, null, null), new CopyOnWriteArrayList<>());

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.outputs()).containsEntry("text", "Hello, Ada!");
        assertThat(history.listRuns(app.getId(), 10)).singleElement()
                .satisfies(r -> assertThat(r.getOutputs()).containsEntry("text", "Hello, Ada!"));
    }
}
