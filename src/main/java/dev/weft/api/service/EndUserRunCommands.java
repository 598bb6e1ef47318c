package dev.weft.api.service;

import dev.weft.app.App;
import dev.weft.app.definition.AppMode;
import dev.weft.run.AppRunService.RunCommand;
import dev.weft.run.CreatedByRole;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The run an end user's request asks for, built alike for the Service API and the web app: the version to run, the
 * inputs with their file objects resolved to the app's uploads or remote URLs, and each route's own checks.
 */
@Component
class EndUserRunCommands {

    private final ServiceRuns runs;
    private final FileInputs files;

    EndUserRunCommands(ServiceRuns runs, FileInputs files) {
        this.runs = runs;
        this.files = files;
    }

    /**
     * A chat turn: a new conversation when {@code conversationId} is blank (else it must be an id); {@code workflowId}
     * pins a published version of a chatflow.
     */
    RunCommand chat(String appId, AppMode mode, String user, String query, Map<String, Object> inputs,
            String conversationId, List<Map<String, Object>> requestFiles, String workflowId) {
        String conversation = conversationId == null || conversationId.isBlank() ? null : conversationId;
        if (conversation != null) {
            try {
                UUID.fromString(conversation);
            } catch (IllegalArgumentException e) {
                throw ServiceApiException.invalid("conversation_id '" + conversation + "' is not a valid id");
            }
        }
        if (workflowId != null && !workflowId.isBlank() && mode != AppMode.ADVANCED_CHAT) {
            throw ServiceApiException.invalid("workflow_id applies to chatflow (advanced-chat) apps only");
        }
        return new RunCommand(appId, runs.version(appId, mode, workflowId), files.resolveInputs(appId, inputs), query,
                user, CreatedByRole.END_USER, conversation, files.resolveFiles(appId, requestFiles), null);
    }

    /** A text generator run; a legacy top-level {@code query} fills {@code inputs.query} when the inputs have none. */
    RunCommand completion(App app, String user, Map<String, Object> inputs, String query, List<Map<String, Object>> requestFiles) {
        Map<String, Object> resolved = new LinkedHashMap<>(files.resolveInputs(app.getId(), inputs));
        if (query != null && !query.isEmpty()) {
            resolved.putIfAbsent("query", query);
        }
        return new RunCommand(app.getId(), runs.version(app, null), resolved, query == null ? "" : query, user,
                CreatedByRole.END_USER, null, files.resolveFiles(app.getId(), requestFiles), null);
    }

    /** A workflow run of the latest published version, or of the published version {@code workflowId}. */
    RunCommand workflow(App app, String workflowId, String user, Map<String, Object> inputs, List<Map<String, Object>> requestFiles) {
        if (inputs == null) {
            throw ServiceApiException.invalid("inputs is required (it may be {})");
        }
        return new RunCommand(app.getId(), runs.version(app, workflowId), files.resolveInputs(app.getId(), inputs), null,
                user, CreatedByRole.END_USER, null, files.resolveFiles(app.getId(), requestFiles), null);
    }
}
