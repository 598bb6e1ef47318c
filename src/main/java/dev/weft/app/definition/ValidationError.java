package dev.weft.app.definition;

import java.util.Objects;

/**
 * One problem in an app definition or DSL file. {@code path} is JSONPath-like from the document root,
 * such as {@code $.graph.nodes[2].data.model.name} or {@code $.graph.edges[0].target}.
 */
public record ValidationError(String path, String message) {

    public ValidationError {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
