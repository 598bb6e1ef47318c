package dev.weft.api.service;

import dev.weft.api.sse.RunTally;
import dev.weft.api.sse.SseEventWriter;
import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.AppVersion;
import dev.weft.app.LatestPublishedVersions;
import dev.weft.app.definition.AppMode;
import dev.weft.engine.EngineProperties;
import dev.weft.engine.RunResult;
import dev.weft.engine.event.RunListener;
import dev.weft.publish.auth.ServiceCaller;
import dev.weft.publish.limit.ConcurrentRunLimiter;
import dev.weft.run.AppRunService;
import dev.weft.run.AppRunService.RunCommand;
import dev.weft.run.AppRunService.StartedRun;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.springframework.stereotype.Service;

/**
 * Starts Service API runs: picks the version to run, holds one of the app's concurrent-run slots while the
 * run goes, and answers blocking (waits), streaming (follows the {@link RunStream}) or async (returns the
 * ids at once; the stream stays attachable by run id).
 */
@Service
public class ServiceRuns {

    /** A blocking run that ended. */
    public record Finished(StartedRun run, RunResult result, RunTally tally, String answer) {}

    private final AppService apps;
    private final LatestPublishedVersions latestPublished;
    private final AppRunService runs;
    private final ServiceRunRegistry registry;
    private final ConcurrentRunLimiter limiter;
    private final Duration streamTimeout;

    ServiceRuns(AppService apps, LatestPublishedVersions latestPublished, AppRunService runs, ServiceRunRegistry registry, ConcurrentRunLimiter limiter,
            EngineProperties engine) {
        this.apps = apps;
        this.latestPublished = latestPublished;
        this.runs = runs;
        this.registry = registry;
        this.limiter = limiter;
        this.streamTimeout = engine.runTimeout().plusMinutes(1);
    }

    /**
     * The version number to run: {@code workflowId} (a published version's id) when given; else the latest
     * published version; else, for chatbot and text generator apps, whose settings are live in Dify, the draft.
     * Workflow and chatflow apps must be published first.
     */
    public Integer version(App app, String workflowId) {
        return version(app.getId(), app.getMode(), workflowId);
    }

    /** {@link #version(App, String)} for an app known by its id and mode. */
    public Integer version(String appId, AppMode mode, String workflowId) {
        if (workflowId != null && !workflowId.isBlank()) {
            try {
                UUID.fromString(workflowId);
            } catch (IllegalArgumentException e) {
                throw ServiceApiException.invalid("workflow_id '" + workflowId + "' is not a valid id");
            }
            AppVersion v = apps.findVersion(workflowId).filter(x -> x.getAppId().equals(appId))
                    .orElseThrow(() -> ServiceApiException.notFound("Workflow not found with id '" + workflowId + "'"));
            if (v.isDraft()) {
                throw ServiceApiException.invalid("workflow_id '" + workflowId + "' is the draft; only published versions run by id");
            }
            return v.getVersion();
        }
        return latestPublished.of(appId).orElseGet(() -> {
            if (mode == AppMode.WORKFLOW || mode == AppMode.ADVANCED_CHAT) {
                throw ServiceApiException.invalid("the app is not published; publish it before calling the API");
            }
            return null;
        });
    }

    public Finished blocking(ServiceCaller caller, RunCommand command) {
        RunTally tally = new RunTally();
        AnswerCollector answer = new AnswerCollector();
        Held held = startHeld(caller, command, tally.andThen(answer));
        StartedRun run = held.run();
        try {
            RunResult result = run.completion().join();
            return new Finished(run, result, tally, result.answer() != null && !result.answer().isEmpty() ? result.answer() : answer.text());
        } catch (CompletionException e) {
            throw new IllegalStateException("run " + run.runId() + " crashed: " + e.getCause(), e.getCause());
        } finally {
            held.permit().release();
        }
    }

    public SseEventWriter streaming(ServiceCaller caller, RunCommand command) {
        RunStream stream = startFollowed(caller, command).stream;
        return RunStreamResponse.follow(stream, streamTimeout, command.appId());
    }

