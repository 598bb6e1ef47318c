package dev.weft.publish.annotation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A curated question and its answer, with the question's embedding once annotation reply has indexed it. */
@Entity
@Table(name = "app_annotation")
public class AppAnnotation {

    @Id
    private String id;

    @Column(name = "app_id", nullable = false)
    private String appId;

    @Column(nullable = false)
    private String question;

    @Column(nullable = false)
    private String answer;

    @Column(name = "hit_count", nullable = false)
    private int hitCount;

    private String embedding;

    @Column(name = "embedding_model")
    private String embeddingModel;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected AppAnnotation() {}

    AppAnnotation(String appId, String question, String answer, String createdBy) {
        this.id = UUID.randomUUID().toString();
        this.appId = appId;
        this.question = question;
        this.answer = answer;
        this.createdBy = createdBy;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    void edit(String newQuestion, String newAnswer) {
        if (!newQuestion.equals(question)) {
            embedding = null;
            embeddingModel = null;
        }
        this.question = newQuestion;
        this.answer = newAnswer;
        this.updatedAt = Instant.now();
    }

    void embed(String model, float[] vector) {
        this.embeddingModel = model;
        this.embedding = AnnotationVectors.encode(vector);
    }

    public String getId() {
        return id;
    }

    public String getAppId() {
        return appId;
    }

    public String getQuestion() {
        return question;
    }

    public String getAnswer() {
        return answer;
    }

    public int getHitCount() {
        return hitCount;
    }

    /** The question's vector under {@code model}, or null when it was embedded with another model or not yet. */
    float[] vectorFor(String model) {
        return embedding != null && model.equals(embeddingModel) ? AnnotationVectors.decode(embedding) : null;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
