package dev.weft.publish.feedback;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Rates answers: {@code like}, {@code dislike}, or null to take a rating back. One rating per message and end user. */
@Service
@Transactional
public class FeedbackService {

    static final Set<String> RATINGS = Set.of("like", "dislike");
    static final int MAX_CONTENT = 4000;

    private final MessageFeedbackRepository feedback;

    public FeedbackService(MessageFeedbackRepository feedback) {
        this.feedback = feedback;
    }

    /** Sets or (rating null) removes the end user's rating of the message; the caller checked that the message is theirs. */
    public void rate(String appId, String messageId, String endUserId, String rating, String content) {
        if (rating != null && !RATINGS.contains(rating)) {
            throw new IllegalArgumentException("rating must be 'like', 'dislike' or null, got '" + rating + "'");
        }
        if (content != null && content.length() > MAX_CONTENT) {
            throw new IllegalArgumentException("content is longer than " + MAX_CONTENT + " characters");
        }
        var existing = feedback.findByMessageIdAndEndUserId(messageId, endUserId);
        if (rating == null) {
            existing.ifPresent(feedback::delete);
            return;
        }
        existing.ifPresentOrElse(f -> f.change(rating, content),
                () -> feedback.save(new MessageFeedback(appId, messageId, endUserId, rating, content)));
    }

    /** The ratings of these messages by message id. */
    @Transactional(readOnly = true)
    public Map<String, MessageFeedback> byMessage(Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return Map.of();
        }
        return feedback.findByMessageIdIn(messageIds).stream()
                .collect(Collectors.toMap(MessageFeedback::getMessageId, Function.identity(), (a, b) -> a));
    }

    /** The app's feedback, newest first; {@code page} starts at 1. */
    @Transactional(readOnly = true)
    public List<MessageFeedback> list(String appId, int page, int limit) {
        return feedback.findByAppIdOrderByCreatedAtDesc(appId, PageRequest.of(Math.max(0, page - 1), limit));
    }
}
