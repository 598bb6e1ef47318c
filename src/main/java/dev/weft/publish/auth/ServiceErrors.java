package dev.weft.publish.auth;

import dev.weft.engine.variable.Values;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Error bodies of {@code /v1}: Dify's envelope {@code {code, message, status}}, or OpenAI's
 * {@code {error:{message, type, param, code}}} on the OpenAI-compatible paths, so each client reads its own.
 */
public final class ServiceErrors {

    private ServiceErrors() {}

    /** The OpenAI-compatible endpoints: {@code /v1/chat/completions} and {@code /v1/models}. */
    public static boolean isOpenAiPath(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/v1/chat/completions") || path.equals("/v1/models") || path.startsWith("/v1/models/");
    }

    public static Map<String, Object> dify(String code, String message, int status) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("message", message);
        m.put("status", status);
        return m;
    }

    public static Map<String, Object> openAi(String code, String message, int status) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        });
        error.put("param", null);
        error.put("code", code);
        return Map.of("error", error);
    }

    /** Writes the error in the shape the path's clients expect. */
    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String code,
            String message) throws IOException {
        Map<String, Object> body = isOpenAiPath(request) ? openAi(code, message, status) : dify(code, message, status);
        response.setStatus(status);
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"api\"");
        }
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(Values.JSON.writeValueAsBytes(body));
    }
}
