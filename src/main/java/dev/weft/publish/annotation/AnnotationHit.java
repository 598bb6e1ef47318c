package dev.weft.publish.annotation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One time an annotation answered a question instead of the app. */
@Entity
@Table(name = "app_annotation_hit")
public class AnnotationHit {

    @Id
    private String id;

    @Column(name = "annotation_id", nullable = false)
    private String annotationId;

    @Column(name = "app_id", nullable = false)
    private String appId;

    @Column(name = "message_id")
    private String messageId;

    @Column(nullable = false)
    private String question;

    @Column(nullable = false)
    private double score;

    @Column(name = "end_user_id")
    private String endUserId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected AnnotationHit() {}

    AnnotationHit(String annotationId, String appId, String messageId, String question, double score, String endUserId) {
        this.id = UUID.randomUUID().toString();
        this.annotationId = annotationId;
        this.appId = appId;
        this.messageId = messageId;
        this.question = question;
        this.score = score;
        this.endUserId = endUserId;
        this.createdAt = Instant.now();
    }

    public String getAnnotationId() {
        return annotationId;
    }

    public String getMessageId() {
        return messageId;
    }

    public double getScore() {
        return score;
    }
}
