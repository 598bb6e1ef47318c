package dev.weft.run;

import dev.weft.app.definition.AppMode;

/**
 * What a run belongs to, given to {@link RunRecorder#listener}: the app and version it runs, who started it,
 * and for chat apps the conversation and message it answers (both may be null).
 */
public record RunOrigin(
        String appId,
        String appVersionId,
        AppMode mode,
        CreatedByRole createdByRole,
        String createdBy,
        String conversationId,
        String messageId) {

    public RunOrigin {
        if (appId == null || mode == null || createdByRole == null) {
            throw new IllegalArgumentException("a run origin needs the app id, the mode and who created the run");
        }
    }
}
