package dev.weft.publish.annotation;

import dev.weft.knowledge.embed.EmbeddingModels;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An app's annotations: list, add, edit, delete. While annotation reply is on, an added or edited question is
 * embedded at once with the app's embedding model, so the next chat turn can match it.
 */
@Service
@Transactional
public class AnnotationService {

    static final int MAX_TEXT = 20_000;

    private final AppAnnotationRepository annotations;
    private final AnnotationSettingRepository settings;
    private final EmbeddingModels models;
    private final ApplicationEventPublisher events;

    AnnotationService(AppAnnotationRepository annotations, AnnotationSettingRepository settings, EmbeddingModels models,
            ApplicationEventPublisher events) {
        this.annotations = annotations;
        this.settings = settings;
        this.models = models;
        this.events = events;
    }

    /** A page (from 1) of the app's annotations, newest first; {@code keyword} matches question or answer. */
    @Transactional(readOnly = true)
    public Page<AppAnnotation> list(String appId, int page, int limit, String keyword) {
        PageRequest request = PageRequest.of(page - 1, limit);
        if (keyword == null || keyword.isBlank()) {
            return annotations.findByAppIdOrderByCreatedAtDescIdDesc(appId, request);
        }
        String like = "%" + keyword.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return annotations.search(appId, like, request);
    }

    public AppAnnotation add(String appId, String question, String answer, String createdBy) {
        AppAnnotation a = new AppAnnotation(appId, require("question", question), require("answer", answer), createdBy);
        embedIfReplying(a);
        AppAnnotation saved = annotations.save(a);
        events.publishEvent(new AnnotationsChanged(appId));
        return saved;
    }

    public Optional<AppAnnotation> find(String appId, String annotationId) {
        return annotations.findById(annotationId).filter(a -> a.getAppId().equals(appId));
    }

    public AppAnnotation edit(AppAnnotation annotation, String question, String answer) {
        annotation.edit(require("question", question), require("answer", answer));
        embedIfReplying(annotation);
        AppAnnotation saved = annotations.save(annotation);
        events.publishEvent(new AnnotationsChanged(annotation.getAppId()));
        return saved;
    }

    public void delete(AppAnnotation annotation) {
        annotations.delete(annotation);
        events.publishEvent(new AnnotationsChanged(annotation.getAppId()));
    }

    @Transactional(readOnly = true)
    public Optional<AnnotationSetting> setting(String appId) {
        return settings.findById(appId);
    }

    private void embedIfReplying(AppAnnotation a) {
        settings.findById(a.getAppId()).filter(AnnotationSetting::isEnabled).ifPresent(s ->
                a.embed(s.getEmbeddingModel(), models.get(s.getEmbeddingModel()).embedDocuments(List.of(a.getQuestion())).getFirst()));
    }

    private static String require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (value.length() > MAX_TEXT) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_TEXT + " characters");
        }
        return value;
    }

    /** An app's annotations or its reply setting changed; matchers drop what they kept of it. */
    public record AnnotationsChanged(String appId) {}
}
