package dev.weft.api.dataset;

import dev.weft.api.service.ServiceApiException;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Checks of Knowledge API requests, each failure a 400 {@code invalid_param} that names the field. */
final class DifyRequests {

    static final int MAX_LIMIT = 100;

    private DifyRequests() {}

    static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ServiceApiException.invalid("the request body must be a JSON object");
        }
    }

    static String requiredText(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull() || !v.isString() || v.asString().isBlank()) {
            throw ServiceApiException.invalid(field + " is required and must be a non-empty string");
        }
        return v.asString();
    }

    static void checkPage(int page, int limit) {
        if (page < 1) {
            throw ServiceApiException.invalid("page must be 1 or more");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ServiceApiException.invalid("limit must be between 1 and " + MAX_LIMIT);
        }
    }

    static <T> List<T> slice(List<T> all, int page, int limit) {
        long from = (long) (page - 1) * limit;
        if (from >= all.size()) {
            return List.of();
        }
        return all.subList((int) from, (int) Math.min(all.size(), from + limit));
    }
}
