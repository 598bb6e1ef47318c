package dev.weft.run;

import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

/** Conversations of an app's end users. */
public interface ConversationRepository extends JpaRepository<Conversation, String> {

    List<Conversation> findByAppIdAndEndUserIdOrderByUpdatedAtDesc(String appId, String endUserId, Limit limit);
}
