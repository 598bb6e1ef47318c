package dev.weft.run;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;

/** A chat between one end user and a chat-family app; holds the inputs of its first turn and its conversation variables. */
@Entity
@Table(name = "conversation")
public class Conversation {

    @Id
    private String id;

    @Column(name = "app_id", nullable = false)
    private String appId;

    @Column(name = "end_user_id", nullable = false)
    private String endUserId;

    @Column(nullable = false)
    private String name;

    private String inputs;

    private String variables;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Conversation() {}

    Conversation(String appId, String endUserId, String name, Map<String, Object> inputs) {
        this.id = TimeOrderedIds.next();
        this.appId = appId;
        this.endUserId = endUserId;
        this.name = name;
        this.inputs = JsonText.write(inputs == null ? Map.of() : inputs);
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    void rename(String newName) {
        this.name = newName;
        touch();
    }

    void replaceVariables(Map<String, Object> values) {
        this.variables = JsonText.write(values);
        touch();
    }

    void touch() {
        this.updatedAt = Instant.now();
    }

    public String getId() {
        return id;
    }

    public String getAppId() {
        return appId;
    }

    public String getEndUserId() {
        return endUserId;
    }

    public String getName() {
        return name;
    }

    public Map<String, Object> getInputs() {
        return JsonText.readMap(inputs);
    }

    /** Conversation variable values by name; empty until the first run writes them. */
    public Map<String, Object> getVariables() {
        return JsonText.readMap(variables);
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
