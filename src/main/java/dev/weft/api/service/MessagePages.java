package dev.weft.api.service;

import dev.weft.run.Message;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.repository.Repository;

/** A conversation's messages newest first, optionally older than a cursor message. */
interface MessagePages extends Repository<Message, String> {

    List<Message> findByConversationIdOrderByCreatedAtDesc(String conversationId, Limit limit);

    List<Message> findByConversationIdAndCreatedAtLessThanOrderByCreatedAtDesc(String conversationId, Instant before, Limit limit);
}