    /** {@code {task_id, workflow_run_id, conversation_id?, message_id?, status: "running"}}. */
    Map<String, Object> async(ServiceCaller caller, RunCommand command) {
        ServiceRunRegistry.Entry entry = startFollowed(caller, command);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("task_id", entry.taskId);
        body.put("workflow_run_id", entry.runId);
        StartedRun run = entry.started;
        if (run.conversationId() != null) {
            body.put("conversation_id", run.conversationId());
        }
        if (entry.mode == AppMode.COMPLETION || run.messageId() != null) {
            body.put("message_id", entry.mode == AppMode.COMPLETION ? run.runId() : run.messageId());
        }
        body.put("status", "running");
        return body;
    }

    /** A run of this process that has not written its record yet: {@code {id, workflow_id, status: "running"}}. */
    java.util.Optional<Map<String, Object>> starting(ServiceCaller caller, String runId) {
        return registry.byRun(caller.appId(), runId).map(e -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", e.runId);
            body.put("workflow_id", e.started.workflowId());
            body.put("status", e.stream.isClosed() ? "unknown" : "running");
            body.put("inputs", "{}");
            body.put("outputs", null);
            body.put("error", null);
            body.put("total_steps", 0);
            body.put("total_tokens", 0);
            body.put("created_at", System.currentTimeMillis() / 1000);
            body.put("finished_at", null);
            body.put("elapsed_time", 0.0);
            return body;
        });
    }

    /** Attaches to a streaming or async run's events from the start. */
    SseEventWriter attach(ServiceCaller caller, String runId, String user) {
        ServiceRunRegistry.Entry entry = registry.byRun(caller.appId(), runId)
                .filter(e -> e.user.equals(user))
                .orElseThrow(() -> ServiceApiException.notFound("no streaming or async run '" + runId + "' of this user in the last "
                        + ServiceRunRegistry.KEEP_AFTER_END.toMinutes() + " minutes; read its result with GET /workflows/run/" + runId));
        return RunStreamResponse.follow(entry.stream, streamTimeout, runId);
    }

    /** Stops a streaming or async run; {@code user} null skips the user check (workflow apps, as in Dify). */
    void stop(ServiceCaller caller, String taskId, String user) {
        registry.byTask(caller.appId(), taskId)
                .filter(e -> user == null || e.user.equals(user))
                .ifPresent(e -> runs.stop(taskId));
    }

    private ServiceRunRegistry.Entry startFollowed(ServiceCaller caller, RunCommand command) {
        RunStream stream = new RunStream();
        Held held = startHeld(caller, command, stream);
        StartedRun run = held.run();
        stream.attach(run);
        ServiceRunRegistry.Entry entry = new ServiceRunRegistry.Entry(command.appId(), command.user(), run.taskId(),
                run.runId(), run.mode(), stream, run);
        registry.register(entry);
        run.completion().whenComplete((result, failure) -> {
            held.permit().release();
            stream.close(failure == null ? null : "the run crashed: " + rootCause(failure));
            registry.ended(entry);
        });
        return entry;
    }

    /** Starts a run with the caller's concurrency slot held until its records are saved. */
    public StartedRun start(ServiceCaller caller, RunCommand command, RunListener listener) {
        Held held = startHeld(caller, command, listener);
        return held.run();
    }

    private record Held(StartedRun run, ConcurrentRunLimiter.Permit permit) {}

    /** Starts a run holding one of the app's run slots; the slot is freed when the run's records are saved (or earlier by the caller). */
    private Held startHeld(ServiceCaller caller, RunCommand command, RunListener listener) {
        ConcurrentRunLimiter.Permit permit = limiter.acquire(caller.appId(), caller.settings().maxConcurrentRuns());
        StartedRun run;
        try {
            run = runs.start(caller.keyId() == null ? command : command.withApiKey(caller.keyId()), listener);
        } catch (RuntimeException e) {
            permit.release();
            throw e;
        }
        run.completion().whenComplete((r, t) -> permit.release());
        return new Held(run, permit);
    }

    private static String rootCause(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c.toString();
    }
}
