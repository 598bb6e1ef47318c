package dev.weft.run;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Node execution records of runs. */
public interface NodeRunRepository extends JpaRepository<NodeRun, String> {

    List<NodeRun> findByWorkflowRunIdOrderByIndexAscCreatedAtAsc(String workflowRunId);
}
