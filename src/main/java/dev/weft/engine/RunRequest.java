package dev.weft.engine;

import dev.weft.app.definition.AppMode;
import dev.weft.engine.node.ChatTurn;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything a run starts from. {@code inputs} are the start node's variables; {@code system} the
 * {@code sys.*} values (query, files, user_id, conversation_id, dialogue_count, app_id, workflow_id,
 * workflow_run_id, timestamp); {@code environment} the decrypted environment variables; {@code conversation}
 * the conversation variables' current values; {@code history} the earlier turns for LLM memory.
 * {@code timeout} null means the engine's default. {@code apiKeyId} is the app API key of a Service API run
 * (null otherwise), for the model gateway's per-key budgets. {@code startedByRole} says who {@code sys.user_id} is:
 * {@code account} (a console account debugging the app) or {@code end_user} (the default: an API or web app user).
 */
public record RunRequest(
        String runId,
        String appId,
        AppMode mode,
        Map<String, Object> inputs,
        Map<String, Object> system,
        Map<String, Object> environment,
        Map<String, Object> conversation,
        List<ChatTurn> history,
        Duration timeout,
        String apiKeyId,
        String startedByRole) {

    public static final String ACCOUNT = "account";
    public static final String END_USER = "end_user";

    public RunRequest {
        inputs = inputs == null ? Map.of() : inputs;
        system = system == null ? Map.of() : system;
        environment = environment == null ? Map.of() : environment;
        conversation = conversation == null ? Map.of() : conversation;
        history = history == null ? List.of() : List.copyOf(history);
        startedByRole = startedByRole == null ? END_USER : startedByRole;
    }

    public RunRequest(String runId, String appId, AppMode mode, Map<String, Object> inputs, Map<String, Object> system,
            Map<String, Object> environment, Map<String, Object> conversation, List<ChatTurn> history, Duration timeout) {
        this(runId, appId, mode, inputs, system, environment, conversation, history, timeout, null, null);
    }

    public static RunRequest of(String runId, AppMode mode, Map<String, Object> inputs, Map<String, Object> system) {
        return new RunRequest(runId, null, mode, inputs, system, null, null, null, null);
    }
}
