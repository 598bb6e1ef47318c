package dev.weft.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A zero-latency OpenAI-compatible provider for the Service API bench: answers {@code POST …/chat/completions}
 * on 127.0.0.1 with a fixed answer in OpenAI's wire format, as SSE chunks (word by word, {@code [DONE]} last, a
 * usage chunk when {@code stream_options.include_usage} asks for it) or as one JSON completion. It speaks HTTP/1.1
 * with keep-alive on plain sockets, one platform thread per connection, and builds each response from
 * precomputed parts, so that the bench's own fake costs the shared CPUs as little as a provider on another
 * machine would. Requests are not parsed as JSON: the bench's Weft sends only chat completions.
 */
final class LoopbackOpenAiServer implements AutoCloseable {

    /** The names of this server's threads, for CPU accounting. */
    static final String THREAD_PREFIX = "loopback-openai";

    private final ServerSocket server;
    private final String answer;
    private final long promptTokens;
    private final long completionTokens;
    private final AtomicLong calls = new AtomicLong();
    private volatile boolean closed;

    LoopbackOpenAiServer(String answer, long promptTokens, long completionTokens) throws IOException {
        this.answer = answer;
        this.promptTokens = promptTokens;
        this.completionTokens = completionTokens;
        this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().name(THREAD_PREFIX + "-accept").daemon(true).start(this::accept);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
    }

    private void accept() {
        int n = 0;
        while (!closed) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Thread.ofPlatform().name(THREAD_PREFIX + "-" + (n++)).daemon(true).start(() -> serve(s));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("loopback provider: " + e);
                }
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                OutputStream out = socket.getOutputStream()) {
            while (true) {
                HttpRequestHead head = HttpRequestHead.read(in);
                if (head == null) {
                    return;
                }
                byte[] body = head.body(in);
                String json = new String(body, StandardCharsets.UTF_8);
                boolean stream = json.contains("\"stream\":true");
                boolean usage = json.contains("\"include_usage\":true");
                out.write(stream ? streamed(usage) : blocking());
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        } catch (RuntimeException e) {
            System.err.println("loopback provider: " + e);
        }
    }

    private byte[] blocking() {
        String body = "{\"id\":\"chatcmpl-loopback-" + calls.incrementAndGet() + "\",\"object\":\"chat.completion\",\"created\":"
                + System.currentTimeMillis() / 1000 + ",\"model\":\"gpt-fake\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":" + quote(answer) + ",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":"
                + usage() + "}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return concat(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), bytes);
    }

    /** SSE chunks in one chunked HTTP body, as OpenAI sends them. */
    private byte[] streamed(boolean includeUsage) {
        String id = "chatcmpl-loopback-" + calls.incrementAndGet();
        String base = "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + System.currentTimeMillis() / 1000
                + ",\"model\":\"gpt-fake\",\"system_fingerprint\":\"fp_fake\",\"choices\":[{\"index\":0,\"delta\":";
        String tail = includeUsage ? ",\"usage\":null}" : "}";
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        out.writeBytes("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        chunk(out, "data: " + base + "{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]" + tail + "\n\n");
        for (String word : words(answer)) {
            chunk(out, "data: " + base + "{\"content\":" + quote(word) + "},\"logprobs\":null,\"finish_reason\":null}]" + tail + "\n\n");
        }
        chunk(out, "data: " + base + "{},\"logprobs\":null,\"finish_reason\":\"stop\"}]" + tail + "\n\n");
        if (includeUsage) {
            chunk(out, "data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + System.currentTimeMillis() / 1000
                    + ",\"model\":\"gpt-fake\",\"system_fingerprint\":\"fp_fake\",\"choices\":[],\"usage\":" + usage() + "}\n\n");
        }
        chunk(out, "data: [DONE]\n\n");
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private String usage() {
        return "{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + completionTokens + ",\"total_tokens\":"
                + (promptTokens + completionTokens) + "}";
    }

    private static void chunk(ByteArrayOutputStream out, String data) {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        out.writeBytes((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Word-sized deltas, each word with the space before it, as a model streams them. */
    private static java.util.List<String> words(String text) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                out.add(text.substring(start, i));
                start = i;
            }
        }
        return out;
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
