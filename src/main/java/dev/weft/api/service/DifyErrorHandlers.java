package dev.weft.api.service;

import dev.weft.publish.auth.ServiceErrors;
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
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * The failures every {@code /v1} API answers alike, written by {@link ServiceErrors} in the envelope its clients expect
 * (Dify's {@code {code, message, status}}, OpenAI's {@code {error:{…}}} on the OpenAI paths), directly, so that a client
 * that asked for {@code text/event-stream} still gets the JSON error: {@link ServiceApiException}, 400
 * {@code invalid_param} for a bad argument, a missing parameter or an unreadable body, 413 {@code file_too_large}, 415,
 * 405, and 500 {@code internal_server_error} (logged) for anything else. Each API's advice extends it with its own
 * exceptions.
 */
public abstract class DifyErrorHandlers {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String api;
    private final String notJson;

    /**
     * {@code api} names the API in the log ("Service API"); {@code notJson} starts the message for a body that cannot
     * be read ("the request body is not valid JSON"), which goes on with the parser's reason.
     */
    protected DifyErrorHandlers(String api, String notJson) {
        this.api = api;
        this.notJson = notJson;
    }

    /** Writes one error in the envelope of the request's API. */
    protected static void write(HttpServletRequest request, HttpServletResponse response, int status, String code,
            String message) throws IOException {
        ServiceErrors.write(request, response, status, code, message);
    }

    @ExceptionHandler(ServiceApiException.class)
    protected void service(ServiceApiException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, e.status(), e.code(), e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    protected void invalidParam(IllegalArgumentException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, 400, "invalid_param", e.getMessage());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    protected void uploadTooLarge(MaxUploadSizeExceededException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, 413, "file_too_large", "the upload is larger than this server accepts");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    protected void missingParameter(MissingServletRequestParameterException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, 400, "invalid_param", e.getParameterName() + " is required");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    protected void unreadable(HttpMessageNotReadableException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String reason = e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")
                ? "the request body is missing" : notJson + ": " + e.getMostSpecificCause().getMessage();
        write(request, response, 400, "invalid_param", reason);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    protected void mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, 415, "unsupported_media_type", e.getMessage());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    protected void method(HttpRequestMethodNotSupportedException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, 405, "method_not_allowed", e.getMessage());
    }

    @ExceptionHandler(RuntimeException.class)
    protected void internal(RuntimeException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        log.error("{} request {} {} failed", api, request.getMethod(), request.getRequestURI(), e);
        write(request, response, 500, "internal_server_error", "Internal Server Error, please contact support.");
    }
}
