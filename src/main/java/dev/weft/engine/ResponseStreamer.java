package dev.weft.engine;

import dev.weft.engine.event.RunEvent;
import dev.weft.engine.graph.CompiledGraph;
import dev.weft.engine.graph.CompiledNode;
import dev.weft.engine.node.NodeKind;
import dev.weft.engine.node.StreamingResponse;
import dev.weft.engine.variable.Selector;
import dev.weft.engine.variable.Values;
import dev.weft.engine.variable.VariablePool;
import dev.weft.engine.variable.VariableTemplate.Literal;
import dev.weft.engine.variable.VariableTemplate.Reference;
import dev.weft.engine.variable.VariableTemplate.Segment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Streams the text of response nodes (Answer, and End in workflows) as soon as it can be known, so an Answer
 * that references an LLM's text streams its tokens while the LLM still runs.
 *
 * <p>A response node starts streaming once it is certain to run: every node upstream of it that may choose a
 * branch has finished and it is still reachable through edges not skipped. From then on its template is
 * sent in order: literal text at once, a variable's streamed chunks as they arrive, a variable's value
 * when its node finishes. End nodes send only streamed chunks.
 */
final class ResponseStreamer {

    private final CompiledGraph graph;
    private final VariablePool pool;
    private final Consumer<RunEvent> sink;
    private final String runId;
    private final List<Cursor> cursors = new ArrayList<>();
    private final Map<String, StringBuilder> streams = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private final Set<String> skipped = new HashSet<>();
    private final StringBuilder answer = new StringBuilder();

    ResponseStreamer(String runId, CompiledGraph graph, VariablePool pool, boolean chat, Consumer<RunEvent> sink) {
        this.runId = runId;
        this.graph = graph;
        this.pool = pool;
        this.sink = sink;
        for (CompiledNode node : graph.nodes().values()) {
            if (node.kind() != NodeKind.RESPONSE) {
                continue;
            }
            if (node.config() instanceof StreamingResponse response) {
                cursors.add(new Cursor(node, response.streamSegments(), !chat || response.streamsOnlyChunks()));
            }
        }
    }

    boolean isEmpty() {
        return cursors.isEmpty();
    }

    /** A node sent a piece of an output while running. */
    synchronized void chunk(String nodeId, String variable, String delta) {
        streams.computeIfAbsent(nodeId + "." + variable, k -> new StringBuilder()).append(delta);
        pump();
    }

    /** A node's outputs are in the pool (called from the node's thread, before its node_finished). */
    synchronized void nodeFinished(String nodeId) {
        finished.add(nodeId);
        pump();
    }

    /** A node will not run. */
    synchronized void nodeSkipped(String nodeId) {
        skipped.add(nodeId);
        pump();
    }

    /** Activates the response nodes now certain to run, given the walk's current edge states. */
    synchronized void refresh(WalkView walk) {
        for (Cursor cursor : cursors) {
            if (!cursor.active && !skipped.contains(cursor.node.id()) && isCertain(cursor.node, walk)) {
                cursor.active = true;
            }
        }
        pump();
    }

    synchronized String answer() {
        return answer.toString();
    }

    /**
     * The walk's own view of the graph, for deciding whether a response node will run. Only the walk's view
     * counts here: a node may have finished on its thread while the walk has not yet resolved its edges.
     */
    interface WalkView {
        /** The walk has handled this node's end: its outgoing edges are taken or skipped. */
        boolean settled(String nodeId);

        boolean reachable(String nodeId);
    }

    private boolean isCertain(CompiledNode node, WalkView walk) {
        for (String ancestor : graph.ancestors(node.id())) {
            CompiledNode a = graph.node(ancestor);
            if (a.choosesBranch() && !walk.settled(ancestor)) {
                return false;
            }
        }
        return walk.reachable(node.id());
    }

    private void pump() {
        for (Cursor cursor : cursors) {
            if (cursor.active) {
                advance(cursor);
            }
        }
    }

    private void advance(Cursor c) {
        while (c.segment < c.segments.size()) {
            Segment segment = c.segments.get(c.segment);
            if (segment instanceof Literal literal) {
                if (!c.chunksOnly) {
                    send(c, literal.text(), null);
                }
                c.segment++;
                continue;
            }
            Selector selector = ((Reference) segment).selector();
            String source = selector.nodeId();
            if (graph.node(source) == null) {
                // sys, env, or a value from outside this level: known from the start; conversation variables
                // may still be written by an assigner upstream, so they wait until everything upstream is done
                if (VariablePool.CONVERSATION.equals(source) && !upstreamDone(c.node)) {
                    return;
                }
                if (!c.chunksOnly) {
                    send(c, Values.toText(pool.get(selector).orElse(null)), selector);
                }
                c.segment++;
                continue;
            }
            StringBuilder stream = selector.subPath().isEmpty() ? streams.get(source + "." + selector.variable()) : null;
            if (stream != null && c.offset < stream.length()) {
                send(c, stream.substring(c.offset), selector);
                c.offset = stream.length();
            }
            if (finished.contains(source)) {
                if (stream == null && !c.chunksOnly) {
                    send(c, Values.toText(pool.get(selector).orElse(null)), selector);
                }
            } else if (!skipped.contains(source)) {
                return;
            }
            c.segment++;
            c.offset = 0;
        }
    }

    private boolean upstreamDone(CompiledNode node) {
        for (String ancestor : graph.ancestors(node.id())) {
            if (!finished.contains(ancestor) && !skipped.contains(ancestor)) {
                return false;
            }
        }
        return true;
    }

    private void send(Cursor c, String text, Selector selector) {
        if (text.isEmpty()) {
            return;
        }
        if (!c.chunksOnly) {
            answer.append(text);
        }
        sink.accept(new RunEvent.TextChunk(runId, c.node.id(), text, selector == null ? null : selector.path()));
    }

    private static final class Cursor {
        final CompiledNode node;
        final List<Segment> segments;
        final boolean chunksOnly;
        boolean active;
        int segment;
        int offset;

        Cursor(CompiledNode node, List<Segment> segments, boolean chunksOnly) {
            this.node = node;
            this.segments = segments;
            this.chunksOnly = chunksOnly;
        }
    }

}
