package dev.weft.publish.annotation;

import dev.weft.knowledge.embed.EmbeddingModels;
import dev.weft.run.PresetReplies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Annotation reply at run time: when an app has it on, a chat question whose embedding is at least the app's
 * {@code score_threshold} close (cosine) to an annotated question is answered with that annotation's answer. What
 * each app needs (its setting and its annotations' vectors) is kept in memory until they change; a question is compared
 * with every annotation of the app (fine for the thousands of annotations an app has, not for millions).
 */
@Component
class AnnotationReplies implements PresetReplies {

    private record Indexed(String id, String answer, float[] vector) {}

    /**
     * An app's reply state: off, or on with a threshold, a model and its indexed annotations, as read at
     * {@code generation} (the app's count of changes), so that a read that raced a change is read again.
     */
    private record AppIndex(long generation, boolean on, double threshold, String model, List<Indexed> annotations) {}

    private final AnnotationSettingRepository settings;
    private final AppAnnotationRepository annotations;
    private final AnnotationHitRepository hits;
    private final EmbeddingModels models;
    private final Map<String, AppIndex> indexes = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();

    AnnotationReplies(AnnotationSettingRepository settings, AppAnnotationRepository annotations, AnnotationHitRepository hits,
            EmbeddingModels models) {
        this.settings = settings;
        this.annotations = annotations;
        this.hits = hits;
        this.models = models;
    }

    @Override
    public Optional<PresetReply> find(String appId, String query) {
        long generation = generation(appId).get();
        AppIndex index = indexes.get(appId);
        if (index == null || index.generation() != generation) {
            index = load(appId, generation);
            indexes.put(appId, index);
        }
        if (!index.on() || index.annotations().isEmpty()) {
            return Optional.empty();
        }
        float[] q = models.get(index.model()).embedDocuments(List.of(query)).getFirst();
        Indexed best = null;
        double bestScore = -1;
        for (Indexed a : index.annotations()) {
            double score = AnnotationVectors.dot(q, a.vector());
            if (score > bestScore) {
                best = a;
                bestScore = score;
            }
        }
        return best != null && bestScore >= index.threshold()
                ? Optional.of(new PresetReply(best.id(), best.answer(), bestScore)) : Optional.empty();
    }

    @Override
    @Transactional
    public void replied(PresetReply reply, String appId, String messageId, String query, String user) {
        if (annotations.countHit(reply.id()) == 1) {
            hits.save(new AnnotationHit(reply.id(), appId, messageId, query, reply.score(), user));
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onChanged(AnnotationService.AnnotationsChanged event) {
        generation(event.appId()).incrementAndGet();
        indexes.remove(event.appId());
    }

    private AtomicLong generation(String appId) {
        return generations.computeIfAbsent(appId, id -> new AtomicLong());
    }

    private AppIndex load(String appId, long generation) {
        AnnotationSetting setting = settings.findById(appId).orElse(null);
        if (setting == null || !setting.isEnabled()) {
            return new AppIndex(generation, false, 1, null, List.of());
        }
        List<Indexed> indexed = new ArrayList<>();
        for (AppAnnotation a : annotations.findByAppId(appId)) {
            float[] v = a.vectorFor(setting.getEmbeddingModel());
            if (v != null) {
                indexed.add(new Indexed(a.getId(), a.getAnswer(), v));
            }
        }
        return new AppIndex(generation, true, setting.getScoreThreshold(), setting.getEmbeddingModel(), List.copyOf(indexed));
    }
}
