package dev.weft.engine;

import dev.weft.engine.event.RunStatus;
import java.util.Map;

/**
 * How a run ended. {@code outputs}: the End nodes' outputs (workflow) or {@code {answer}} (chat);
 * {@code answer}: the streamed answer text; {@code conversation}: conversation variables after the run.
 */
public record RunResult(
        String runId,
        RunStatus status,
        Map<String, Object> outputs,
        String answer,
        String error,
        long elapsedMillis,
        long totalTokens,
        int totalSteps,
        Map<String, Object> conversation) {}
