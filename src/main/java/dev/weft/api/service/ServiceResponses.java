package dev.weft.api.service;

import dev.weft.api.sse.DifyUsage;
import dev.weft.app.definition.AppMode;
import dev.weft.run.AppRunService.StartedRun;
import dev.weft.run.PresetReplies;
import java.util.LinkedHashMap;
import java.util.Map;

/** Blocking response bodies of chat-messages and completion-messages (dify-reference §3.4, §3.5). */
final class ServiceResponses {

    private ServiceResponses() {}

    /** {@code {event:"message", task_id, id, message_id, conversation_id?, mode, answer, metadata:{usage, retriever_resources, annotation_reply?}, created_at}}. */
    static Map<String, Object> message(ServiceRuns.Finished f) {
        StartedRun run = f.run();
        String messageId = run.mode() == AppMode.COMPLETION ? run.runId() : run.messageId();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "message");
        body.put("task_id", run.taskId());
        body.put("id", messageId);
        body.put("message_id", messageId);
        if (run.conversationId() != null) {
            body.put("conversation_id", run.conversationId());
        }
        body.put("mode", run.mode().value());
        body.put("answer", f.answer());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("usage", DifyUsage.of(f.tally().usage(), f.result().elapsedMillis()));
        metadata.put("retriever_resources", f.tally().retrieverResources());
        if (f.run().presetReply() != null) {
            metadata.put("annotation_reply", annotationReply(f.run().presetReply()));
        }
        body.put("metadata", metadata);
        body.put("created_at", (f.tally().createdAt() == 0 ? System.currentTimeMillis() : f.tally().createdAt()) / 1000);
        return body;
    }

    /**
     * Dify's {@code metadata.annotation_reply} of a turn an annotation answered: {@code {id, account}}, where
     * {@code account} (the console account that wrote the annotation in Dify) is null for annotations added through the API.
     */
    static Map<String, Object> annotationReply(PresetReplies.PresetReply reply) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", reply.id());
        m.put("account", null);
        return m;
    }
}
