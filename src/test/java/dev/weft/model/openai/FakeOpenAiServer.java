package dev.weft.model.openai;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in for a remote OpenAI-compatible provider in tests: an HTTP server on 127.0.0.1 (a free port)
 * that answers {@code POST /v1/chat/completions} in OpenAI's wire format, blocking JSON or SSE chunks.
 *
 * <pre>{@code
 * try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
 *     server.enqueue(Reply.stream(List.of("Hel", "lo"), Duration.ofMillis(50)));
 *     ChatModel model = new OpenAiCompatibleChatModel(new OpenAiSettings(server.baseUrl(), "sk-x", "gpt-test"));
 *     ...
 *     server.lastRequest().body().path("stream").asBoolean();
 * }
 * }</pre>
 *
 * Replies are taken from a queue, one per request; when it is empty the default reply is used
 * ({@code Reply.text("ok")} unless set). A reply can hold the response until {@link #release()} is called,
 * and {@link #awaitHolding} tells when it got there.
 */
public final class FakeOpenAiServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CHAT_PATH = "/v1/chat/completions";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Queue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private final Semaphore holding = new Semaphore(0);
    private volatile Reply defaultReply = Reply.text("ok");
    private volatile boolean keepRequests = true;
    private final List<AudioRequest> audioRequests = new CopyOnWriteArrayList<>();

    private FakeOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-openai");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.createContext("/v1/audio/", this::handleAudio);
        server.start();
    }

    public static FakeOpenAiServer start() {
        try {
            return new FakeOpenAiServer();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the fake OpenAI server", e);
        }
    }

    /** {@code http://127.0.0.1:PORT/v1}, the base URL a client is configured with. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public FakeOpenAiServer enqueue(Reply... next) {
        replies.addAll(List.of(next));
        return this;
    }

    public FakeOpenAiServer defaultReply(Reply reply) {
        this.defaultReply = reply;
        return this;
    }

    /** Whether to keep every request for {@link #requests()}; benchmarks that send many turn it off. */
    public FakeOpenAiServer keepRequests(boolean keep) {
        this.keepRequests = keep;
        return this;
    }

    /** Every request received so far, oldest first. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public RecordedRequest lastRequest() {
        if (requests.isEmpty()) {
            throw new AssertionError("the fake OpenAI server received no request");
        }
        return requests.get(requests.size() - 1);
    }

    public int callCount() {
        return calls.get();
    }

    /** Every request to {@code /v1/audio/…} so far, oldest first, with its raw body. */
    public List<AudioRequest> audioRequests() {
        return List.copyOf(audioRequests);
    }

    /** Waits until a reply reaches its hold point; true if one did within {@code timeout}. */
    public boolean awaitHolding(Duration timeout) throws InterruptedException {
        return holding.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets every held reply (and every later one) go on. */
    public void release() {
        released.countDown();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            calls.incrementAndGet();
            String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode body = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
            if (keepRequests) {
                requests.add(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body));
            }
            if (!CHAT_PATH.equals(exchange.getRequestURI().getPath()) || !"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 404, errorBody("invalid_request_error",
                        "Unknown request URL: " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()));
                return;
            }
            Reply reply = replies.poll();
            respond(exchange, reply == null ? defaultReply : reply, body);
        } catch (IOException e) {
            // the client went away (a cancelled call): nothing to answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * OpenAI's audio API as its clients use it: {@code POST /v1/audio/transcriptions} takes multipart {@code file} and
     * {@code model} and answers {@code {"text": "heard N bytes of FILE with MODEL"}}; {@code POST /v1/audio/speech} takes
     * JSON {@code {model, input, voice, response_format}} and answers {@code "AUDIO:" + voice + ":" + input} as
     * {@code audio/mpeg} (or {@code audio/wav}). Missing fields get OpenAI's 400 error.
     */
    private void handleAudio(HttpExchange exchange) throws IOException {
        try (exchange) {
            calls.incrementAndGet();
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            String path = exchange.getRequestURI().getPath();
            audioRequests.add(new AudioRequest(path, contentType, exchange.getRequestHeaders().getFirst("Authorization"), raw));
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, errorBody("invalid_request_error", "use POST"));
            } else if (path.equals("/v1/audio/transcriptions")) {
                Map<String, MultipartPart> parts = multipart(contentType, raw);
                MultipartPart file = parts.get("file");
                MultipartPart model = parts.get("model");
                if (file == null || file.filename() == null || file.body().length == 0 || model == null) {
                    send(exchange, 400, errorBody("invalid_request_error", "a multipart 'file' and 'model' are required"));
                    return;
                }
                send(exchange, 200, JSON.writeValueAsString(JSON.createObjectNode().put("text", "heard " + file.body().length
                        + " bytes of " + file.filename() + " with " + new String(model.body(), StandardCharsets.UTF_8))));
            } else if (path.equals("/v1/audio/speech")) {
                JsonNode body = JSON.readTree(new String(raw, StandardCharsets.UTF_8));
                if (!body.path("input").isString() || !body.path("voice").isString() || !body.path("model").isString()) {
                    send(exchange, 400, errorBody("invalid_request_error", "'model', 'input' and 'voice' are required"));
                    return;
                }
                String format = body.path("response_format").asString("mp3");
                byte[] audio = ("AUDIO:" + body.path("voice").asString() + ":" + body.path("input").asString()).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "wav".equals(format) ? "audio/wav" : "audio/mpeg");
                exchange.sendResponseHeaders(200, audio.length);
                exchange.getResponseBody().write(audio);
            } else {
                send(exchange, 404, errorBody("invalid_request_error", "Unknown request URL: POST " + path));
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or sent something unreadable: nothing more to answer
        }
    }

    private record MultipartPart(String filename, byte[] body) {}

    /** The parts of a multipart/form-data body by name (enough of RFC 7578 for the audio API). */
    private static Map<String, MultipartPart> multipart(String contentType, byte[] raw) {
        Map<String, MultipartPart> parts = new HashMap<>();
        if (contentType == null || !contentType.startsWith("multipart/form-data") || !contentType.contains("boundary=")) {
            return parts;
        }
        String boundary = contentType.substring(contentType.indexOf("boundary=") + 9).replace("\"", "").strip();
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        for (String part : text.split("--" + Pattern.quote(boundary))) {
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                continue;
            }
            String headers = part.substring(0, headerEnd);
            Matcher name = Pattern.compile("(?<![a-z])name=\"([^\"]*)\"").matcher(headers);
            if (!name.find()) {
                continue;
            }
            Matcher filename = Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
            String body = part.substring(headerEnd + 4);
            if (body.endsWith("\r\n")) {
                body = body.substring(0, body.length() - 2);
            }
            parts.put(name.group(1), new MultipartPart(filename.find() ? filename.group(1) : null, body.getBytes(StandardCharsets.ISO_8859_1)));
        }
        return parts;
    }

    private void respond(HttpExchange exchange, Reply reply, JsonNode request) throws IOException, InterruptedException {
        boolean streaming = request.path("stream").asBoolean(false);
        boolean includeUsage = request.path("stream_options").path("include_usage").asBoolean(false);
        String model = request.path("model").asString("unknown");
        switch (reply) {
            case Reply.Error e -> send(exchange, e.status(), errorBody(e.type(), e.message()));
            case Reply.Raw r -> send(exchange, r.status(), r.contentType(), r.body());
            case Reply.Hang h -> {
                hold();
                respond(exchange, h.then(), request);
            }
            case Reply.Text t when streaming -> stream(exchange, model, includeUsage,
                    new Reply.Stream(words(t.content()), Duration.ZERO, -1, t.finishReason(), t.promptTokens(), t.completionTokens()));
            case Reply.Text t -> send(exchange, 200, completion(model, t));
            case Reply.Stream s -> stream(exchange, model, includeUsage, s);
        }
    }

    private void hold() throws InterruptedException {
        holding.release();
        released.await();
    }

    private void stream(HttpExchange exchange, String model, boolean includeUsage, Reply.Stream s)
            throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        String id = "chatcmpl-fake-" + calls.get();
        event(out, chunk(id, model, includeUsage, JSON.createObjectNode().put("role", "assistant").put("content", ""), null));
        for (int i = 0; i < s.deltas().size(); i++) {
            if (i == s.holdAfter()) {
                hold();
            }
            if (i > 0 && !s.delay().isZero()) {
                Thread.sleep(s.delay().toMillis());
            }
            event(out, chunk(id, model, includeUsage, JSON.createObjectNode().put("content", s.deltas().get(i)), null));
        }
        if (s.holdAfter() >= s.deltas().size()) {
            hold();
        }
        event(out, chunk(id, model, includeUsage, JSON.createObjectNode(), s.finishReason()));
        if (includeUsage && s.promptTokens() >= 0) {
            ObjectNode usageChunk = chunkBase(id, model);
            usageChunk.putArray("choices");
            usageChunk.set("usage", usage(s.promptTokens(), s.completionTokens()));
            event(out, usageChunk);
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void event(OutputStream out, ObjectNode data) throws IOException {
        out.write(("data: " + JSON.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static ObjectNode chunk(String id, String model, boolean includeUsage, ObjectNode delta, String finishReason) {
        ObjectNode chunk = chunkBase(id, model);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        if (includeUsage) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    private static ObjectNode chunkBase(String id, String model) {
        return JSON.createObjectNode()
                .put("id", id)
                .put("object", "chat.completion.chunk")
                .put("created", System.currentTimeMillis() / 1000)
                .put("model", model)
                .put("system_fingerprint", "fp_fake");
    }

    private String completion(String model, Reply.Text t) {
        ObjectNode root = JSON.createObjectNode()
                .put("id", "chatcmpl-fake-" + calls.get())
                .put("object", "chat.completion")
                .put("created", System.currentTimeMillis() / 1000)
                .put("model", model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", t.content()).putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", t.finishReason());
        if (t.promptTokens() >= 0) {
            root.set("usage", usage(t.promptTokens(), t.completionTokens()));
        }
        return JSON.writeValueAsString(root);
    }

    private static ObjectNode usage(long prompt, long completion) {
        return JSON.createObjectNode()
                .put("prompt_tokens", prompt)
                .put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
    }

    private static String errorBody(String type, String message) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("message", message).put("type", type).putNull("param").putNull("code");
        return JSON.writeValueAsString(root);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        send(exchange, status, "application/json", json);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    /** Splits text into word-sized deltas, spaces kept, as a model streams it. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                out.add(text.substring(start, i));
                start = i;
            }
        }
        return out.isEmpty() ? List.of("") : Collections.unmodifiableList(out);
    }

    /** One request the server received; {@code headers} are case-insensitive. */
    /** A request to the audio API: its path, Content-Type, Authorization header and raw body. */
    public record AudioRequest(String path, String contentType, String authorization, byte[] body) {}

    public record RecordedRequest(String method, String path, Map<String, List<String>> headers, JsonNode body) {

        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** The {@code messages} sent, as role and content pairs. */
        public List<Map.Entry<String, String>> messages() {
            List<Map.Entry<String, String>> out = new ArrayList<>();
            ArrayNode messages = (ArrayNode) body.path("messages");
            for (JsonNode m : messages) {
                out.add(Map.entry(m.path("role").asString(""), m.path("content").asString("")));
            }
            return out;
        }
    }

    /** What the server answers to one request. */
    public sealed interface Reply {

        /** Answers {@code content}: a JSON completion, or SSE chunks word by word when the request streams. */
        static Text text(String content) {
            return new Text(content, "stop", 10, Math.max(1, words(content).size()));
        }

        /** Streams {@code deltas} as SSE chunks, waiting {@code delay} between them; stops after {@link Stream#holdAfter}. */
        static Stream stream(List<String> deltas, Duration delay) {
            return new Stream(List.copyOf(deltas), delay, -1, "stop", 10, deltas.size());
        }

        /** An HTTP error with OpenAI's error body {@code {"error": {"message", "type", ...}}}. */
        static Error error(int status, String message) {
            return new Error(status, status >= 500 ? "server_error" : "invalid_request_error", message);
        }

        /** Holds the request before any response until {@link FakeOpenAiServer#release()}, then answers "ok". */
        static Hang hang() {
            return new Hang(text("ok"));
        }

        /** Any status, content type and body, for malformed replies. */
        static Raw raw(int status, String contentType, String body) {
            return new Raw(status, contentType, body);
        }

        record Text(String content, String finishReason, long promptTokens, long completionTokens) implements Reply {

            public Text withUsage(long prompt, long completion) {
                return new Text(content, finishReason, prompt, completion);
            }

            /** Sends no {@code usage} object. */
            public Text withoutUsage() {
                return new Text(content, finishReason, -1, -1);
            }

            public Text finishReason(String reason) {
                return new Text(content, reason, promptTokens, completionTokens);
            }
        }

        record Stream(List<String> deltas, Duration delay, int holdAfter, String finishReason, long promptTokens, long completionTokens)
                implements Reply {

            /** Sends the first {@code count} deltas, then holds the stream open until the server is released. */
            public Stream holdAfter(int count) {
                return new Stream(deltas, delay, count, finishReason, promptTokens, completionTokens);
            }

            public Stream withUsage(long prompt, long completion) {
                return new Stream(deltas, delay, holdAfter, finishReason, prompt, completion);
            }

            /** Sends no usage chunk even when the client asks for one. */
            public Stream withoutUsage() {
                return new Stream(deltas, delay, holdAfter, finishReason, -1, -1);
            }

            public Stream finishReason(String reason) {
                return new Stream(deltas, delay, holdAfter, reason, promptTokens, completionTokens);
            }
        }

        record Error(int status, String type, String message) implements Reply {}

        record Hang(Reply then) implements Reply {}

        record Raw(int status, String contentType, String body) implements Reply {}
    }
}
