package dev.weft.engine.variable;

import java.util.List;

/**
 * A variable address: {@code [node_id, output, ...path]}, such as {@code ["llm", "text"]},
 * {@code ["sys", "query"]} or {@code ["start", "profile", "name"]}.
 */
public record Selector(List<String> path) {

    public Selector {
        if (path == null || path.size() < 2) {
            throw new IllegalArgumentException("a selector needs a node id and a variable name, got " + path);
        }
        path = List.copyOf(path);
    }

    public static Selector of(String... path) {
        return new Selector(List.of(path));
    }

    /** Parses {@code node.var.field}, the form inside {@code {{#...#}}}. */
    public static Selector parse(String dotted) {
        return new Selector(List.of(dotted.split("\\.")));
    }

    public String nodeId() {
        return path.get(0);
    }

    public String variable() {
        return path.get(1);
    }

    public List<String> subPath() {
        return path.subList(2, path.size());
    }

    public String dotted() {
        return String.join(".", path);
    }

    @Override
    public String toString() {
        return dotted();
    }
}
