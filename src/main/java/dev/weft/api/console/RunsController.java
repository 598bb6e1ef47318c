package dev.weft.api.console;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.weft.app.AppNotFoundException;
import dev.weft.run.NodeRun;
import dev.weft.run.RunHistory;
import dev.weft.run.WorkflowRun;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The recorded runs of an app, and one run with its node executions. Times are unix seconds, elapsed times seconds. */
@RestController
@RequestMapping("/api")
class RunsController {

    static final int MAX_LIMIT = 100;

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RunSummary(String id, String appId, String workflowId, String mode, String status, Map<String, Object> inputs,
            Map<String, Object> outputs, String error, double elapsedTime, long totalTokens, int totalSteps,
            String createdByRole, String createdBy, String conversationId, String messageId, Long createdAt, Long finishedAt) {

        static RunSummary of(WorkflowRun r) {
            return new RunSummary(r.getId(), r.getAppId(), r.getAppVersionId(), r.getMode().value(), r.getStatus().value(),
                    r.getInputs(), r.getOutputs(), r.getError(), r.getElapsedMillis() / 1000.0, r.getTotalTokens(),
                    r.getTotalSteps(), r.getCreatedByRole().value(), r.getCreatedBy(), r.getConversationId(),
                    r.getMessageId(), seconds(r.getCreatedAt()), seconds(r.getFinishedAt()));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record NodeRunView(String id, String nodeId, String nodeType, String title, int index, String predecessorNodeId,
            String iterationId, Integer iterationIndex, String status, Map<String, Object> inputs,
            Map<String, Object> processData, Map<String, Object> outputs, String error, double elapsedTime,
            long promptTokens, long completionTokens, long totalTokens, Long createdAt, Long finishedAt) {

        static NodeRunView of(NodeRun n) {
            return new NodeRunView(n.getExecutionId(), n.getNodeId(), n.getNodeType(), n.getTitle(), n.getIndex(),
                    n.getPredecessorNodeId(), n.getIterationId(), n.getIterationIndex(), n.getStatus().value(),
                    n.getInputs(), n.getProcessData(), n.getOutputs(), n.getError(), n.getElapsedMillis() / 1000.0,
                    n.getPromptTokens(), n.getCompletionTokens(), n.getTotalTokens(),
                    seconds(n.getCreatedAt()), seconds(n.getFinishedAt()));
        }
    }

    /** A run with its node executions in execution order. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RunDetail(@JsonUnwrapped RunSummary run, List<NodeRunView> nodeRuns) {}

    private final RunHistory history;
    private final ConsoleWorkspace caller;

    RunsController(RunHistory history, ConsoleWorkspace caller) {
        this.history = history;
        this.caller = caller;
    }

    @GetMapping("/apps/{appId}/runs")
    ListResponse<RunSummary> list(@PathVariable String appId, @RequestParam(defaultValue = "20") int limit) {
        caller.app(appId);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        return new ListResponse<>(history.listRuns(appId, limit).stream().map(RunSummary::of).toList());
    }

    @GetMapping("/runs/{runId}")
    RunDetail get(@PathVariable String runId) {
        WorkflowRun run = history.findRun(runId)
                .orElseThrow(() -> new NotFoundException("no run with id '" + runId + "'"));
        try {
            caller.app(run.getAppId());
        } catch (AppNotFoundException e) {
            throw new NotFoundException("no run with id '" + runId + "'");
        }
        return new RunDetail(RunSummary.of(run), history.nodeRuns(runId).stream().map(NodeRunView::of).toList());
    }

    private static Long seconds(Instant instant) {
        return instant == null ? null : instant.getEpochSecond();
    }
}
