package dev.weft.publish.annotation;

import dev.weft.knowledge.embed.EmbeddingModels;
import dev.weft.knowledge.embed.LocalOnnxEmbeddingModel;
import dev.weft.model.provider.ModelProviderService;
import dev.weft.model.provider.ModelProviderView;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns annotation reply on or off as a background job, as Dify does: enabling embeds every annotation question
 * of the app with the chosen model, then switches the reply on; disabling switches it off. A job's status is
 * {@code waiting}, {@code processing}, {@code completed} or {@code error} and is kept in memory, one job per app at a
 * time being enough (Dify keeps it in Redis for a day).
 */
@Component
public class AnnotationReplyJobs {

    private static final Logger log = LoggerFactory.getLogger(AnnotationReplyJobs.class);
    static final int MAX_JOBS = 10_000;
    static final int EMBED_BATCH = 64;

    public enum Action { ENABLE, DISABLE }

    /** A job's state; {@code error} is the reason when the status is {@code error}. */
    public record Job(String id, String appId, Action action, String status, String error) {}

    private final AppAnnotationRepository annotations;
    private final AnnotationSettingRepository settings;
    private final EmbeddingModels models;
    private final ModelProviderService providers;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "annotation-reply-jobs");
        t.setDaemon(true);
        return t;
    });

    AnnotationReplyJobs(AppAnnotationRepository annotations, AnnotationSettingRepository settings, EmbeddingModels models,
            ModelProviderService providers, TransactionTemplate transactions, ApplicationEventPublisher events) {
        this.annotations = annotations;
        this.settings = settings;
        this.models = models;
        this.providers = providers;
        this.transactions = transactions;
        this.events = events;
    }

    /**
     * Starts turning the reply on with this similarity threshold (0–1) and embedding model. The provider name is
     * {@code local} (or blank) for the in-process models, whose names are those of {@link LocalOnnxEmbeddingModel#IDS}
     * without {@code local:}, or the name of a configured model provider that serves embeddings.
     */
    public Job enable(String appId, String workspaceId, double threshold, String providerName, String modelName) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("score_threshold must be between 0 and 1, got " + threshold);
        }
        String modelId = modelId(workspaceId, providerName, modelName);
        return submit(appId, Action.ENABLE, () -> {
            List<AppAnnotation> all = transactions.execute(s -> annotations.findByAppId(appId));
            List<AppAnnotation> stale = new ArrayList<>();
            for (AppAnnotation a : all) {
                if (a.vectorFor(modelId) == null) {
                    stale.add(a);
                }
            }
            for (int from = 0; from < stale.size(); from += EMBED_BATCH) {
                List<AppAnnotation> batch = stale.subList(from, Math.min(stale.size(), from + EMBED_BATCH));
                List<float[]> vectors = models.get(modelId).embedDocuments(batch.stream().map(AppAnnotation::getQuestion).toList());
                transactions.executeWithoutResult(s -> {
                    for (int i = 0; i < batch.size(); i++) {
                        int at = i;
                        annotations.findById(batch.get(i).getId()).ifPresent(a -> {
                            if (a.getQuestion().equals(batch.get(at).getQuestion())) {
                                a.embed(modelId, vectors.get(at));
                            }
                        });
                    }
                });
            }
            transactions.executeWithoutResult(s -> {
                AnnotationSetting setting = settings.findById(appId).orElseGet(() -> new AnnotationSetting(appId));
                setting.enable(threshold, blankToNull(providerName), blankToNull(modelName), modelId);
                settings.save(setting);
            });
        });
    }

    public Job disable(String appId) {
        return submit(appId, Action.DISABLE, () -> transactions.executeWithoutResult(s ->
                settings.findById(appId).ifPresent(setting -> {
                    setting.disable();
                    settings.save(setting);
                })));
    }

    /** The job of this app and action, if it is known. */
    public Optional<Job> find(String appId, Action action, String jobId) {
        return Optional.ofNullable(jobs.get(jobId)).filter(j -> j.appId().equals(appId) && j.action() == action);
    }

    private Job submit(String appId, Action action, Runnable work) {
        if (jobs.size() >= MAX_JOBS) {
            jobs.values().removeIf(j -> j.status().equals("completed") || j.status().equals("error"));
        }
        String id = UUID.randomUUID().toString();
        Job waiting = new Job(id, appId, action, "waiting", null);
        jobs.put(id, waiting);
        worker.execute(() -> {
            jobs.put(id, new Job(id, appId, action, "processing", null));
            try {
                work.run();
                jobs.put(id, new Job(id, appId, action, "completed", null));
            } catch (RuntimeException e) {
                log.warn("annotation reply {} of app {} failed", action, appId, e);
                jobs.put(id, new Job(id, appId, action, "error", e.getMessage() == null ? e.toString() : e.getMessage()));
            } finally {
                events.publishEvent(new AnnotationService.AnnotationsChanged(appId));
            }
        });
        return waiting;
    }

    private String modelId(String workspaceId, String providerName, String modelName) {
        String model = modelName == null ? "" : modelName.strip();
        String provider = providerName == null ? "" : providerName.strip();
        if (model.startsWith("local:") || model.startsWith(EmbeddingModels.PROVIDER_PREFIX)) {
            return known(model);
        }
        if (provider.isEmpty() || provider.equals("local") || provider.equals("weft")) {
            return known(model.isEmpty() ? EmbeddingModels.DEFAULT_ID : "local:" + model);
        }
        if (model.isEmpty()) {
            throw new IllegalArgumentException("embedding_model_name is required with embedding_provider_name '" + provider + "'");
        }
        ModelProviderView found = providers.list(workspaceId).stream().filter(p -> p.name().equals(provider)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no model provider named '" + provider
                        + "'; use 'local' for the in-process models " + LocalOnnxEmbeddingModel.IDS));
        return EmbeddingModels.providerModelId(found.id(), model);
    }

    private static String known(String id) {
        if (id.startsWith("local:") && !LocalOnnxEmbeddingModel.IDS.contains(id)) {
            throw new IllegalArgumentException("unknown embedding model '" + id + "'; the in-process models are " + LocalOnnxEmbeddingModel.IDS);
        }
        return id;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @PreDestroy
    void close() {
        worker.shutdownNow();
    }
}
