package dev.weft.api.service;

import dev.weft.app.App;
import dev.weft.knowledge.embed.EmbeddingException;
import dev.weft.publish.annotation.AnnotationReplyJobs;
import dev.weft.publish.annotation.AnnotationService;
import dev.weft.publish.annotation.AppAnnotation;
import dev.weft.publish.auth.ServiceCaller;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.data.domain.Page;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Annotations (dify-reference §3.8): {@code GET/POST /v1/apps/annotations}, {@code PUT/DELETE /v1/apps/annotations/{id}},
 * and annotation reply: {@code POST /v1/apps/annotation-reply/{enable|disable}} starts a job,
 * {@code GET /v1/apps/annotation-reply/{action}/status/{job_id}} tells how it went. Annotation object:
 * {@code {id, question, answer, hit_count, created_at}}.
 */
@RestController
@RequestMapping("/v1/apps")
class AnnotationsController {

    record AnnotationRequest(String question, String answer) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ReplySettingRequest(Double scoreThreshold, String embeddingProviderName, String embeddingModelName) {}

    private final ServiceApps apps;
    private final AnnotationService annotations;
    private final AnnotationReplyJobs jobs;

    AnnotationsController(ServiceApps apps, AnnotationService annotations, AnnotationReplyJobs jobs) {
        this.apps = apps;
        this.annotations = annotations;
        this.jobs = jobs;
    }

    @GetMapping("/annotations")
    Map<String, Object> list(@AuthenticationPrincipal ServiceCaller caller, @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "20") int limit, @RequestParam(required = false) String keyword) {
        App app = apps.app(caller);
        if (page < 1 || page > 99_999) {
            throw ServiceApiException.invalid("page must be between 1 and 99999, got " + page);
        }
        if (limit < 1 || limit > 100) {
            throw ServiceApiException.invalid("limit must be between 1 and 100, got " + limit);
        }
        Page<AppAnnotation> found = annotations.list(app.getId(), page, limit, keyword);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", found.getContent().stream().map(AnnotationsController::view).toList());
        body.put("has_more", found.hasNext());
        body.put("limit", limit);
        body.put("total", found.getTotalElements());
        body.put("page", page);
        return body;
    }

    @PostMapping("/annotations")
    ResponseEntity<Map<String, Object>> create(@AuthenticationPrincipal ServiceCaller caller, @RequestBody AnnotationRequest request) {
        App app = apps.app(caller);
        AppAnnotation created = embedding(() -> annotations.add(app.getId(), request.question(), request.answer(), null));
        return ResponseEntity.status(HttpStatus.CREATED).body(view(created));
    }

    @PutMapping("/annotations/{annotationId}")
    Map<String, Object> update(@AuthenticationPrincipal ServiceCaller caller, @PathVariable String annotationId,
            @RequestBody AnnotationRequest request) {
        App app = apps.app(caller);
        AppAnnotation annotation = own(app, annotationId);
        return view(embedding(() -> annotations.edit(annotation, request.question(), request.answer())));
    }

    @DeleteMapping("/annotations/{annotationId}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal ServiceCaller caller, @PathVariable String annotationId) {
        App app = apps.app(caller);
        annotations.delete(own(app, annotationId));
        return ResponseEntity.noContent().build();
    }

    /** Starts turning annotation reply on (embedding every annotation first) or off: {@code {job_id, job_status}}. */
    @PostMapping("/annotation-reply/{action}")
    Map<String, Object> reply(@AuthenticationPrincipal ServiceCaller caller, @PathVariable String action,
            @RequestBody(required = false) ReplySettingRequest request) {
        App app = apps.app(caller);
        AnnotationReplyJobs.Job job = switch (action(action)) {
            case ENABLE -> {
                if (request == null || request.scoreThreshold() == null) {
                    throw ServiceApiException.invalid("score_threshold is required to enable annotation reply");
                }
                yield jobs.enable(app.getId(), app.getWorkspaceId(), request.scoreThreshold(), request.embeddingProviderName(),
                        request.embeddingModelName());
            }
            case DISABLE -> jobs.disable(app.getId());
        };
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job_id", job.id());
        body.put("job_status", job.status());
        return body;
    }

    /** {@code {job_id, job_status (waiting|processing|completed|error), error_msg}}; an unknown job is 400 as in Dify. */
    @GetMapping("/annotation-reply/{action}/status/{jobId}")
    Map<String, Object> status(@AuthenticationPrincipal ServiceCaller caller, @PathVariable String action, @PathVariable String jobId) {
        App app = apps.app(caller);
        AnnotationReplyJobs.Job job = jobs.find(app.getId(), action(action), jobId)
                .orElseThrow(() -> ServiceApiException.invalid("The job does not exist."));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job_id", job.id());
        body.put("job_status", job.status());
        body.put("error_msg", job.error() == null ? "" : job.error());
        return body;
    }

    /** Runs a change that embeds the question while annotation reply is on; a failing embedding model is a provider error. */
    private static AppAnnotation embedding(Supplier<AppAnnotation> change) {
        try {
            return change.get();
        } catch (EmbeddingException e) {
            throw new ServiceApiException(400, "completion_request_error", "the annotation's question could not be embedded: " + e.getMessage());
        }
    }

    private AppAnnotation own(App app, String annotationId) {
        return annotations.find(app.getId(), annotationId)
                .orElseThrow(() -> ServiceApiException.notFound("Annotation not found."));
    }

    private static AnnotationReplyJobs.Action action(String action) {
        return switch (action.toLowerCase(Locale.ROOT)) {
            case "enable" -> AnnotationReplyJobs.Action.ENABLE;
            case "disable" -> AnnotationReplyJobs.Action.DISABLE;
            default -> throw ServiceApiException.invalid("action must be enable or disable, got '" + action + "'");
        };
    }

    static Map<String, Object> view(AppAnnotation a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.getId());
        m.put("question", a.getQuestion());
        m.put("answer", a.getAnswer());
        m.put("hit_count", a.getHitCount());
        m.put("created_at", a.getCreatedAt().getEpochSecond());
        return m;
    }
}
