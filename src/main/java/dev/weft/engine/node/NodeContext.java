package dev.weft.engine.node;

import dev.weft.app.definition.AppMode;
import dev.weft.engine.event.RunEvent;
import dev.weft.engine.variable.Selector;
import dev.weft.engine.variable.VariablePool;
import java.util.List;
import java.util.Optional;

/** What a node sees of its run while it executes. */
public interface NodeContext {

    String runId();

    String appId();

    /** The app API key the run was started with (Service API runs), else null; model budgets per key use it. */
    default String apiKeyId() {
        return null;
    }

    /**
     * Who {@code sys.user_id} is: {@link dev.weft.engine.RunRequest#ACCOUNT} (a console account) or
     * {@link dev.weft.engine.RunRequest#END_USER}.
     */
    default String startedByRole() {
        return dev.weft.engine.RunRequest.END_USER;
    }

    AppMode mode();

    String nodeId();

    String title();

    /** The pool of this run, or of the current iteration item. Nodes write only through their {@link NodeResult}, except the assigner. */
    VariablePool pool();

    default Optional<Object> resolve(Selector selector) {
        return pool().get(selector);
    }

    default Optional<Object> resolve(List<String> selector) {
        return selector == null || selector.size() < 2 ? Optional.empty() : pool().get(new Selector(selector));
    }

    /** Renders {@code {{#node.var#}}} references from the pool. */
    String render(String template);

    /** The conversation's earlier turns, oldest first (chat apps only; empty otherwise). */
    List<ChatTurn> history();

    /**
     * Sends a piece of this node's output {@code variable} (an LLM's {@code text}) while the node still runs,
     * so Answer nodes that reference it stream it at once.
     */
    void streamChunk(String variable, String delta);

    /** Reports an event other than the ones the engine sends itself (iteration progress). */
    void emit(RunEvent event);

    boolean isCancelled();

    /** Throws {@link java.util.concurrent.CancellationException} when the run was stopped or timed out. */
    void checkCancelled();

    /**
     * Runs the nodes inside this container node (an iteration) once, over {@code itemPool}, a child of the
     * run's pool holding the item. Returns normally when the sub-graph succeeded.
     */
    void runContainerBody(VariablePool itemPool, int index) throws Exception;
}
