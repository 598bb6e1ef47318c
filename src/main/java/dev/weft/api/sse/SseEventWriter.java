package dev.weft.api.sse;

import dev.weft.engine.variable.Values;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes server-sent events as Dify frames them: {@code data: <compact JSON>} and a blank line per event,
 * {@code event: ping} and a blank line to keep the connection alive. Every write is flushed at once, so a
 * client sees each event as it happens. Not thread-safe: one thread writes a stream.
 */
public final class SseEventWriter {

    private static final byte[] PING = "event: ping\n\n".getBytes(StandardCharsets.UTF_8);

    private final OutputStream out;

    public SseEventWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes one {@code data:} event with {@code payload} as compact JSON, and flushes. */
    public void data(Map<String, Object> payload) throws IOException {
        String json = Values.JSON.writeValueAsString(payload);
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Writes a keep-alive {@code event: ping}, and flushes. */
    public void ping() throws IOException {
        out.write(PING);
        out.flush();
    }
}
