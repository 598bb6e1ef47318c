package dev.weft.api.console;

import dev.weft.app.AppNotFoundException;
import dev.weft.app.definition.DefinitionException;
import dev.weft.app.definition.JsonPaths;
import dev.weft.app.definition.ValidationError;
import dev.weft.run.ConversationNotFoundException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;

/** Turns the console API's failures into {@link ApiError} responses. */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
class ApiExceptionHandler {

    @ExceptionHandler(DefinitionException.class)
    ResponseEntity<ApiError> invalidDefinition(DefinitionException e) {
        return respond(new ApiError("invalid_definition", e.getMessage(), 400, e.errors()));
    }

    @ExceptionHandler(AppNotFoundException.class)
    ResponseEntity<ApiError> appNotFound(AppNotFoundException e) {
        return respond(ApiError.of("not_found", e.getMessage(), 404));
    }

    @ExceptionHandler(ConversationNotFoundException.class)
    ResponseEntity<ApiError> conversationNotFound(ConversationNotFoundException e) {
        return respond(ApiError.of("not_found", e.getMessage(), 404));
    }

    @ExceptionHandler(dev.weft.knowledge.dataset.DatasetNotFoundException.class)
    ResponseEntity<ApiError> datasetNotFound(dev.weft.knowledge.dataset.DatasetNotFoundException e) {
        return respond(ApiError.of("not_found", e.getMessage(), 404));
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<ApiError> forbidden(ForbiddenException e) {
        return respond(ApiError.of("forbidden", e.getMessage(), 403));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ApiError> notFound(NotFoundException e) {
        return respond(ApiError.of("not_found", e.getMessage(), 404));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ApiError> invalidParam(IllegalArgumentException e) {
        return respond(ApiError.of("invalid_param", e.getMessage(), 400));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> badParameter(MethodArgumentTypeMismatchException e) {
        return respond(ApiError.of("invalid_param", "'" + e.getValue() + "' is not a valid " + e.getName(), 400));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return respond(ApiError.of("invalid_param", "the parameter '" + e.getParameterName() + "' is required", 400));
    }

    /** Malformed JSON or a wrong type in a request body: name the path, and for syntax errors the line and column. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadableBody(HttpMessageNotReadableException e) {
        if (findJackson(e) instanceof JacksonException jackson) {
            ValidationError error = JsonPaths.fromJackson(JsonPaths.ROOT, jackson);
            return respond(new ApiError("invalid_param", "the request body is not valid: " + error, 400, List.of(error)));
        }
        String reason = e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")
                ? "the request body is missing" : "the request body cannot be read: " + e.getMostSpecificCause().getMessage();
        return respond(ApiError.of("invalid_param", reason, 400));
    }

    private static Throwable findJackson(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JacksonException) {
                return t;
            }
        }
        return null;
    }

    private static ResponseEntity<ApiError> respond(ApiError error) {
        return ResponseEntity.status(HttpStatus.valueOf(error.status())).body(error);
    }
}
