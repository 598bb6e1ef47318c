package dev.weft.api.console;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.weft.app.definition.ValidationError;
import java.util.List;

/**
 * The error body of the console API, Dify's envelope {@code {code, message, status}}, plus
 * {@code errors: [{path, message}]} when a definition or a request body has problems at known places.
 */
public record ApiError(
        String code,
        String message,
        int status,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ValidationError> errors) {

    public ApiError {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ApiError of(String code, String message, int status) {
        return new ApiError(code, message, status, List.of());
    }
}
