package dev.weft.engine.node;

import dev.weft.engine.variable.Selector;
import java.util.List;

/**
 * Runs one node type. An implementation is a Spring bean in {@code engine.node.<type>} next to its config
 * record {@code C}, which is bound from the node's {@code data} (snake_case keys, unknown keys ignored).
 * Executors are stateless and thread-safe; everything about the run comes through the {@link NodeContext}.
 */
public interface NodeExecutor<C> {

    /** The {@code data.type} string, as in Dify: {@code llm}, {@code if-else}, ... */
    String type();

    Class<C> configType();

    NodeResult execute(C config, NodeContext context) throws Exception;

    default NodeKind kind() {
        return NodeKind.EXECUTABLE;
    }

    /**
     * True when the node only computes from the variable pool: no I/O, no waiting, no user code, time bounded
     * by the size of its inputs. The engine then runs it on the walk's own thread (when it has no retries) rather
     * than on a thread of its own, which saves two thread hand-overs per node; its time limit is not watched.
     */
    default boolean runsInline() {
        return false;
    }

    /** The variables the node reads, so validation can check that each exists upstream. */
    default List<Selector> inputSelectors(C config) {
        return List.of();
    }

    /** The output names the node writes, or null when they cannot be known before it runs. */
    default List<String> outputNames(C config) {
        return null;
    }

    /** For branch nodes, the handles its outgoing edges may use besides {@code source}. */
    default List<String> branchHandles(C config) {
        return List.of();
    }

    /** Checks a bound config beyond what binding checks; each problem is a message about a field of {@code data}. */
    default List<ConfigProblem> validate(C config) {
        return List.of();
    }

    /** A problem in a node's config: {@code field} is the path under {@code data}, such as {@code model.name}. */
    record ConfigProblem(String field, String message) {}
}
