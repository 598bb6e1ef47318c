package dev.weft.api.service;

import dev.weft.run.Conversation;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.repository.Repository;

/** Pages of an end user's conversations with an app in the four orders of Dify's {@code sort_by}, after a cursor. */
interface ConversationPages extends Repository<Conversation, String> {

    List<Conversation> findByAppIdAndEndUserIdOrderByUpdatedAtDesc(String appId, String user, Limit limit);

    List<Conversation> findByAppIdAndEndUserIdAndUpdatedAtLessThanOrderByUpdatedAtDesc(String appId, String user, Instant before, Limit limit);

    List<Conversation> findByAppIdAndEndUserIdOrderByUpdatedAtAsc(String appId, String user, Limit limit);

    List<Conversation> findByAppIdAndEndUserIdAndUpdatedAtGreaterThanOrderByUpdatedAtAsc(String appId, String user, Instant after, Limit limit);

    List<Conversation> findByAppIdAndEndUserIdOrderByCreatedAtDesc(String appId, String user, Limit limit);

    List<Conversation> findByAppIdAndEndUserIdAndCreatedAtLessThanOrderByCreatedAtDesc(String appId, String user, Instant before, Limit limit);

    List<Conversation> findByAppIdAndEndUserIdOrderByCreatedAtAsc(String appId, String user, Limit limit);

    List<Conversation> findByAppIdAndEndUserIdAndCreatedAtGreaterThanOrderByCreatedAtAsc(String appId, String user, Instant after, Limit limit);
}
