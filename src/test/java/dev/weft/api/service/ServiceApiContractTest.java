package dev.weft.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.definition.AppMode;
import dev.weft.model.openai.FakeOpenAiServer;
import dev.weft.model.openai.FakeOpenAiServer.Reply;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Dify Service API contract (dify-reference §3): JSON field names of each endpoint, the event order per
 * app mode, errors as {@code {code, message, status}} and, once a stream is open, as an {@code error} event.
 */
class ServiceApiContractTest extends ServiceApiTestBase {

    static final List<String> USAGE_FIELDS = List.of("prompt_tokens", "prompt_unit_price", "prompt_price_unit", "prompt_price",
            "completion_tokens", "completion_unit_price", "completion_price_unit", "completion_price", "total_tokens",
            "total_price", "currency", "latency");

    @Test
    void chatMessagesBlockingHasDifysShape() {
        String key = key(publishedApp(AppMode.CHAT));
        FAKE.enqueue(Reply.text("Paris is the capital.").withUsage(12, 5));

        Response r = post(key, "/v1/chat-messages", body("query", "Capital of France?", "inputs", Map.of(), "user", "u-1",
                "response_mode", "blocking"));

        assertThat(r.status()).isEqualTo(200);
        JsonNode m = r.json();
        assertThat(fieldNames(m)).containsExactly("event", "task_id", "id", "message_id", "conversation_id", "mode", "answer",
                "metadata", "created_at");
        assertThat(m.get("event").asString()).isEqualTo("message");
        assertThat(m.get("id").asString()).isEqualTo(m.get("message_id").asString());
        assertThat(m.get("mode").asString()).isEqualTo("chat");
        assertThat(m.get("answer").asString()).isEqualTo("Paris is the capital.");
        assertThat(fieldNames(m.get("metadata").get("usage"))).containsExactlyElementsOf(USAGE_FIELDS);
        assertThat(m.get("metadata").get("usage").get("total_tokens").asInt()).isEqualTo(17);
        assertThat(m.get("metadata").get("usage").get("total_price").isString()).as("prices are decimal strings").isTrue();
        assertThat(m.get("metadata").get("retriever_resources").isArray()).isTrue();
    }

    @Test
    void chatbotStreamIsMessagesThenMessageEndFramedAsDataLines() {
        String key = key(publishedApp(AppMode.CHAT));
        FAKE.enqueue(Reply.stream(List.of("Hel", "lo", " there"), Duration.ZERO));

        List<JsonNode> events;
        List<String> raw;
        try (EventStream s = stream(key, "/v1/chat-messages", body("query", "hi", "inputs", Map.of(), "user", "u-1",
                "response_mode", "streaming"))) {
            assertThat(s.status()).isEqualTo(200);
            assertThat(s.contentType()).startsWith("text/event-stream");
            events = s.rest();
            raw = s.rawLines;
        }
        assertThat(names(events)).containsExactly("message", "message", "message", "message_end");
        JsonNode first = events.getFirst();
        assertThat(fieldNames(first)).containsExactly("event", "task_id", "id", "message_id", "conversation_id", "created_at", "answer");
        assertThat(events.stream().filter(e -> e.get("event").asString().equals("message")).map(e -> e.get("answer").asString()))
                .containsExactly("Hel", "lo", " there");
        JsonNode end = events.getLast();
        assertThat(fieldNames(end)).containsExactly("event", "task_id", "id", "message_id", "conversation_id", "created_at", "metadata");
        assertThat(fieldNames(end.get("metadata"))).containsExactly("usage", "retriever_resources");
        for (int i = 0; i < raw.size(); i++) {
            String line = raw.get(i);
            assertThat(line.isEmpty() || line.startsWith("data: {") || line.equals("event: ping")).as(line).isTrue();
            if (!line.isEmpty()) {
                assertThat(i + 1 < raw.size() ? raw.get(i + 1) : "").as("a blank line follows each event").isEmpty();
            }
        }
    }

