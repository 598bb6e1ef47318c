package dev.weft.model.gateway;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake OpenAI-compatible upstream on 127.0.0.1 that misbehaves on purpose, written on plain sockets so the
 * test can count its connections: {@code POST /v1/chat/completions} answers a blocking chat completion in
 * OpenAI's wire format, except that with probability {@code faultRate} (drawn from a seeded random) it answers
 * 500 with OpenAI's error body, 429 with {@code Retry-After: 1} and OpenAI's rate-limit body, or hangs without
 * answering until the client closes the connection, a third each. HTTP/1.1 with keep-alive, a thread per
 * connection.
 */
final class FaultyOpenAiServer implements AutoCloseable {

    enum Fault { NONE, ERROR_500, RATE_LIMITED_429, HANG }

    private final ServerSocket socket;
    private final Random random;
    private final double faultRate;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger hanging = new AtomicInteger();
    private final AtomicInteger[] faults = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
    private volatile boolean closed;

    FaultyOpenAiServer(long seed, double faultRate) throws IOException {
        this.socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.random = new Random(seed);
        this.faultRate = faultRate;
        this.acceptor = Thread.ofPlatform().daemon().name("faulty-openai-accept").start(this::accept);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
    }

    int openConnections() {
        return open.size();
    }

    int hangingNow() {
        return hanging.get();
    }

    int requests() {
        return requests.get();
    }

    int count(Fault fault) {
        return faults[fault.ordinal()].get();
    }

    private Fault draw() {
        synchronized (random) {
            double r = random.nextDouble();
            if (r >= faultRate) {
                return Fault.NONE;
            }
            return Fault.values()[1 + (int) (r / faultRate * 3)];
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket s = socket.accept();
                open.add(s);
                Thread.ofPlatform().daemon().name("faulty-openai-conn").start(() -> serve(s));
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            while (true) {
                String requestLine = line(in);
                if (requestLine == null) {
                    return;
                }
                int length = 0;
                for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                    int colon = h.indexOf(':');
                    if (colon > 0 && h.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                        length = Integer.parseInt(h.substring(colon + 1).trim());
                    }
                }
                String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                requests.incrementAndGet();
                if (!requestLine.startsWith("POST /v1/chat/completions ")) {
                    write(out, 404, "", error("Unknown request URL: " + requestLine, "invalid_request_error", null));
                    continue;
                }
                Fault fault = draw();
                faults[fault.ordinal()].incrementAndGet();
                switch (fault) {
                    case NONE -> write(out, 200, "", completion(model(body)));
                    case ERROR_500 -> write(out, 500, "", error("The server had an error while processing your request.", "server_error", null));
                    case RATE_LIMITED_429 -> write(out, 429, "Retry-After: 1\r\n",
                            error("Rate limit reached for requests. Please try again in 1s.", "requests", "rate_limit_exceeded"));
                    case HANG -> {
                        hanging.incrementAndGet();
                        try {
                            while (in.read() >= 0) {
                                // hold the request until the client gives up and closes the connection
                            }
                        } finally {
                            hanging.decrementAndGet();
                        }
                        return;
                    }
                }
            }
        } catch (SocketException e) {
            // the client closed the connection
        } catch (IOException e) {
            // the client went away mid-request
        } finally {
            open.remove(s);
        }
    }

    private static String model(String body) {
        int i = body.indexOf("\"model\":\"");
        if (i < 0) {
            return "unknown";
        }
        int start = i + 9;
        return body.substring(start, body.indexOf('"', start));
    }

    private static String completion(String model) {
        return "{\"id\":\"chatcmpl-faulty\",\"object\":\"chat.completion\",\"created\":" + System.currentTimeMillis() / 1000
                + ",\"model\":\"" + model + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"pong\",\"refusal\":null},"
                + "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":1,\"total_tokens\":10}}";
    }

    private static String error(String message, String type, String code) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":"
                + (code == null ? "null" : "\"" + code + "\"") + "}}";
    }

    private static void write(OutputStream out, int status, String extraHeaders, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String reason = switch (status) {
            case 200 -> "OK";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            default -> "Internal Server Error";
        };
        String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n" + extraHeaders + "\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String s = buf.toString(StandardCharsets.US_ASCII);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            buf.write(c);
        }
        return buf.size() == 0 ? null : buf.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
        for (Socket s : open) {
            s.close();
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
