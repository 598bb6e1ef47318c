package dev.weft.engine.graph;

import dev.weft.engine.node.NodeExecutor;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The node types Weft can run, keyed by {@code data.type}, built from every {@link NodeExecutor} bean.
 * Binds a node's {@code data} to its executor's config record: snake_case keys, unknown keys ignored.
 */
@Component
public class NodeRegistry {

    /** Binds node data to config records. Dify's keys are snake_case; records use camelCase. */
    public static final JsonMapper CONFIG_MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .build();

    private final Map<String, NodeExecutor<?>> executors;

    public NodeRegistry(Collection<NodeExecutor<?>> executors) {
        this.executors = executors.stream().collect(Collectors.toUnmodifiableMap(NodeExecutor::type, Function.identity()));
    }

    public Optional<NodeExecutor<?>> find(String type) {
        return Optional.ofNullable(type == null ? null : executors.get(type));
    }

    public boolean supports(String type) {
        return type != null && executors.containsKey(type);
    }

    public List<String> types() {
        return List.copyOf(new TreeSet<>(executors.keySet()));
    }

    /** Binds {@code data} to the executor's config type; throws Jackson's DatabindException (with its path) on bad data. */
    public static <C> C bind(NodeExecutor<C> executor, JsonNode data) {
        return CONFIG_MAPPER.treeToValue(data, executor.configType());
    }
}
