package dev.weft.app.definition;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connection from {@code source}'s handle to {@code target}. The source handle names the branch:
 * {@code source} by default, an if-else case id or {@code false}, a classifier class id,
 * {@code fail-branch} or {@code success-branch}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EdgeDef(
        String id,
        String source,
        String sourceHandle,
        String target,
        String targetHandle,
        @JsonIgnore Map<String, Object> extra) {

    public static final String DEFAULT_HANDLE = "source";

    public EdgeDef {
        extra = extra == null ? new LinkedHashMap<>() : extra;
    }

    public EdgeDef(String source, String sourceHandle, String target) {
        this(source + "-" + (sourceHandle == null ? DEFAULT_HANDLE : sourceHandle) + "-" + target,
                source, sourceHandle, target, "target", null);
    }

    /** The branch handle, {@code source} when none is given. */
    @JsonIgnore
    public String handle() {
        return sourceHandle == null || sourceHandle.isBlank() ? DEFAULT_HANDLE : sourceHandle;
    }

    @JsonAnySetter
    void putExtra(String key, Object value) {
        extra.put(key, value);
    }

    @JsonAnyGetter
    Map<String, Object> anyExtra() {
        return extra;
    }
}
