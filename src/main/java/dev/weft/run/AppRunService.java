package dev.weft.run;

import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.AppMode;
import dev.weft.app.definition.ConversationVariable;
import dev.weft.app.definition.EnvironmentVariable;
import dev.weft.engine.GraphRunner;
import dev.weft.engine.RunHandle;
import dev.weft.engine.RunRegistry;
import dev.weft.engine.RunRequest;
import dev.weft.engine.RunResult;
import dev.weft.engine.event.RunListener;
import dev.weft.engine.event.RunStatus;
import dev.weft.engine.graph.CompiledGraph;
import dev.weft.engine.node.ChatTurn;
import dev.weft.engine.variable.FileValue;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;

/**
 * Runs an app: loads the draft or a published version, compiles its graph, assembles the run's system,
 * environment and conversation variables and memory, records the run, and for chat apps keeps the
 * conversation and its message. The one way the UI and the APIs start runs.
 */
@Service
public class AppRunService {

    /** Turns of memory handed to the run; each LLM node keeps the last N of these that its window asks for. */
    static final int HISTORY_TURNS = 50;

    private final CompiledVersions versions;
    private final GraphRunner runner;
    private final RunRegistry registry;
    private final RunRecorder recorder;
    private final ConversationService conversations;
    private final RunRecordWriter writer;
    private final List<PresetReplies> presetReplies;
    private final PresetReplyGraph presetGraph;

    public AppRunService(CompiledVersions versions, GraphRunner runner, RunRegistry registry,
            RunRecorder recorder, ConversationService conversations, RunRecordWriter writer,
            List<PresetReplies> presetReplies, PresetReplyGraph presetGraph) {
        this.writer = writer;
        this.presetReplies = List.copyOf(presetReplies);
        this.presetGraph = presetGraph;
        this.versions = versions;
        this.runner = runner;
        this.registry = registry;
        this.recorder = recorder;
        this.conversations = conversations;
    }

    /**
     * What to run. {@code version} null runs the draft; {@code conversationId} null or blank starts a new
     * conversation (chat apps); {@code timeout} null uses the engine's default.
     */
    public record RunCommand(
            String appId,
            Integer version,
            Map<String, Object> inputs,
            String query,
            String user,
            CreatedByRole createdByRole,
            String conversationId,
            List<FileValue> files,
            Duration timeout,
            String apiKeyId) {

        public RunCommand {
            inputs = inputs == null ? Map.of() : inputs;
            files = files == null ? List.of() : files;
            user = user == null || user.isBlank() ? "anonymous" : user;
            createdByRole = createdByRole == null ? CreatedByRole.END_USER : createdByRole;
        }

        public RunCommand(String appId, Integer version, Map<String, Object> inputs, String query, String user,
                CreatedByRole createdByRole, String conversationId, List<FileValue> files, Duration timeout) {
            this(appId, version, inputs, query, user, createdByRole, conversationId, files, timeout, null);
        }

        /** This command run with the app API key {@code keyId} (budgets per key apply to its model calls). */
        public RunCommand withApiKey(String keyId) {
            return new RunCommand(appId, version, inputs, query, user, createdByRole, conversationId, files, timeout, keyId);
        }

        public static RunCommand draft(String appId, Map<String, Object> inputs, String query, String user) {
            return new RunCommand(appId, null, inputs, query, user, CreatedByRole.ACCOUNT, null, null, null);
        }
    }

    /**
     * A started run. {@code completion} ends after the run's records (message, conversation variables) are
     * saved, which may be a little after the run's last event. {@code presetReply} is the annotation that answers the
     * turn instead of the app's graph, or null.
     */
    public record StartedRun(
            String taskId,
            String runId,
            String workflowId,
            AppMode mode,
            String conversationId,
            String messageId,
            RunHandle handle,
            CompletableFuture<RunResult> completion,
            PresetReplies.PresetReply presetReply) {}

