package dev.weft.app.definition;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One node of the graph. The engine reads only {@code data}; {@code type} is React Flow's renderer type
 * ({@code custom} in Dify files), and UI fields other than position are kept as they came so a DSL
 * file round-trips unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeDef(
        String id,
        String type,
        Position position,
        String parentId,
        ObjectNode data,
        @JsonIgnore Map<String, Object> extra) {

    public NodeDef {
        data = data == null ? JsonNodeFactory.instance.objectNode() : data;
        extra = extra == null ? new LinkedHashMap<>() : extra;
    }

    public NodeDef(String id, Position position, ObjectNode data) {
        this(id, "custom", position, null, data, null);
    }

    /** The node type in {@code data.type}, such as {@code llm} or {@code if-else}. */
    @JsonIgnore
    public String nodeType() {
        JsonNode t = data.get("type");
        return t == null || t.isNull() ? null : t.asString();
    }

    @JsonIgnore
    public String title() {
        JsonNode t = data.get("title");
        return t == null || t.isNull() ? id : t.asString();
    }

    /** The container (iteration or loop) this node sits in, or null at the top level. */
    @JsonIgnore
    public String containerId() {
        if (parentId != null && !parentId.isBlank()) {
            return parentId;
        }
        JsonNode it = data.get("iteration_id");
        if (it != null && !it.isNull() && !it.asString().isBlank()) {
            return it.asString();
        }
        JsonNode loop = data.get("loop_id");
        return loop != null && !loop.isNull() && !loop.asString().isBlank() ? loop.asString() : null;
    }

    @JsonAnySetter
    void putExtra(String key, Object value) {
        extra.put(key, value);
    }

    @JsonAnyGetter
    Map<String, Object> anyExtra() {
        return extra;
    }

    public record Position(double x, double y) {}
}
