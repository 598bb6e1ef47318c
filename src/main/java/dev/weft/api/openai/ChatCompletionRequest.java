package dev.weft.api.openai;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The fields of OpenAI's chat completion request that Weft reads. {@code content} is a string or a list of
 * parts ({@code {type:"text", text}}); sampling options are the app's own and are ignored.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ChatCompletionRequest(String model, List<Map<String, Object>> messages, Boolean stream,
        Map<String, Object> streamOptions, String user) {

    boolean streaming() {
        return Boolean.TRUE.equals(stream);
    }

    boolean includeUsage() {
        return streamOptions != null && Boolean.TRUE.equals(streamOptions.get("include_usage"));
    }
}
