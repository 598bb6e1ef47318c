package dev.weft.api.sse;

import dev.weft.engine.variable.Values;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * A {@code text/event-stream} response framed as Dify frames it: {@code data: <compact JSON>} and a blank
 * line per event, {@code event: ping} and a blank line to keep the connection alive. Return it from a
 * controller; every frame is flushed to the client as it is sent (Spring flushes emitter sends, while it
 * ignores flushes inside a {@code StreamingResponseBody}). One thread should write a stream.
 */
public final class SseEventWriter extends ResponseBodyEmitter {

    private static final byte[] PING = "event: ping\n\n".getBytes(StandardCharsets.UTF_8);

    /** {@code timeout}: how long the response may stay open. */
    public SseEventWriter(Duration timeout) {
        super(timeout.toMillis());
    }

    @Override
    protected void extendResponse(ServerHttpResponse response) {
        response.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
        response.getHeaders().setCacheControl(CacheControl.noCache());
        response.getHeaders().set("X-Accel-Buffering", "no");
    }

    /** Sends one {@code data:} event with {@code payload} as compact JSON. */
    public void data(Map<String, Object> payload) throws IOException {
        String json = Values.JSON.writeValueAsString(payload);
        send(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_OCTET_STREAM);
    }

    /** Sends a keep-alive {@code event: ping}. */
    public void ping() throws IOException {
        send(PING, MediaType.APPLICATION_OCTET_STREAM);
    }
}
