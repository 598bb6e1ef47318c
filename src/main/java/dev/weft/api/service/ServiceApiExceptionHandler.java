package dev.weft.api.service;

import dev.weft.app.AppNotFoundException;
import dev.weft.app.definition.DefinitionException;
import dev.weft.publish.file.UploadRejectedException;
import dev.weft.publish.limit.TooManyRequestsException;
import dev.weft.run.ConversationNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * Failures of the Service API and the OpenAI-compatible API as their clients expect them: Dify's
 * {@code {code, message, status}} (or OpenAI's {@code {error:{…}}} on its paths), written directly so that a
 * client that asked for {@code text/event-stream} still gets the JSON error. What every {@code /v1} API answers alike
 * is in {@link DifyErrorHandlers}; here are 429 with {@code Retry-After}, rejected uploads, 404 for an app or
 * conversation, and 400 {@code app_unavailable} for a definition that cannot run.
 */
@RestControllerAdvice(basePackages = {"dev.weft.api.service", "dev.weft.api.openai"})
class ServiceApiExceptionHandler extends DifyErrorHandlers {

    ServiceApiExceptionHandler() {
        super("Service API", "the request body is not valid JSON of the expected shape");
    }

    @ExceptionHandler(TooManyRequestsException.class)
    void tooMany(TooManyRequestsException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
        write(request, response, 429, "too_many_requests", e.getMessage());
    }

    @ExceptionHandler(UploadRejectedException.class)
    void upload(UploadRejectedException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, e.status(), e.code(), e.getMessage());
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    void noFile(MissingServletRequestPartException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, 400, "no_file_uploaded", "Please upload your file: the part '" + e.getRequestPartName() + "' is missing.");
    }

    @ExceptionHandler({AppNotFoundException.class, ConversationNotFoundException.class})
    void notFound(RuntimeException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String message = e instanceof ConversationNotFoundException ? "Conversation Not Exists." : e.getMessage();
        write(request, response, 404, "not_found", message);
    }

    @ExceptionHandler(DefinitionException.class)
    void invalidDefinition(DefinitionException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, 400, "app_unavailable", "the app cannot run: " + e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    void badParameter(MethodArgumentTypeMismatchException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, 400, "invalid_param", "'" + e.getValue() + "' is not a valid " + e.getName());
    }
}
