package dev.weft.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.definition.AppMode;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import dev.weft.support.TestDataDirs;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest
class RunRecordWriterTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("recordwriter").toString());
    }

    @Autowired RunRecordWriter writer;
    @Autowired ConversationRepository conversations;
    @Autowired MessageRepository messages;
    @Autowired AppService apps;
    @Autowired AccountService accounts;
    @Autowired EntityManagerFactory entityManagerFactory;
    @Autowired DataSource dataSource;

    App app;

    @BeforeEach
    void app() {
        Account owner = accounts.hasAccounts()
                ? accounts.findByEmail("owner@example.com").orElseThrow()
                : accounts.createOwner("Test", "owner@example.com", "Owner", "correct horse battery");
        app = apps.create(owner.getWorkspaceId(), "writer test", AppMode.CHAT, null, owner.getId());
    }

    @Test
    void writes_are_readable_once_the_barrier_completes_and_a_failing_write_loses_only_itself() throws Exception {
        Conversation conversation = new Conversation(app.getId(), "u1", "Hello", Map.of());
        Message good = new Message(conversation.getId(), app.getId(), "hi", Map.of(), Instant.now());
        Message orphan = new Message("no-such-conversation", app.getId(), "lost", Map.of(), Instant.now());

        // submitted back to back (a row before the rows that refer to it, as the writer requires), so that they
        // usually share a transaction, which then fails on the orphan
        writer.submit(RunRecordWriter.Phase.INSERT_CONVERSATION, "conversation", s -> s.insert(conversation));
        writer.submit(RunRecordWriter.Phase.INSERT_MESSAGE, "orphan message", s -> s.insert(orphan));
        writer.submit(RunRecordWriter.Phase.INSERT_MESSAGE, "message", s -> s.insert(good));
        good.finish("hello there", "run-1", 7, 3);
        writer.submit(RunRecordWriter.Phase.UPDATE, "message end", s -> s.update(good));
        writer.barrier().get(10, TimeUnit.SECONDS);

        assertThat(conversations.findById(conversation.getId())).isPresent();
        Message stored = messages.findById(good.getId()).orElseThrow();
        assertThat(stored.getAnswer()).isEqualTo("hello there");
        assertThat(stored.getStatus()).isEqualTo(MessageStatus.NORMAL);
        assertThat(messages.findById(orphan.getId())).isEmpty();
    }

    @Test
    void a_held_row_is_written_once_when_finished_in_time_else_inserted_running_and_updated() throws Exception {
        Conversation conversation = new Conversation(app.getId(), "u3", "Held", Map.of());
        writer.submit(RunRecordWriter.Phase.INSERT_CONVERSATION, "conversation", s -> s.insert(conversation));

        Message quick = new Message(conversation.getId(), app.getId(), "quick", Map.of(), Instant.now());
        RunRecordWriter.HeldRow quickRow = writer.hold(RunRecordWriter.Phase.INSERT_MESSAGE, "quick message", quick);
        quickRow.finish(() -> quick.finish("fast answer", "run-q", 1, 1));
        Message slow = new Message(conversation.getId(), app.getId(), "slow", Map.of(), Instant.now().plusMillis(1));
        RunRecordWriter.HeldRow slowRow = writer.hold(RunRecordWriter.Phase.INSERT_MESSAGE, "slow message", slow);
        writer.barrier().get(10, TimeUnit.SECONDS);

        Message storedQuick = messages.findById(quick.getId()).orElseThrow();
        assertThat(storedQuick.getStatus()).isEqualTo(MessageStatus.NORMAL);
        assertThat(storedQuick.getAnswer()).isEqualTo("fast answer");

        // not finished within the hold: inserted as it is (running), so that it can be seen
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(messages.findById(slow.getId())).hasValueSatisfying(m ->
                        assertThat(m.getStatus()).isEqualTo(MessageStatus.RUNNING)));
        slowRow.finish(() -> slow.finish("late answer", "run-s", 2, 1500));
        writer.barrier().get(10, TimeUnit.SECONDS);
        Message storedSlow = messages.findById(slow.getId()).orElseThrow();
        assertThat(storedSlow.getStatus()).isEqualTo(MessageStatus.NORMAL);
        assertThat(storedSlow.getAnswer()).isEqualTo("late answer");
    }

    @Test
    void stopping_writes_everything_already_queued() throws Exception {
        RunRecordWriter own = new RunRecordWriter(entityManagerFactory, dataSource);
        Conversation conversation = new Conversation(app.getId(), "u2", "Bye", Map.of());
        own.submit(RunRecordWriter.Phase.INSERT_CONVERSATION, "conversation", s -> s.insert(conversation));
        for (int i = 0; i < 50; i++) {
            Message m = new Message(conversation.getId(), app.getId(), "q" + i, Map.of(), Instant.now().plusMillis(i));
            own.submit(RunRecordWriter.Phase.INSERT_MESSAGE, "message " + i, s -> s.insert(m));
        }
        own.stop();

        assertThat(messages.countByConversationId(conversation.getId())).isEqualTo(50);
        // after the stop, a write is made on the caller's thread rather than lost
        Message late = new Message(conversation.getId(), app.getId(), "late", Map.of(), Instant.now().plusSeconds(1));
        own.submit(RunRecordWriter.Phase.INSERT_MESSAGE, "late message", s -> s.insert(late));
        assertThat(messages.findById(late.getId())).isPresent();
    }
}
