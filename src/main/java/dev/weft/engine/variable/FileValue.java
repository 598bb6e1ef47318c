package dev.weft.engine.variable;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A file passed through a run, in Dify's file object shape. {@code transferMethod} is {@code local_file}
 * (an upload, found by {@code uploadFileId}) or {@code remote_url}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileValue(
        String type,
        String transferMethod,
        String url,
        String uploadFileId,
        String filename,
        String extension,
        String mimeType,
        Long size) {}