    public StartedRun start(RunCommand command, RunListener listener) {
        CompiledVersions.Compiled version = versions.get(command.appId(), command.version());
        AppDefinition definition = version.definition();
        CompiledGraph graph = version.graph();
        AppMode mode = definition.mode();
        String runId = TimeOrderedIds.next();
        String taskId = UUID.randomUUID().toString();

        String conversationId = null;
        String messageId = null;
        Conversation conversation = null;
        ConversationService.Turn turn = null;
        List<ChatTurn> history = List.of();
        Map<String, Object> conversationValues = new LinkedHashMap<>();
        long dialogueCount = 0;
        if (mode.isChat()) {
            boolean fresh = command.conversationId() == null || command.conversationId().isBlank();
            conversation = fresh
                    ? conversations.newConversation(command.appId(), command.user(), command.inputs())
                    : conversations.findConversation(command.appId(), command.user(), command.conversationId())
                            .orElseThrow(() -> new ConversationNotFoundException(command.conversationId()));
            conversationId = conversation.getId();
            if (!fresh) {
                history = conversations.lastTurns(conversationId, HISTORY_TURNS);
                dialogueCount = conversations.dialogueCount(conversationId);
            }
            for (ConversationVariable v : definition.conversationVariables()) {
                conversationValues.put(v.name(), v.value());
            }
            conversationValues.putAll(conversation.getVariables());
            turn = conversations.recordTurnStart(conversation, fresh, dialogueCount, command.query(), command.inputs());
            messageId = turn.message().getId();
        }

        Map<String, Object> system = new LinkedHashMap<>();
        system.put("query", command.query() == null ? "" : command.query());
        system.put("files", command.files());
        system.put("user_id", command.user());
        system.put("conversation_id", conversationId == null ? "" : conversationId);
        system.put("dialogue_count", dialogueCount);
        system.put("app_id", command.appId());
        system.put("workflow_id", version.versionId());
        system.put("workflow_run_id", runId);
        system.put("timestamp", Instant.now().getEpochSecond());

        Map<String, Object> environment = new LinkedHashMap<>();
        for (EnvironmentVariable v : definition.environmentVariables()) {
            environment.put(v.name(), v.value());
        }

        PresetReplies.PresetReply preset = mode.isChat() ? presetReply(command) : null;
        if (preset != null) {
            graph = presetGraph.graph();
            environment.put(PresetReplyGraph.ANSWER_VARIABLE, preset.answer());
        }

        RunRequest request = new RunRequest(runId, command.appId(), mode, command.inputs(), system, environment,
                conversationValues, history, command.timeout(), command.apiKeyId(), command.createdByRole().value());
        RunOrigin origin = new RunOrigin(command.appId(), version.versionId(), mode, command.createdByRole(),
                command.user(), conversationId, messageId);
        RetrieverResourceCollector citations = new RetrieverResourceCollector();
        RunHandle handle = runner.start(graph, request, recorder.listener(origin).andThen(citations).andThen(listener));
        registry.register(taskId, handle);

        ConversationService.Turn recordedTurn = turn;
        String recordedMessageId = messageId;
        // the run's records are written by the RunRecordWriter; the run completes once they are committed
        CompletableFuture<RunResult> completion = handle.result().thenCompose(result -> {
            if (recordedTurn != null) {
                boolean failed = result.status() == RunStatus.FAILED;
                conversations.recordTurnEnd(recordedTurn, result.answer(),
                        failed ? (result.error() == null ? "the run failed" : result.error()) : null, runId,
                        result.totalTokens(), result.elapsedMillis(), citations.resources(), result.conversation());
                if (preset != null && !failed) {
                    presetReplies.forEach(p -> p.replied(preset, command.appId(), recordedMessageId, command.query(), command.user()));
                }
            }
            return writer.barrier().thenApply(written -> result);
        });
        return new StartedRun(taskId, runId, version.versionId(), mode, conversationId, messageId, handle, completion, preset);
    }

    /** The first preset reply (an annotation) that answers this chat question, if any. */
    private PresetReplies.PresetReply presetReply(RunCommand command) {
        if (command.query() == null || command.query().isBlank()) {
            return null;
        }
        for (PresetReplies p : presetReplies) {
            PresetReplies.PresetReply found = p.find(command.appId(), command.query()).orElse(null);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Stops a run by its task id; false when no such run is going on here. */
    public boolean stop(String taskId) {
        return registry.stop(taskId);
    }
}
