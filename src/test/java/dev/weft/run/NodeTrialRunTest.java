package dev.weft.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.DefinitionParser;
import dev.weft.app.definition.NodeDef;
import dev.weft.engine.RunResult;
import dev.weft.engine.event.RunEvent;
import dev.weft.engine.event.RunStatus;
import dev.weft.security.AccountService;
import dev.weft.support.TestDataDirs;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Running one node of a draft on its own, with the upstream values it reads given by hand. */
@SpringBootTest
class NodeTrialRunTest {

    /** start (name) -> shout (template over start.name) -> greet (template over shout.output and env.greeting) -> end. */
    private static final String GRAPH = """
            {"schema": "weft/v1", "mode": "workflow",
             "environmentVariables": [{"id": "e1", "name": "greeting", "valueType": "string", "value": "Hello"}],
             "graph": {
              "nodes": [
                {"id": "start", "type": "custom", "position": {"x": 0, "y": 0},
                 "data": {"type": "start", "title": "Start", "variables": [{"variable": "name", "label": "Name", "type": "text-input"}]}},
                {"id": "shout", "type": "custom", "position": {"x": 300, "y": 0},
                 "data": {"type": "template-transform", "title": "Shout", "template": "{{ n | upper }}",
                          "variables": [{"variable": "n", "value_selector": ["start", "name"]}]}},
                {"id": "greet", "type": "custom", "position": {"x": 600, "y": 0},
                 "data": {"type": "template-transform", "title": "Greet", "template": "{{ g }}, {{ who }}!",
                          "variables": [{"variable": "who", "value_selector": ["shout", "output"]},
                                        {"variable": "g", "value_selector": ["env", "greeting"]}]}},
                {"id": "end", "type": "custom", "position": {"x": 900, "y": 0},
                 "data": {"type": "end", "title": "End", "outputs": [{"variable": "text", "value_selector": ["greet", "output"]}]}}
              ],
              "edges": [
                {"id": "e1", "source": "start", "sourceHandle": "source", "target": "shout", "targetHandle": "target"},
                {"id": "e2", "source": "shout", "sourceHandle": "source", "target": "greet", "targetHandle": "target"},
                {"id": "e3", "source": "greet", "sourceHandle": "source", "target": "end", "targetHandle": "target"}
              ]}}
            """;

    @Autowired NodeTrialRun trials;
    @Autowired AppService apps;
    @Autowired AccountService accounts;
    @Autowired DefinitionParser parser;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("node-trial").toString());
    }

    @Test
    void runsOneNodeWithTheUpstreamValuesGivenByHand() throws Exception {
        var owner = accounts.createOwner("Trials", "trial@example.com", "Tri Al", "correct horse battery");
        AppDefinition def = parser.parse(GRAPH);
        App app = apps.createFromDefinition(owner.getWorkspaceId(), "Greeter", null, null, def, owner.getId());
        NodeDef greet = def.graph().nodes().get(2);

        assertThat(trials.inputs(greet)).extracting(NodeTrialRun.Input::dotted).containsExactly("shout.output");
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        RunResult result = trials.start(app.getId(), def, greet, Map.of("shout.output", "ADA"), null, events::add)
                .result().get(30, TimeUnit.SECONDS);

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        RunEvent.NodeFinished finished = events.stream().filter(RunEvent.NodeFinished.class::isInstance)
                .map(RunEvent.NodeFinished.class::cast).filter(e -> e.nodeId().equals("greet")).findFirst().orElseThrow();
        assertThat(finished.outputs()).containsEntry("output", "Hello, ADA!");
    }

    @Test
    void startAndIterationNodesDoNotRunAlone() {
        AppDefinition def = parser.parse(GRAPH);
        assertThat(trials.supports(def.graph().nodes().getFirst())).isFalse();
        assertThatThrownBy(() -> trials.start("x", def, def.graph().nodes().getFirst(), Map.of(), null, e -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot run on its own");
    }
}
