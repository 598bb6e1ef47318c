package dev.weft.api.dataset;

import dev.weft.api.service.ServiceApiException;
import dev.weft.knowledge.dataset.DatasetNotFoundException;
import dev.weft.knowledge.dataset.DocumentBusyException;
import dev.weft.knowledge.embed.EmbeddingException;
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
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * Failures of the Knowledge API in Dify's envelope {@code {code, message, status}}: 404 {@code not_found} for a
 * dataset, document, segment or metadata field that is not there (Dify's own code for all of them), 400
 * {@code invalid_param} naming the field, {@code document_indexing} for a document being indexed, 409
 * {@code dataset_name_duplicate}, 413 {@code file_too_large}, 415 {@code unsupported_file_type}.
 */
@RestControllerAdvice(basePackageClasses = DatasetApiExceptionHandler.class)
class DatasetApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DatasetApiExceptionHandler.class);

    @ExceptionHandler(ServiceApiException.class)
    void service(ServiceApiException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServiceErrors.write(request, response, e.status(), e.code(), e.getMessage());
    }

    @ExceptionHandler(DatasetNotFoundException.class)
    void notFound(DatasetNotFoundException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServiceErrors.write(request, response, 404, "not_found", e.getMessage());
    }

    @ExceptionHandler(DocumentBusyException.class)
    void busy(DocumentBusyException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServiceErrors.write(request, response, 400, "document_indexing", e.getMessage());
    }

    @ExceptionHandler(EmbeddingException.class)
    void embedding(EmbeddingException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServiceErrors.write(request, response, 400, "provider_not_initialize", "the embedding model failed: " + e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    void invalidParam(IllegalArgumentException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServiceErrors.write(request, response, 400, "invalid_param", e.getMessage());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    void uploadTooLarge(MaxUploadSizeExceededException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServiceErrors.write(request, response, 413, "file_too_large", "the upload is larger than this server accepts");
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    void noFile(MissingServletRequestPartException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServiceErrors.write(request, response, 400, "no_file_uploaded",
                "Please upload your file: the multipart part '" + e.getRequestPartName() + "' is missing.");
    }

    @ExceptionHandler(MultipartException.class)
    void multipart(MultipartException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServiceErrors.write(request, response, 400, "no_file_uploaded",
                "Please upload your file as multipart/form-data with the parts 'file' and 'data'.");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    void badParameter(MethodArgumentTypeMismatchException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServiceErrors.write(request, response, 400, "invalid_param", e.getName() + ": '" + e.getValue() + "' is not valid");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    void missingParameter(MissingServletRequestParameterException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServiceErrors.write(request, response, 400, "invalid_param", e.getParameterName() + " is required");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    void unreadable(HttpMessageNotReadableException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String reason = e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")
                ? "the request body is missing" : "the request body is not valid JSON: " + e.getMostSpecificCause().getMessage();
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
        log.error("Knowledge API request {} {} failed", request.getMethod(), request.getRequestURI(), e);
        ServiceErrors.write(request, response, 500, "internal_server_error", "Internal Server Error, please contact support.");
    }
}
