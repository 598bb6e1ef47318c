package dev.weft.run;

import java.util.Optional;

/**
 * Answers a chat question before the app's graph runs, when the app has a ready answer for it (Dify's annotation
 * reply). The turn then runs {@link PresetReplyGraph} instead, which only says the preset answer, and is recorded as
 * any turn is, plus {@link #replied}.
 */
public interface PresetReplies {

    /** The ready answer to this question of this app, if there is one. Must be fast: it runs before every chat turn. */
    Optional<PresetReply> find(String appId, String query);

    /** Records that {@code reply} answered this question as message {@code messageId}. */
    void replied(PresetReply reply, String appId, String messageId, String query, String user);

    /** A ready answer: its id (the annotation's), the text, and how close the question was (0–1). */
    record PresetReply(String id, String answer, double score) {}
}
