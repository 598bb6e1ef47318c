package dev.weft.api.service;

import dev.weft.engine.variable.FileValue;
import dev.weft.publish.file.FileKinds;
import dev.weft.publish.file.UploadFile;
import dev.weft.publish.file.UploadFileService;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Turns Dify file objects in a request ({@code {type, transfer_method: local_file, upload_file_id}} or
 * {@code {type, transfer_method: remote_url, url}}) into the run's {@link FileValue}s: uploads must be the
 * app's own and get their name, type and size from the upload record; a bad one is a 400 naming its place.
 */
@Component
class FileInputs {

    private final UploadFileService uploads;

    FileInputs(UploadFileService uploads) {
        this.uploads = uploads;
    }

    /** The inputs with every file object (alone or in a list) replaced by a {@link FileValue}. */
    Map<String, Object> resolveInputs(String appId, Map<String, Object> inputs) {
        if (inputs == null) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : inputs.entrySet()) {
            String path = "inputs." + e.getKey();
            Object v = e.getValue();
            if (isFileObject(v)) {
                out.put(e.getKey(), file(appId, (Map<?, ?>) v, path));
            } else if (v instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(FileInputs::isFileObject)) {
                List<FileValue> files = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    files.add(file(appId, (Map<?, ?>) list.get(i), path + "[" + i + "]"));
                }
                out.put(e.getKey(), files);
            } else {
                out.put(e.getKey(), v);
            }
        }
        return out;
    }

    /** The request's {@code files} (they become {@code sys.files}). */
    List<FileValue> resolveFiles(String appId, List<Map<String, Object>> files) {
        if (files == null) {
            return List.of();
        }
        List<FileValue> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Map<String, Object> f = files.get(i);
            if (f == null) {
                throw ServiceApiException.invalid("files[" + i + "] is null");
            }
            out.add(file(appId, f, "files[" + i + "]"));
        }
        return out;
    }

    private static boolean isFileObject(Object v) {
        return v instanceof Map<?, ?> m && m.containsKey("transfer_method");
    }

    private FileValue file(String appId, Map<?, ?> f, String path) {
        Object method = f.get("transfer_method");
        String type = f.get("type") instanceof String t ? t : null;
        if ("local_file".equals(method)) {
            Object id = f.get("upload_file_id");
            if (!(id instanceof String uploadId) || uploadId.isBlank()) {
                throw ServiceApiException.invalid(path + ".upload_file_id is required when transfer_method is local_file");
            }
            UploadFile upload = uploads.find(appId, uploadId).orElseThrow(() ->
                    ServiceApiException.invalid(path + ".upload_file_id: no uploaded file '" + uploadId + "' (upload it with POST /files/upload)"));
            return new FileValue(type == null ? upload.fileType() : type, "local_file", null, upload.getId(),
                    upload.getName(), upload.getExtension(), upload.getMimeType(), upload.getSize());
        }
        if ("remote_url".equals(method)) {
            Object url = f.get("url");
            if (!(url instanceof String u) || u.isBlank()) {
                throw ServiceApiException.invalid(path + ".url is required when transfer_method is remote_url");
            }
            URI uri;
            try {
                uri = URI.create(u);
            } catch (IllegalArgumentException e) {
                throw ServiceApiException.invalid(path + ".url is not a URL: " + u);
            }
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                throw ServiceApiException.invalid(path + ".url must be an http or https URL");
            }
            String name = uri.getPath() == null || uri.getPath().isEmpty() ? "file"
                    : uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1);
            int dot = name.lastIndexOf('.');
            String extension = dot < 0 ? null : name.substring(dot + 1);
            return new FileValue(type == null ? FileKinds.typeOf(extension) : type, "remote_url", u, null,
                    name.isEmpty() ? "file" : name, extension, null, null);
        }
        throw ServiceApiException.invalid(path + ".transfer_method must be 'local_file' or 'remote_url', got '" + method + "'");
    }
}
