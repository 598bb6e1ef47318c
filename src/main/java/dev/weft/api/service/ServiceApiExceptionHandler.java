package dev.weft.api.service;

import dev.weft.app.AppNotFoundException;
import dev.weft.app.definition.DefinitionException;
import dev.weft.publish.auth.ServiceErrors;
import dev.weft.publish.file.UploadRejectedException;
import dev.weft.publish.limit.TooManyRequestsException;
import dev.weft.run.ConversationNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * Failures of the Service API and the OpenAI-compatible API as their clients expect them: Dify's
 * {@code {code, message, status}} (or OpenAI's {@code {error:{…}}} on its paths), written directly so that a
 * client that asked for {@code text/event-stream} still gets the JSON error.
 */
@RestControllerAdvice(basePackages = {"dev.weft.api.service", "dev.weft.api.openai"})
class ServiceApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ServiceApiExceptionHandler.class);

    @ExceptionHandler(ServiceApiException.class)
    void service(ServiceApiException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServiceErrors.write(request, response, e.status(), e.code(), e.getMessage());
    }

    @ExceptionHandler(TooManyRequestsException.class)
    void tooMany(TooManyRequestsException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
        ServiceErrors.write(request, response, 429, "too_many_requests", e.getMessage());
    }

    @ExceptionHandler(UploadRejectedException.class)
    void upload(UploadRejectedException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServiceErrors.write(request, response, e.status(), e.code(), e.getMessage());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    void uploadTooLarge(MaxUploadSizeExceededException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServiceErrors.write(request, response, 413, "file_too_large", "the upload is larger than this server accepts");
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    void noFile(MissingServletRequestPartException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServiceErrors.write(request, response, 400, "no_file_uploaded", "Please upload your file: the part '" + e.getRequestPartName() + "' is missing.");
    }

    @ExceptionHandler({AppNotFoundException.class, ConversationNotFoundException.class})
    void notFound(RuntimeException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String message = e instanceof ConversationNotFoundException ? "Conversation Not Exists." : e.getMessage();
        ServiceErrors.write(request, response, 404, "not_found", message);
    }

    @ExceptionHandler(DefinitionException.class)
    void invalidDefinition(DefinitionException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServiceErrors.write(request, response, 400, "app_unavailable", "the app cannot run: " + e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    void invalidParam(IllegalArgumentException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServiceErrors.write(request, response, 400, "invalid_param", e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    void badParameter(MethodArgumentTypeMismatchException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServiceErrors.write(request, response, 400, "invalid_param", "'" + e.getValue() + "' is not a valid " + e.getName());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    void missingParameter(MissingServletRequestParameterException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServiceErrors.write(request, response, 400, "invalid_param", e.getParameterName() + " is required");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    void unreadable(HttpMessageNotReadableException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String reason = e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")
                ? "the request body is missing" : "the request body is not valid JSON of the expected shape: " + e.getMostSpecificCause().getMessage();
        ServiceErrors.write(request, response, 400, "invalid_param", reason);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    void mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServiceErrors.write(request, response, 415, "unsupported_media_type", e.getMessage());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    void method(HttpRequestMethodNotSupportedException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServiceErrors.write(request, response, 405, "method_not_allowed", e.getMessage());
    }

    @ExceptionHandler(RuntimeException.class)
    void internal(RuntimeException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        log.error("Service API request {} {} failed", request.getMethod(), request.getRequestURI(), e);
        ServiceErrors.write(request, response, 500, "internal_server_error", "Internal Server Error, please contact support.");
    }
}