    @Test
    void chatflowStreamHasWorkflowEventsAroundTheMessages() {
        String key = key(publishedApp(AppMode.ADVANCED_CHAT));
        FAKE.enqueue(Reply.stream(List.of("A", "B"), Duration.ZERO));

        List<JsonNode> events;
        try (EventStream s = stream(key, "/v1/chat-messages", body("query", "hi", "inputs", Map.of(), "user", "u-2",
                "response_mode", "streaming"))) {
            events = s.rest();
        }
        List<String> names = names(events);
        assertThat(names.getFirst()).isEqualTo("workflow_started");
        assertThat(names.subList(names.size() - 2, names.size())).containsExactly("message_end", "workflow_finished");
        assertThat(names).containsSubsequence("node_started", "message", "message", "node_finished", "message_end");
        assertThat(names).doesNotContain("text_chunk", "error");
        JsonNode started = events.getFirst();
        assertThat(fieldNames(started)).contains("event", "task_id", "workflow_run_id", "data", "conversation_id", "message_id", "created_at");
        assertThat(fieldNames(started.get("data"))).contains("id", "workflow_id", "inputs", "created_at");
        JsonNode finished = events.getLast();
        assertThat(fieldNames(finished.get("data"))).contains("id", "workflow_id", "status", "outputs", "error", "elapsed_time",
                "total_tokens", "total_steps", "created_at", "finished_at", "exceptions_count", "files");
        assertThat(finished.get("data").get("status").asString()).isEqualTo("succeeded");
        JsonNode nodeFinished = events.stream().filter(e -> e.get("event").asString().equals("node_finished")).findFirst().orElseThrow();
        assertThat(fieldNames(nodeFinished.get("data"))).contains("id", "node_id", "node_type", "title", "index", "inputs",
                "process_data", "outputs", "status", "error", "elapsed_time", "execution_metadata", "created_at", "finished_at");
        String conversationId = started.get("conversation_id").asString();
        assertThat(events).allSatisfy(e -> assertThat(e.get("conversation_id").asString()).isEqualTo(conversationId));
    }

    @Test
    void theFirstMessageEventArrivesBeforeTheProviderHasFinished() throws Exception {
        try (FakeOpenAiServer fake = FakeOpenAiServer.start()) {
            String key = key(publishedAppOn(AppMode.CHAT, fake));
            fake.enqueue(Reply.stream(List.of("First", " second", " third"), Duration.ZERO).holdAfter(1));
            try (EventStream s = stream(key, "/v1/chat-messages", body("query", "hi", "inputs", Map.of(), "user", "u-3",
                    "response_mode", "streaming"))) {
                assertThat(fake.awaitHolding(Duration.ofSeconds(10))).isTrue();
                JsonNode first = s.next();
                assertThat(first.get("event").asString()).isEqualTo("message");
                assertThat(first.get("answer").asString()).isEqualTo("First");
                fake.release();
                assertThat(names(s.rest())).containsExactly("message", "message", "message_end");
            }
        }
    }

    @Test
    void aFailingRunEndsItsStreamWithAnErrorEventUnderHttp200() {
        String key = key(publishedApp(AppMode.CHAT));
        FAKE.enqueue(Reply.error(400, "the model refuses"));
        try (EventStream s = stream(key, "/v1/chat-messages", body("query", "hi", "inputs", Map.of(), "user", "u-4",
                "response_mode", "streaming"))) {
            assertThat(s.status()).isEqualTo(200);
            List<JsonNode> events = s.rest();
            assertThat(names(events)).containsExactly("error");
            JsonNode error = events.getLast();
            assertThat(fieldNames(error)).contains("event", "task_id", "message_id", "conversation_id", "status", "code", "message");
            assertThat(error.get("message").asString()).contains("the model refuses");
        }

        String workflowKey = key(publishedApp(AppMode.WORKFLOW));
        FAKE.enqueue(Reply.error(400, "no way"));
        try (EventStream s = stream(workflowKey, "/v1/workflows/run", body("inputs", Map.of("q", "x"), "user", "u-4",
                "response_mode", "streaming"))) {
            assertThat(s.status()).isEqualTo(200);
            List<JsonNode> events = s.rest();
            assertThat(names(events).subList(events.size() - 2, events.size())).containsExactly("workflow_finished", "error");
            assertThat(events.get(events.size() - 2).get("data").get("status").asString()).isEqualTo("failed");
        }
    }

    @Test
    void conversationsAndMessagesPageWithCursors() {
        String key = key(publishedApp(AppMode.CHAT));
        String user = "pager";
        List<String> conversations = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            FAKE.enqueue(Reply.text("answer " + i));
            conversations.add(post(key, "/v1/chat-messages", body("query", "start " + i, "inputs", Map.of("topic", "t" + i),
                    "user", user)).json().get("conversation_id").asString());
        }
        String conv = conversations.getLast();
        for (int i = 1; i <= 4; i++) {
            FAKE.enqueue(Reply.text("reply " + i));
            post(key, "/v1/chat-messages", body("query", "turn " + i, "inputs", Map.of(), "user", user, "conversation_id", conv));
        }

