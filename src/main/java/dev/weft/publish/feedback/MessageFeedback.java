package dev.weft.publish.feedback;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An end user's like or dislike of one answer, with an optional comment. */
@Entity
@Table(name = "message_feedback")
public class MessageFeedback {

    @Id
    private String id;

    @Column(name = "app_id", nullable = false)
    private String appId;

    @Column(name = "message_id", nullable = false)
    private String messageId;

    @Column(name = "end_user_id", nullable = false)
    private String endUserId;

    @Column(nullable = false)
    private String rating;

    private String content;

    @Column(name = "from_source", nullable = false)
    private String fromSource;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected MessageFeedback() {}

    MessageFeedback(String appId, String messageId, String endUserId, String rating, String content) {
        this.id = UUID.randomUUID().toString();
        this.appId = appId;
        this.messageId = messageId;
        this.endUserId = endUserId;
        this.rating = rating;
        this.content = content;
        this.fromSource = "user";
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    void change(String newRating, String newContent) {
        this.rating = newRating;
        this.content = newContent;
        this.updatedAt = Instant.now();
    }

    public String getId() {
        return id;
    }

    public String getAppId() {
        return appId;
    }

    public String getMessageId() {
        return messageId;
    }

    public String getEndUserId() {
        return endUserId;
    }

    /** {@code like} or {@code dislike}. */
    public String getRating() {
        return rating;
    }

    public String getContent() {
        return content;
    }

    public String getFromSource() {
        return fromSource;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
