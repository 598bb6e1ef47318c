package dev.weft.api.openai;

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
 * OpenAI's streaming response: {@code data: <chunk JSON>} and a blank line per chunk, {@code data: [DONE]} at
 * the end, SSE comments to keep the connection alive. Each frame is flushed when sent.
 */
final class OpenAiStreamWriter extends ResponseBodyEmitter {

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    OpenAiStreamWriter(Duration timeout) {
        super(timeout.toMillis());
    }

    @Override
    protected void extendResponse(ServerHttpResponse response) {
        response.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
        response.getHeaders().setCacheControl(CacheControl.noCache());
        response.getHeaders().set("X-Accel-Buffering", "no");
    }

    void chunk(Map<String, Object> chunk) throws IOException {
        send(("data: " + Values.JSON.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8),
                MediaType.APPLICATION_OCTET_STREAM);
    }

    void done() throws IOException {
        send(DONE, MediaType.APPLICATION_OCTET_STREAM);
    }

    void keepAlive() throws IOException {
        send(KEEP_ALIVE, MediaType.APPLICATION_OCTET_STREAM);
    }
}
