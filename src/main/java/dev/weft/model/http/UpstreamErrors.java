package dev.weft.model.http;

import dev.weft.model.ModelException;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an upstream's non-2xx reply into a {@link ModelException}: the HTTP status, the wait its
 * {@code Retry-After} header asks for (seconds or an HTTP date) and the message of its error body, whichever
 * of the providers' shapes it has: OpenAI, Azure, Mistral and Gemini {@code {"error": {"message"}}}, Anthropic
 * {@code {"type": "error", "error": {"type", "message"}}}, Ollama {@code {"error": "..."}}, Cohere {@code {"message"}},
 * FastAPI servers {@code {"detail"}}.
 */
public final class UpstreamErrors {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_ERROR_TEXT = 500;

    private UpstreamErrors() {}

    public static ModelException of(String target, int status, HttpHeaders headers, String body) {
        return new ModelException(target + " returned HTTP " + status + ": " + errorMessage(body), status,
                retryAfter(headers.firstValue("retry-after"), Clock.systemUTC()));
    }

    /** The wait a {@code Retry-After} value asks for: whole (or fractional) seconds, or an HTTP date; null when absent or unreadable. */
    public static Duration retryAfter(Optional<String> header, Clock clock) {
        if (header.isEmpty() || header.get().isBlank()) {
            return null;
        }
        String value = header.get().strip();
        try {
            double seconds = Double.parseDouble(value);
            return seconds < 0 || Double.isNaN(seconds) ? null : Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration wait = Duration.between(clock.instant(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** The message of an error body, or the body itself (shortened) when it has none. */
    public static String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        try {
            JsonNode root = JSON.readTree(body);
            if (root != null && root.isArray() && !root.isEmpty()) {
                root = root.get(0); // Gemini's streaming endpoint wraps its error in a list
            }
            if (root != null && root.isObject()) {
                return errorMessage(root, body);
            }
        } catch (JacksonException ignored) {
            // not JSON: show the text
        }
        return abbreviate(body.strip());
    }

    /** The message inside a parsed error object (also used for errors that arrive inside a stream). */
    public static String errorMessage(JsonNode root, String body) {
        JsonNode error = root.path("error");
        for (JsonNode candidate : List.of(error.path("message"), error, root.path("message"), root.path("detail"))) {
            if (candidate.isString() && !candidate.stringValue().isBlank()) {
                return candidate.stringValue();
            }
        }
        return abbreviate(body.strip());
    }

    /** The exception a caller throws when its thread was interrupted during a call; sets the interrupt flag again. */
    public static CancellationException interrupted(String target, InterruptedException e) {
        Thread.currentThread().interrupt();
        CancellationException stopped = new CancellationException("the call to " + target + " was interrupted");
        stopped.initCause(e);
        return stopped;
    }

    public static String abbreviate(String text) {
        return text.length() <= MAX_ERROR_TEXT ? text : text.substring(0, MAX_ERROR_TEXT) + "...";
    }
}
