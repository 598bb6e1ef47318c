package dev.weft.run;

import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

/** Messages of conversations. */
public interface MessageRepository extends JpaRepository<Message, String> {

    List<Message> findByConversationIdOrderByCreatedAtAsc(String conversationId);

    List<Message> findByConversationIdAndStatusOrderByCreatedAtDesc(String conversationId, MessageStatus status, Limit limit);

    long countByConversationId(String conversationId);
}
