package dev.weft.run;

import dev.weft.app.AppModeConverter;
import dev.weft.app.definition.AppMode;
import dev.weft.engine.event.RunStatus;
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

/** One run of an app's graph: what went in, what came out, how long it took and what it cost. */
@Entity
@Table(name = "workflow_run")
public class WorkflowRun implements Persistable<String> {

    @Id
    private String id;

    @Column(name = "app_id", nullable = false)
    private String appId;

    @Column(name = "app_version_id")
    private String appVersionId;

    @Column(nullable = false)
    @Convert(converter = AppModeConverter.class)
    private AppMode mode;

    @Column(nullable = false)
    @Convert(converter = StatusConverters.RunStatusConverter.class)
    private RunStatus status;

    private String inputs;

    private String outputs;

    private String error;

    @Column(name = "elapsed_ms", nullable = false)
    private long elapsedMillis;

    @Column(name = "total_tokens", nullable = false)
    private long totalTokens;

    @Column(name = "total_price", nullable = false, precision = 24, scale = 10)
    private java.math.BigDecimal totalPrice = java.math.BigDecimal.ZERO;

    @Column(nullable = false, length = 8)
    private String currency = "USD";

    @Column(name = "total_steps", nullable = false)
    private int totalSteps;

    @Column(name = "created_by_role", nullable = false)
    @Convert(converter = CreatedByRole.DbConverter.class)
    private CreatedByRole createdByRole;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "conversation_id")
    private String conversationId;

    @Column(name = "message_id")
    private String messageId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Transient
    private boolean fresh = true;

    protected WorkflowRun() {}

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

    WorkflowRun(String id, RunOrigin origin, Map<String, Object> inputs, Instant createdAt) {
        this.id = id;
        this.appId = origin.appId();
        this.appVersionId = origin.appVersionId();
        this.mode = origin.mode();
        this.status = RunStatus.RUNNING;
        this.inputs = JsonText.write(inputs);
        this.createdByRole = origin.createdByRole();
        this.createdBy = origin.createdBy();
        this.conversationId = origin.conversationId();
        this.messageId = origin.messageId();
        this.createdAt = createdAt;
    }

    void finish(RunStatus finalStatus, Map<String, Object> finalOutputs, String finalError,
            long elapsed, long tokens, int steps, Instant finished) {
        this.status = finalStatus;
        this.outputs = JsonText.write(finalOutputs);
        this.error = finalError;
        this.elapsedMillis = elapsed;
        this.totalTokens = tokens;
        this.totalSteps = steps;
        this.finishedAt = finished;
    }

    public String getId() {
        return id;
    }

    /** What the run's model calls cost, in {@link #getCurrency()}: the sum over its node runs. */
    public java.math.BigDecimal getTotalPrice() {
        return totalPrice;
    }

    public String getCurrency() {
        return currency;
    }

    void setTotalPrice(java.math.BigDecimal price) {
        this.totalPrice = price == null ? java.math.BigDecimal.ZERO : price;
    }

    public String getAppId() {
        return appId;
    }

    public String getAppVersionId() {
        return appVersionId;
    }

    public AppMode getMode() {
        return mode;
    }

    public RunStatus getStatus() {
        return status;
    }

    public Map<String, Object> getInputs() {
        return JsonText.readMap(inputs);
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

    public long getTotalTokens() {
        return totalTokens;
    }

    public int getTotalSteps() {
        return totalSteps;
    }

    public CreatedByRole getCreatedByRole() {
        return createdByRole;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public String getConversationId() {
        return conversationId;
    }

    public String getMessageId() {
        return messageId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }
}
