package dev.weft.api.dataset;

import dev.weft.api.service.DifyErrorHandlers;
import dev.weft.knowledge.dataset.DatasetNotFoundException;
import dev.weft.knowledge.dataset.DocumentBusyException;
import dev.weft.knowledge.embed.EmbeddingException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * Failures of the Knowledge API in Dify's envelope {@code {code, message, status}}: 404 {@code not_found} for a
 * dataset, document, segment or metadata field that is not there (Dify's own code for all of them), 400
 * {@code invalid_param} naming the field, {@code document_indexing} for a document being indexed, 409
 * {@code dataset_name_duplicate}, 413 {@code file_too_large}, 415 {@code unsupported_file_type}. What every {@code /v1}
 * API answers alike is in {@link DifyErrorHandlers}.
 */
@RestControllerAdvice(basePackageClasses = DatasetApiExceptionHandler.class)
class DatasetApiExceptionHandler extends DifyErrorHandlers {

    DatasetApiExceptionHandler() {
        super("Knowledge API", "the request body is not valid JSON");
    }

    @ExceptionHandler(DatasetNotFoundException.class)
    void notFound(DatasetNotFoundException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, 404, "not_found", e.getMessage());
    }

    @ExceptionHandler(DocumentBusyException.class)
    void busy(DocumentBusyException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, 400, "document_indexing", e.getMessage());
    }

    @ExceptionHandler(EmbeddingException.class)
    void embedding(EmbeddingException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, 400, "provider_not_initialize", "the embedding model failed: " + e.getMessage());
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    void noFile(MissingServletRequestPartException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, 400, "no_file_uploaded",
                "Please upload your file: the multipart part '" + e.getRequestPartName() + "' is missing.");
    }

    @ExceptionHandler(MultipartException.class)
    void multipart(MultipartException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, 400, "no_file_uploaded",
                "Please upload your file as multipart/form-data with the parts 'file' and 'data'.");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    void badParameter(MethodArgumentTypeMismatchException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, 400, "invalid_param", e.getName() + ": '" + e.getValue() + "' is not valid");
    }
}