        JsonNode page1 = get(key, "/v1/conversations?user=" + user + "&limit=2").json();
        assertThat(fieldNames(page1)).containsExactly("limit", "has_more", "data");
        assertThat(page1.get("has_more").asBoolean()).isTrue();
        assertThat(fieldNames(page1.get("data").get(0))).containsExactly("id", "name", "inputs", "status", "introduction",
                "created_at", "updated_at");
        assertThat(page1.get("data").get(0).get("id").asString()).isEqualTo(conv);
        assertThat(page1.get("data").get(0).get("introduction").asString()).isEqualTo("Hello, ask me anything.");
        String last = page1.get("data").get(1).get("id").asString();
        JsonNode page2 = get(key, "/v1/conversations?user=" + user + "&limit=2&last_id=" + last).json();
        assertThat(page2.get("has_more").asBoolean()).isFalse();
        assertThat(page2.get("data")).hasSize(1);
        assertThat(page2.get("data").get(0).get("id").asString()).isEqualTo(conversations.getFirst());
        JsonNode oldestFirst = get(key, "/v1/conversations?user=" + user + "&sort_by=created_at").json();
        assertThat(oldestFirst.get("data").get(0).get("id").asString()).isEqualTo(conversations.getFirst());
        assertThat(get(key, "/v1/conversations?user=someone-else").json().get("data")).isEmpty();
        assertThat(get(key, "/v1/conversations?user=" + user + "&sort_by=name").status()).isEqualTo(400);

        JsonNode newest = get(key, "/v1/messages?user=" + user + "&conversation_id=" + conv + "&limit=2").json();
        assertThat(newest.get("has_more").asBoolean()).isTrue();
        assertThat(newest.get("data").get(0).get("query").asString()).isEqualTo("turn 3");
        assertThat(newest.get("data").get(1).get("query").asString()).as("pages are chronological").isEqualTo("turn 4");
        assertThat(fieldNames(newest.get("data").get(0))).containsExactly("id", "conversation_id", "parent_message_id", "inputs",
                "query", "answer", "status", "error", "message_files", "feedback", "retriever_resources", "agent_thoughts",
                "created_at", "extra_contents");
        String firstId = newest.get("data").get(0).get("id").asString();
        JsonNode older = get(key, "/v1/messages?user=" + user + "&conversation_id=" + conv + "&limit=2&first_id=" + firstId).json();
        assertThat(older.get("data")).extracting(n -> n.get("query").asString()).containsExactly("turn 1", "turn 2");
        assertThat(older.get("has_more").asBoolean()).isTrue();

        String messageId = newest.get("data").get(1).get("id").asString();
        Response liked = post(key, "/v1/messages/" + messageId + "/feedbacks", body("rating", "like", "user", user, "content", "good"));
        assertThat(liked.json().get("result").asString()).isEqualTo("success");
        JsonNode withRating = get(key, "/v1/messages?user=" + user + "&conversation_id=" + conv + "&limit=1").json();
        assertThat(withRating.get("data").get(0).get("feedback").get("rating").asString()).isEqualTo("like");
        assertThat(post(key, "/v1/messages/" + messageId + "/feedbacks", body("rating", "like", "user", "intruder")).status()).isEqualTo(404);
        assertThat(get(key, "/v1/app/feedbacks").json().get("data").get(0).get("message_id").asString()).isEqualTo(messageId);

