package dev.weft.publish.feedback;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** Feedback on answers. */
public interface MessageFeedbackRepository extends JpaRepository<MessageFeedback, String> {

    Optional<MessageFeedback> findByMessageIdAndEndUserId(String messageId, String endUserId);

    List<MessageFeedback> findByMessageIdIn(Collection<String> messageIds);

    List<MessageFeedback> findByAppIdOrderByCreatedAtDesc(String appId, Pageable page);
}
