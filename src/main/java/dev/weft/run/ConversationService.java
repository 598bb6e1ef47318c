package dev.weft.run;

import dev.weft.engine.node.ChatTurn;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Conversations and their messages for chat-family apps. A turn starts as a {@code running} message
 * ({@link #startMessage}) and ends with {@link #finishMessage} or {@link #failMessage}; {@link #lastTurns}
 * gives the finished turns an LLM node remembers.
 */
@Service
@Transactional
public class ConversationService {

    static final String DEFAULT_NAME = "New conversation";
    static final int NAME_LENGTH = 40;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final RunRecordWriter writer;
    private final AtomicReference<Instant> lastMessageTime = new AtomicReference<>(Instant.EPOCH);

    public ConversationService(ConversationRepository conversations, MessageRepository messages, RunRecordWriter writer) {
        this.conversations = conversations;
        this.messages = messages;
        this.writer = writer;
    }

    /**
     * A new conversation that is not stored yet: {@link #recordTurnStart} stores it together with its first
     * message, through the {@link RunRecordWriter}.
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    public Conversation newConversation(String appId, String endUserId, Map<String, Object> inputs) {
        if (appId == null || endUserId == null || endUserId.isBlank()) {
            throw new IllegalArgumentException("a conversation needs the app id and the end user id");
        }
        return new Conversation(appId, endUserId, DEFAULT_NAME, inputs);
    }

    /**
     * Records a new turn as {@code running} through the {@link RunRecordWriter}, as {@link #startMessage} does
     * in its own transaction: inserts the conversation when it is {@code fresh} (from {@link #newConversation}),
     * names it after the first query, or else marks it active. {@code dialogueCount} is the number of turns
     * the conversation already has. The message row is {@linkplain RunRecordWriter#hold held}: written once at the
     * end of a short turn. The writes are committed by the time {@link RunRecordWriter#barrier()} completes.
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    public Turn recordTurnStart(Conversation conversation, boolean fresh, long dialogueCount, String query,
            Map<String, Object> inputs) {
        if (dialogueCount == 0 && query != null && !query.isBlank() && DEFAULT_NAME.equals(conversation.getName())) {
            conversation.rename(nameFor(query));
        } else {
            conversation.touch();
        }
        String id = conversation.getId();
        if (fresh) {
            writer.submit(RunRecordWriter.Phase.INSERT_CONVERSATION, "conversation " + id, s -> s.insert(conversation));
        } else {
            writer.submit(RunRecordWriter.Phase.UPDATE, "conversation " + id, s -> s.update(conversation));
        }
        Message m = new Message(id, conversation.getAppId(), query, inputs, nextMessageTime());
        return new Turn(conversation, m, writer.hold(RunRecordWriter.Phase.INSERT_MESSAGE, "message " + m.getId(), m));
    }

    /** A turn being recorded: its conversation, its message, and the message's row as the writer holds it. */
    public record Turn(Conversation conversation, Message message, RunRecordWriter.HeldRow row) {}

    /**
     * Records the end of a turn started with {@link #recordTurnStart}: the message answered ({@code error} null)
     * or failed, the knowledge it cited, and the conversation variables when they changed.
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    public void recordTurnEnd(Turn turn, String answer, String error, String workflowRunId,
            long totalTokens, long latencyMillis, List<Map<String, Object>> resources, Map<String, Object> variables) {
        Message m = turn.message();
        Conversation conversation = turn.conversation();
        turn.row().finish(() -> {
            if (error != null) {
                m.fail(error, workflowRunId, latencyMillis);
            } else {
                m.finish(answer, workflowRunId, totalTokens, latencyMillis);
                if (resources != null && !resources.isEmpty()) {
                    m.citeResources(resources);
                }
            }
        });
        Map<String, Object> values = variables == null ? Map.of() : variables;
        if (!values.equals(conversation.getVariables())) {
            conversation.replaceVariables(values);
            writer.submit(RunRecordWriter.Phase.UPDATE, "conversation " + conversation.getId(), s -> s.update(conversation));
        }
    }

    private static String nameFor(String query) {
        String q = WHITESPACE.matcher(query.strip()).replaceAll(" ");
        return q.length() > NAME_LENGTH ? q.substring(0, NAME_LENGTH) + "…" : q;
    }

    public Conversation createConversation(String appId, String endUserId, Map<String, Object> inputs) {
        if (appId == null || endUserId == null || endUserId.isBlank()) {
            throw new IllegalArgumentException("a conversation needs the app id and the end user id");
        }
        return conversations.save(new Conversation(appId, endUserId, DEFAULT_NAME, inputs));
    }

    @Transactional(readOnly = true)
    public Optional<Conversation> findConversation(String conversationId) {
        return conversationId == null ? Optional.empty() : conversations.findById(conversationId);
    }

    /** The conversation only if it belongs to this app and end user (as the Service API requires). */
    @Transactional(readOnly = true)
    public Optional<Conversation> findConversation(String appId, String endUserId, String conversationId) {
        return findConversation(conversationId)
                .filter(c -> c.getAppId().equals(appId) && c.getEndUserId().equals(endUserId));
    }

    /** An end user's conversations with an app, most recently active first. */
    @Transactional(readOnly = true)
    public List<Conversation> listConversations(String appId, String endUserId, int limit) {
        return conversations.findByAppIdAndEndUserIdOrderByUpdatedAtDesc(appId, endUserId, Limit.of(Math.max(1, limit)));
    }

    public Conversation rename(String conversationId, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the conversation name is required");
        }
        Conversation c = require(conversationId);
        c.rename(name.strip().length() > 255 ? name.strip().substring(0, 255) : name.strip());
        return conversations.save(c);
    }

    /** Names the conversation after its first question, as its first turn does ({@value #DEFAULT_NAME} when it has none). */
    public Conversation renameAfterFirstQuestion(String conversationId) {
        Conversation c = require(conversationId);
        List<Message> all = messages(conversationId);
        String q = all.isEmpty() || all.getFirst().getQuery() == null ? "" : all.getFirst().getQuery();
        c.rename(q.isBlank() ? DEFAULT_NAME : nameFor(q));
        return conversations.save(c);
    }

    /** Deletes the conversation and its messages. */
    public void deleteConversation(String conversationId) {
        conversations.delete(require(conversationId));
        conversations.flush();
    }

    /** Replaces the stored conversation variable values (name → value). */
    public void saveVariables(String conversationId, Map<String, Object> values) {
        Conversation c = require(conversationId);
        c.replaceVariables(values == null ? Map.of() : values);
        conversations.save(c);
    }

    /** Records a new turn as {@code running}; the first query of a conversation also names it. */
    public Message startMessage(String conversationId, String query, Map<String, Object> inputs) {
        Conversation c = require(conversationId);
        if (messages.countByConversationId(conversationId) == 0 && query != null && !query.isBlank()
                && DEFAULT_NAME.equals(c.getName())) {
            c.rename(nameFor(query));
        } else {
            c.touch();
        }
        conversations.save(c);
        return messages.save(new Message(conversationId, c.getAppId(), query, inputs, nextMessageTime()));
    }

    public Message finishMessage(String messageId, String answer, String workflowRunId, long totalTokens, long latencyMillis) {
        Message m = requireMessage(messageId);
        m.finish(answer, workflowRunId, totalTokens, latencyMillis);
        return messages.save(m);
    }

    /** Records the knowledge the answer cited (Dify's {@code retriever_resources}). */
    public void citeResources(String messageId, List<Map<String, Object>> resources) {
        Message m = requireMessage(messageId);
        m.citeResources(resources);
        messages.save(m);
    }

    public Message failMessage(String messageId, String error, String workflowRunId, long latencyMillis) {
        Message m = requireMessage(messageId);
        m.fail(error, workflowRunId, latencyMillis);
        return messages.save(m);
    }

    /** Records a whole finished turn at once. */
    public Message appendMessage(String conversationId, String query, String answer, Map<String, Object> inputs,
            String workflowRunId, long totalTokens, long latencyMillis) {
        Message m = startMessage(conversationId, query, inputs);
        m.finish(answer, workflowRunId, totalTokens, latencyMillis);
        return messages.save(m);
    }

    @Transactional(readOnly = true)
    public Optional<Message> findMessage(String messageId) {
        return messageId == null ? Optional.empty() : messages.findById(messageId);
    }

    /** All messages of a conversation, oldest first. */
    @Transactional(readOnly = true)
    public List<Message> messages(String conversationId) {
        return messages.findByConversationIdOrderByCreatedAtAsc(conversationId);
    }

    /** The last {@code limit} answered turns, oldest first, for LLM memory. Failed and running turns are left out. */
    @Transactional(readOnly = true)
    public List<ChatTurn> lastTurns(String conversationId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        List<ChatTurn> turns = new ArrayList<>();
        for (Message m : messages.findByConversationIdAndStatusOrderByCreatedAtDesc(
                conversationId, MessageStatus.NORMAL, Limit.of(limit))) {
            turns.add(new ChatTurn(m.getQuery(), m.getAnswer() == null ? "" : m.getAnswer()));
        }
        Collections.reverse(turns);
        return turns;
    }

    /** How many turns the conversation has (Dify's {@code sys.dialogue_count}). */
    @Transactional(readOnly = true)
    public long dialogueCount(String conversationId) {
        return messages.countByConversationId(conversationId);
    }

    private Conversation require(String conversationId) {
        return findConversation(conversationId).orElseThrow(() ->
                new IllegalArgumentException("no conversation with id '" + conversationId + "'"));
    }

    private Message requireMessage(String messageId) {
        return findMessage(messageId).orElseThrow(() ->
                new IllegalArgumentException("no message with id '" + messageId + "'"));
    }

    /** Strictly increasing microsecond times, so turns sort in the order they were made. */
    private Instant nextMessageTime() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return lastMessageTime.updateAndGet(last -> now.isAfter(last) ? now : last.plus(1, ChronoUnit.MICROS));
    }
}
