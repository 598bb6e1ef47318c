package dev.weft.run;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One turn of a conversation: the user's query and the app's answer. */
@Entity
@Table(name = "message")
public class Message {

    @Id
    private String id;

    @Column(name = "conversation_id", nullable = false)
    private String conversationId;

    @Column(name = "app_id", nullable = false)
    private String appId;

    @Column(nullable = false)
    private String query;

    private String answer;

    private String inputs;

    @Column(name = "workflow_run_id")
    private String workflowRunId;

    @Column(nullable = false)
    @Convert(converter = MessageStatus.DbConverter.class)
    private MessageStatus status;

    private String error;

    @Column(name = "total_tokens", nullable = false)
    private long totalTokens;

    @Column(name = "latency_ms", nullable = false)
    private long latencyMillis;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "retriever_resources")
    private String retrieverResources;

    protected Message() {}

    Message(String conversationId, String appId, String query, Map<String, Object> inputs, Instant createdAt) {
        this.id = TimeOrderedIds.next();
        this.conversationId = conversationId;
        this.appId = appId;
        this.query = query == null ? "" : query;
        this.inputs = JsonText.write(inputs == null ? Map.of() : inputs);
        this.status = MessageStatus.RUNNING;
        this.createdAt = createdAt;
    }

    void citeResources(List<Map<String, Object>> resources) {
        this.retrieverResources = resources == null || resources.isEmpty() ? null : JsonText.write(resources);
    }

    /** The knowledge the answer drew on, in Dify's {@code retriever_resources} shape. */
    public List<Map<String, Object>> getRetrieverResources() {
        return retrieverResources == null ? List.of() : JsonText.readList(retrieverResources);
    }

    void finish(String finalAnswer, String runId, long tokens, long latency) {
        this.answer = finalAnswer;
        this.workflowRunId = runId;
        this.totalTokens = tokens;
        this.latencyMillis = latency;
        this.status = MessageStatus.NORMAL;
    }

    void fail(String failure, String runId, long latency) {
        this.error = failure;
        this.workflowRunId = runId;
        this.latencyMillis = latency;
        this.status = MessageStatus.ERROR;
    }

    public String getId() {
        return id;
    }

    public String getConversationId() {
        return conversationId;
    }

    public String getAppId() {
        return appId;
    }

    public String getQuery() {
        return query;
    }

    public String getAnswer() {
        return answer;
    }

    public Map<String, Object> getInputs() {
        return JsonText.readMap(inputs);
    }

    public String getWorkflowRunId() {
        return workflowRunId;
    }

    public MessageStatus getStatus() {
        return status;
    }

    public String getError() {
        return error;
    }

    public long getTotalTokens() {
        return totalTokens;
    }

    public long getLatencyMillis() {
        return latencyMillis;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
