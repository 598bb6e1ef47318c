package dev.weft.api.openai;

import dev.weft.api.service.ServiceApiException;
import dev.weft.engine.node.ChatTurn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An OpenAI {@code messages} array read as a Weft chat turn: the last message (a user message) is the query,
 * earlier user and assistant messages pair up into the turns the app remembers. System and developer
 * messages are left out: the app's own prompt speaks for it.
 */
record OpenAiConversation(String query, List<ChatTurn> history) {

    static OpenAiConversation of(List<Map<String, Object>> messages) {
        if (messages == null || messages.isEmpty()) {
            throw invalid("messages is required and must hold at least one user message");
        }
        Map<String, Object> last = messages.getLast();
        if (last == null || !"user".equals(last.get("role"))) {
            throw invalid("messages[" + (messages.size() - 1) + "] must be a user message: the app answers the last user message");
        }
        String query = text(last, messages.size() - 1);
        List<ChatTurn> turns = new ArrayList<>();
        String pendingUser = null;
        for (int i = 0; i < messages.size() - 1; i++) {
            Map<String, Object> m = messages.get(i);
            Object role = m == null ? null : m.get("role");
            if ("user".equals(role)) {
                pendingUser = pendingUser == null ? text(m, i) : pendingUser + "\n" + text(m, i);
            } else if ("assistant".equals(role)) {
                turns.add(new ChatTurn(pendingUser == null ? "" : pendingUser, text(m, i)));
                pendingUser = null;
            } else if (!"system".equals(role) && !"developer".equals(role) && !"tool".equals(role)) {
                throw invalid("messages[" + i + "].role must be system, developer, user, assistant or tool, got '" + role + "'");
            }
        }
        if (pendingUser != null) {
            query = pendingUser + "\n" + query;
        }
        return new OpenAiConversation(query, turns);
    }

    private static String text(Map<String, Object> message, int index) {
        Object content = message.get("content");
        if (content == null) {
            return "";
        }
        if (content instanceof String s) {
            return s;
        }
        if (content instanceof List<?> parts) {
            StringBuilder b = new StringBuilder();
            for (Object p : parts) {
                if (p instanceof Map<?, ?> part && "text".equals(part.get("type")) && part.get("text") instanceof String t) {
                    b.append(t);
                } else {
                    throw invalid("messages[" + index + "].content: only text parts are supported");
                }
            }
            return b.toString();
        }
        throw invalid("messages[" + index + "].content must be a string or a list of text parts");
    }

    private static ServiceApiException invalid(String message) {
        return new ServiceApiException(400, "invalid_request_error", message);
    }
}
