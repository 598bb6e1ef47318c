package dev.weft.run;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads recorded runs: an app's run log and one run's node trace. */
@Service
@Transactional(readOnly = true)
public class RunHistory {

    private final WorkflowRunRepository runs;
    private final NodeRunRepository nodeRuns;

    public RunHistory(WorkflowRunRepository runs, NodeRunRepository nodeRuns) {
        this.runs = runs;
        this.nodeRuns = nodeRuns;
    }

    /** An app's runs, newest first. */
    public List<WorkflowRun> listRuns(String appId, int limit) {
        return runs.findByAppIdOrderByCreatedAtDesc(appId, Limit.of(Math.max(1, limit)));
    }

    public Optional<WorkflowRun> findRun(String runId) {
        return runId == null ? Optional.empty() : runs.findById(runId);
    }

    /** The node executions of a run in execution order. */
    public List<NodeRun> nodeRuns(String runId) {
        return nodeRuns.findByWorkflowRunIdOrderByIndexAscCreatedAtAsc(runId);
    }
}