        Response renamed = post(key, "/v1/conversations/" + conv + "/name", body("name", "Renamed", "user", user));
        assertThat(renamed.json().get("name").asString()).isEqualTo("Renamed");
        Response auto = post(key, "/v1/conversations/" + conv + "/name", body("auto_generate", true, "user", user));
        assertThat(auto.json().get("name").asString()).isEqualTo("start 2");
        Response deleted = send(key, "DELETE", "/v1/conversations/" + conv, "application/json", "{\"user\":\"" + user + "\"}");
        assertThat(deleted.status()).isEqualTo(204);
        Response gone = get(key, "/v1/messages?user=" + user + "&conversation_id=" + conv);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("code").asString()).isEqualTo("not_found");
        assertThat(post(key, "/v1/chat-messages", body("query", "x", "inputs", Map.of(), "user", user, "conversation_id", "nope"))
                .json().get("code").asString()).isEqualTo("invalid_param");
    }

    @Test
    void completionMessagesBlockingAndStreaming() {
        String key = key(publishedApp(AppMode.COMPLETION));
        FAKE.enqueue(Reply.text("A poem."));
        JsonNode blocking = post(key, "/v1/completion-messages", body("inputs", Map.of("query", "write"), "user", "c1")).json();
        assertThat(fieldNames(blocking)).containsExactly("event", "task_id", "id", "message_id", "mode", "answer", "metadata", "created_at");
        assertThat(blocking.get("mode").asString()).isEqualTo("completion");
        assertThat(blocking.get("answer").asString()).as(blocking.toString() + " / " + FAKE.requests().size()).isEqualTo("A poem.");
        assertThat(post(key, "/v1/messages/" + blocking.get("message_id").asString() + "/feedbacks",
                body("rating", "dislike", "user", "c1")).status()).isEqualTo(200);

        FAKE.enqueue(Reply.stream(List.of("x", "y"), Duration.ZERO));
        try (EventStream s = stream(key, "/v1/completion-messages", body("inputs", Map.of(), "query", "legacy query", "user", "c1",
                "response_mode", "streaming"))) {
            assertThat(names(s.rest())).containsExactly("message", "message", "message_end");
        }
        assertThat(FAKE.lastRequest().messages().getLast().getValue()).isEqualTo("legacy query");
        Response wrongRoute = post(key, "/v1/chat-messages", body("query", "x", "inputs", Map.of(), "user", "c1"));
        assertThat(wrongRoute.status()).isEqualTo(400);
        assertThat(wrongRoute.json().get("code").asString()).isEqualTo("not_chat_app");
    }

    @Test
    void workflowsRunBlockingStreamingByVersionAndReadBack() {
        String appId = publishedApp(AppMode.WORKFLOW);
        String key = key(appId);
        FAKE.enqueue(Reply.text("42").withUsage(3, 1));
        JsonNode run = post(key, "/v1/workflows/run", body("inputs", Map.of("q", "answer?"), "user", "w1")).json();
        assertThat(fieldNames(run)).containsExactly("task_id", "workflow_run_id", "data");
        assertThat(fieldNames(run.get("data"))).containsExactly("id", "workflow_id", "status", "outputs", "error", "elapsed_time",
                "total_tokens", "total_steps", "created_at", "finished_at");
        assertThat(run.get("data").get("outputs").get("text").asString()).isEqualTo("42");
        String workflowId = run.get("data").get("workflow_id").asString();

        JsonNode detail = get(key, "/v1/workflows/run/" + run.get("workflow_run_id").asString()).json();
        assertThat(fieldNames(detail)).containsExactly("id", "workflow_id", "status", "inputs", "outputs", "error", "total_steps",
                "total_tokens", "created_at", "finished_at", "elapsed_time");
        assertThat(detail.get("inputs").isString()).as("inputs is a JSON string").isTrue();
        assertThat(detail.get("status").asString()).isEqualTo("succeeded");

        FAKE.enqueue(Reply.stream(List.of("4", "2"), Duration.ZERO));
        try (EventStream s = stream(key, "/v1/workflows/" + workflowId + "/run", body("inputs", Map.of("q", "again"), "user", "w1",
                "response_mode", "streaming"))) {
            List<JsonNode> events = s.rest();
            List<String> names = names(events);
            assertThat(names.getFirst()).isEqualTo("workflow_started");
            assertThat(names.getLast()).isEqualTo("workflow_finished");
            assertThat(names).contains("text_chunk").doesNotContain("message", "message_end");
            assertThat(events).allSatisfy(e -> assertThat(fieldNames(e)).contains("event", "task_id", "workflow_run_id", "data"));
        }
        assertThat(post(key, "/v1/workflows/not-a-uuid/run", body("inputs", Map.of(), "user", "w1")).status()).isEqualTo(400);
        Response missing = post(key, "/v1/workflows/" + java.util.UUID.randomUUID() + "/run", body("inputs", Map.of(), "user", "w1"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(post(key, "/v1/workflows/run", body("inputs", Map.of("q", "x"))).json().get("code").asString()).isEqualTo("invalid_param");
        assertThat(post(key, "/v1/workflows/run", body("inputs", Map.of("q", "x"), "user", "w1", "response_mode", "fast"))
                .json().get("message").asString()).contains("response_mode");
    }

    @Test
    void aStreamingRunIsStoppedByItsTaskIdOnlyByItsUser() throws Exception {
        FakeOpenAiServer fake = FakeOpenAiServer.start();
        String key = key(publishedAppOn(AppMode.CHAT, fake));
        fake.enqueue(Reply.stream(List.of("one", " two"), Duration.ZERO).holdAfter(1));
        try (fake; EventStream s = stream(key, "/v1/chat-messages", body("query", "go", "inputs", Map.of(), "user", "stopper",
                "response_mode", "streaming"))) {
            JsonNode first = s.next();
            String taskId = first.get("task_id").asString();
            assertThat(post(key, "/v1/chat-messages/" + taskId + "/stop", body("user", "someone-else")).json().get("result").asString())
                    .isEqualTo("success");
            Thread.sleep(200);
            assertThat(post(key, "/v1/chat-messages/" + taskId + "/stop", body("user", "stopper")).status()).isEqualTo(200);
            List<JsonNode> rest = s.rest();
            assertThat(names(rest)).last().isEqualTo("message_end");
            assertThat(rest.stream().map(e -> e.path("answer").asString(""))).doesNotContain(" two");
        }
    }

    @Test
    void parametersInfoMetaAndSite() {
        String key = key(publishedApp(AppMode.ADVANCED_CHAT));
        JsonNode p = get(key, "/v1/parameters").json();
        assertThat(fieldNames(p)).contains("opening_statement", "suggested_questions", "suggested_questions_after_answer",
                "speech_to_text", "text_to_speech", "retriever_resource", "annotation_reply", "more_like_this",
                "sensitive_word_avoidance", "user_input_form", "file_upload", "system_parameters");
        assertThat(p.get("opening_statement").asString()).isEqualTo("Hello, ask me anything.");
        JsonNode field = p.get("user_input_form").get(0).get("text-input");
        assertThat(field.get("variable").asString()).isEqualTo("topic");
        assertThat(field.get("max_length").asInt()).isEqualTo(48);
        assertThat(fieldNames(p.get("system_parameters"))).containsExactly("file_size_limit", "image_file_size_limit",
                "audio_file_size_limit", "video_file_size_limit", "workflow_file_upload_limit");
        JsonNode info = get(key, "/v1/info").json();
        assertThat(fieldNames(info)).containsExactly("name", "description", "tags", "mode", "author_name");
        assertThat(info.get("author_name").asString()).isEqualTo("Acme");
        assertThat(get(key, "/v1/meta").json().get("tool_icons").isObject()).isTrue();
        assertThat(get(key, "/v1/site").json().get("title").asString()).isEqualTo(info.get("name").asString());
    }

    @Test
    void anUploadedFileIsUsableAsAWorkflowInput() {
        String definition = """
                {"mode":"workflow","graph":{"nodes":[
                  {"id":"start","data":{"type":"start","title":"Start","variables":[{"variable":"doc","label":"Doc","type":"file","required":true}]}},
                  {"id":"extract","data":{"type":"document-extractor","title":"Extract","variable_selector":["start","doc"]}},
                  {"id":"end","data":{"type":"end","title":"End","outputs":[{"variable":"text","value_selector":["extract","text"]}]}}],
                 "edges":[{"source":"start","target":"extract"},{"source":"extract","target":"end"}]}}
                """;
        String key = key(publishedApp(AppMode.WORKFLOW, definition));
        Response uploaded = upload(key, "notes.txt", "Weft reads uploaded files.", "w-up");
        assertThat(uploaded.status()).isEqualTo(201);
        JsonNode file = uploaded.json();
        assertThat(fieldNames(file)).contains("id", "name", "size", "extension", "mime_type", "created_by", "created_at");
        assertThat(file.get("extension").asString()).isEqualTo("txt");
        assertThat(file.get("size").asInt()).isEqualTo(26);

        JsonNode run = post(key, "/v1/workflows/run", body("user", "w-up", "inputs", Map.of("doc",
                Map.of("type", "document", "transfer_method", "local_file", "upload_file_id", file.get("id").asString())))).json();
        assertThat(run.get("data").get("status").asString()).isEqualTo("succeeded");
        assertThat(run.get("data").get("outputs").get("text").asString()).contains("Weft reads uploaded files.");

        Response unknown = post(key, "/v1/workflows/run", body("user", "w-up", "inputs", Map.of("doc",
                Map.of("type", "document", "transfer_method", "local_file", "upload_file_id", "no-such-file"))));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("message").asString()).contains("inputs.doc.upload_file_id");
        Response exe = upload(key, "tool.exe", "MZ", "w-up");
        assertThat(exe.status()).isEqualTo(415);
        assertThat(exe.json().get("code").asString()).isEqualTo("unsupported_file_type");
    }

    private Response upload(String key, String name, String content, String user) {
        String boundary = "----weft" + System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"user\"\r\n\r\n" + user + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/v1/files/upload")))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()))
                .build();
        return send(request);
    }
}
