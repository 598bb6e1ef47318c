package dev.weft.api.service;

import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.definition.AppMode;
import dev.weft.app.definition.DefinitionParser;
import dev.weft.engine.variable.Values;
import dev.weft.model.openai.FakeOpenAiServer;
import dev.weft.model.provider.ModelProviderDraft;
import dev.weft.model.provider.ModelProviderService;
import dev.weft.publish.key.AppApiKeyService;
import dev.weft.publish.settings.PublishSettingsService;
import dev.weft.support.HttpApiTestBase;
import dev.weft.support.TestDataDirs;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A running Weft on a random port whose apps' LLM nodes call a fake OpenAI-compatible server on 127.0.0.1,
 * with helpers to make apps of each mode (published), app keys, and calls to {@code /v1} with a Bearer key.
 * The publishing tests share one application context and one fake server through this class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ServiceApiTestBase extends HttpApiTestBase {

    static final FakeOpenAiServer FAKE = FakeOpenAiServer.start();
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static volatile String provider;

    @Autowired AppService apps;
    @Autowired DefinitionParser parser;
    @Autowired ModelProviderService providers;
    @Autowired AppApiKeyService keys;
    @Autowired PublishSettingsService settings;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("service-api").toString());
        registry.add("weft.security.outbound.allow", () -> "127.0.0.1");
    }

    @BeforeEach
    void provider() {
        synchronized (ServiceApiTestBase.class) {
            if (provider == null) {
                provider = "fake-publish";
                providers.create(ModelProviderDraft.openAiCompatible(provider, FAKE.baseUrl(), "sk-fake-key", "gpt-fake"));
            }
        }
    }

    /** A published app of this mode whose LLM node calls the fake: chat apps answer the query, workflows output {@code text}. */
    String publishedApp(AppMode mode) {
        return publishedApp(mode, definition(mode));
    }

    String publishedApp(AppMode mode, String definitionJson) {
        App app = apps.create(owner.getWorkspaceId(), mode.value() + " app " + NAMES.incrementAndGet(), mode, "A test app", owner.getId());
        apps.saveDraft(app.getId(), parser.parse(definitionJson), owner.getId());
        apps.publish(app.getId(), "v1", null, owner.getId());
        return app.getId();
    }

    /** A published app whose LLM node calls {@code fake}, for tests that hold the fake's stream (its release is one-shot). */
    String publishedAppOn(AppMode mode, FakeOpenAiServer fake) {
        String name = "fake-own-" + NAMES.incrementAndGet();
        providers.create(ModelProviderDraft.openAiCompatible(name, fake.baseUrl(), "sk-fake-key", "gpt-fake"));
        return publishedApp(mode, definition(mode, name));
    }

    static String definition(AppMode mode) {
        return definition(mode, "fake-publish");
    }

    static String definition(AppMode mode, String providerName) {
        String llmUser = mode == AppMode.WORKFLOW ? "{{#start.q#}}" : mode == AppMode.COMPLETION ? "{{#start.query#}}" : "{{#sys.query#}}";
        String startVars = switch (mode) {
            case WORKFLOW -> "[{\"variable\":\"q\",\"label\":\"Question\",\"type\":\"paragraph\",\"required\":true}]";
            case COMPLETION -> "[{\"variable\":\"query\",\"label\":\"Query\",\"type\":\"paragraph\",\"required\":true}]";
            default -> "[{\"variable\":\"topic\",\"label\":\"Topic\",\"type\":\"text-input\",\"required\":false,\"max_length\":48}]";
        };
        String last = mode == AppMode.WORKFLOW
                ? "{\"id\":\"end\",\"data\":{\"type\":\"end\",\"title\":\"End\",\"outputs\":[{\"variable\":\"text\",\"value_selector\":[\"llm\",\"text\"]}]}}"
                : "{\"id\":\"answer\",\"data\":{\"type\":\"answer\",\"title\":\"Answer\",\"answer\":\"{{#llm.text#}}\"}}";
        String lastId = mode == AppMode.WORKFLOW ? "end" : "answer";
        String memory = mode.isChat() ? ",\"memory\":{\"window\":{\"enabled\":true,\"size\":5}}" : "";
        return """
                {"mode":"MODE","features":{"opening_statement":"Hello, ask me anything."},
                 "graph":{"nodes":[
                  {"id":"start","data":{"type":"start","title":"Start","variables":VARS}},
                  {"id":"llm","data":{"type":"llm","title":"LLM",
                    "model":{"provider":"langgenius/openai/PROVIDER","name":"gpt-fake","mode":"chat","completion_params":{}},
                    "prompt_template":[{"role":"system","text":"You are terse."},{"role":"user","text":"USER"}]MEMORY}},
                  LAST],
                 "edges":[{"source":"start","target":"llm"},{"source":"llm","target":"LASTID"}]}}
                """.replace("MODE", mode.value()).replace("VARS", startVars).replace("PROVIDER", providerName)
                .replace("USER", llmUser).replace("MEMORY", memory).replace("LASTID", lastId).replace("LAST", last);
    }

    String key(String appId) {
        return keys.create(appId, owner.getId()).token();
    }

    Response get(String key, String path) {
        return send(key, "GET", path, null, null);
    }

    Response post(String key, String path, Object body) {
        return send(key, "POST", path, "application/json", body instanceof String s ? s : Values.JSON.writeValueAsString(body));
    }

    /** Posts {@code body} and reads the answer as a server-sent event stream, event by event as it arrives. */
    EventStream stream(String key, String path, Object body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Values.JSON.writeValueAsString(body)))
                .build();
        return open(request);
    }

    EventStream openStream(String key, String path) {
        return open(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + key).GET().build());
    }

    static List<String> names(List<JsonNode> events) {
        return events.stream().map(e -> e.get("event").asString()).toList();
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            names.add(e.getKey());
        }
        return names;
    }

    static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
