package dev.weft.run;

import dev.weft.engine.event.RunEvent;
import dev.weft.engine.event.TokenUsageSummary;
import dev.weft.engine.node.NodeStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import org.springframework.data.domain.Persistable;

/** One finished node execution of a run, for the run trace. Never changes once written. */
@Entity
@Table(name = "node_run")
public class NodeRun implements Persistable<String> {

    @Id
    private String id;

    @Column(name = "workflow_run_id", nullable = false)
    private String workflowRunId;

    @Column(name = "execution_id", nullable = false)
    private String executionId;

    @Column(name = "node_id", nullable = false)
    private String nodeId;

    @Column(name = "node_type")
    private String nodeType;

    private String title;

    @Column(name = "execution_index", nullable = false)
    private int index;

    @Column(name = "predecessor_node_id")
    private String predecessorNodeId;

    @Column(name = "iteration_id")
    private String iterationId;

    @Column(name = "iteration_index")
    private Integer iterationIndex;

    @Column(nullable = false)
    @Convert(converter = StatusConverters.NodeStatusConverter.class)
    private NodeStatus status;

    private String inputs;

    @Column(name = "process_data")
    private String processData;

    private String outputs;

    private String error;

    @Column(name = "elapsed_ms", nullable = false)
    private long elapsedMillis;

    @Column(name = "prompt_tokens", nullable = false)
    private long promptTokens;

    @Column(name = "completion_tokens", nullable = false)
    private long completionTokens;

    @Column(name = "total_tokens", nullable = false)
    private long totalTokens;

    @Column(name = "total_price", nullable = false, precision = 24, scale = 10)
    private java.math.BigDecimal totalPrice = java.math.BigDecimal.ZERO;

    @Column(nullable = false, length = 8)
    private String currency = TokenUsageSummary.CURRENCY;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Transient
    private boolean fresh = true;

    protected NodeRun() {}

    /** New rows are inserted without a look-up first. */
    @Override
    public boolean isNew() {
        return fresh;
    }

    @PostLoad
    @PostPersist
    void markStored() {
        fresh = false;
    }

    NodeRun(RunEvent.NodeFinished e, String predecessorNodeId) {
        this.id = TimeOrderedIds.next();
        this.workflowRunId = e.runId();
        this.executionId = e.executionId();
        this.nodeId = e.nodeId();
        this.nodeType = e.nodeType();
        this.title = e.title();
        this.index = e.index();
        this.predecessorNodeId = predecessorNodeId;
        this.iterationId = e.iterationId();
        this.iterationIndex = e.iterationIndex();
        this.status = e.status();
        this.inputs = JsonText.write(e.inputs());
        this.processData = JsonText.write(e.processData());
        this.outputs = JsonText.write(e.outputs());
        this.error = e.error();
        this.elapsedMillis = e.elapsedMillis();
        TokenUsageSummary usage = e.usage() == null ? TokenUsageSummary.NONE : e.usage();
        this.promptTokens = usage.promptTokens();
        this.completionTokens = usage.completionTokens();
        this.totalTokens = usage.totalTokens();
        this.totalPrice = usage.totalPrice();
        this.createdAt = Instant.ofEpochMilli(e.createdAt());
        this.finishedAt = Instant.ofEpochMilli(e.finishedAt());
    }

    public String getId() {
        return id;
    }

    /** What the node's model calls cost, in {@link #getCurrency()}. */
    public java.math.BigDecimal getTotalPrice() {
        return totalPrice;
    }

    public String getCurrency() {
        return currency;
    }

    public String getWorkflowRunId() {
        return workflowRunId;
    }

    public String getExecutionId() {
        return executionId;
    }

    public String getNodeId() {
        return nodeId;
    }

    public String getNodeType() {
        return nodeType;
    }

    public String getTitle() {
        return title;
    }

    public int getIndex() {
        return index;
    }

    public String getPredecessorNodeId() {
        return predecessorNodeId;
    }

    public String getIterationId() {
        return iterationId;
    }

    public Integer getIterationIndex() {
        return iterationIndex;
    }

    public NodeStatus getStatus() {
        return status;
    }

    public Map<String, Object> getInputs() {
        return JsonText.readMap(inputs);
    }

    public Map<String, Object> getProcessData() {
        return JsonText.readMap(processData);
    }

    public Map<String, Object> getOutputs() {
        return JsonText.readMap(outputs);
    }

    public String getError() {
        return error;
    }

    public long getElapsedMillis() {
        return elapsedMillis;
    }

    public long getPromptTokens() {
        return promptTokens;
    }

    public long getCompletionTokens() {
        return completionTokens;
    }

    public long getTotalTokens() {
        return totalTokens;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }
}
