package dev.weft.app.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** A graph in React Flow's shape: nodes, edges and the canvas viewport. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GraphDef(List<NodeDef> nodes, List<EdgeDef> edges, Map<String, Object> viewport) {

    public GraphDef {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        edges = edges == null ? List.of() : List.copyOf(edges);
    }

    public static GraphDef empty() {
        return new GraphDef(List.of(), List.of(), null);
    }
}
