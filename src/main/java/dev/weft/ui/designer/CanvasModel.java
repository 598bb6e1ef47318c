package dev.weft.ui.designer;

import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.EdgeDef;
import dev.weft.app.definition.NodeDef;
import dev.weft.app.definition.ValidationError;
import dev.weft.engine.graph.GraphInspector;
import dev.weft.engine.graph.NodeSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the canvas draws: the definition's nodes and edges in React Flow's JSON, each node reduced to what its
 * renderer needs (type, title, a one-line summary, its branch handles, its problems). Validation errors are put
 * on the node their path points into; an edge's problem goes on the edge's source node; the rest are
 * graph-wide.
 */
final class CanvasModel {

    /** A branch handle as drawn: {@code id} is the edge's sourceHandle. */
    record Branch(String id, String label, String kind) {}

    /** The validation errors split by where they belong. */
    record Problems(Map<String, List<String>> byNode, List<String> general) {

        int count() {
            return general.size() + byNode.values().stream().mapToInt(List::size).sum();
        }
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern NODE_PATH = Pattern.compile("^\\$\\.graph\\.nodes\\[(\\d+)](?:\\.data)?\\.?(.*)$");
    private static final Pattern EDGE_PATH = Pattern.compile("^\\$\\.graph\\.edges\\[(\\d+)].*$");
    /** Nodes are drawn this wide; the client measures them, the layout only needs heights. */
    static final double NODE_HEIGHT = 64;
    static final double BRANCH_HEIGHT = 26;
    static final double NODE_WIDTH = 240;
    private static final double NOTE_WIDTH = 220;
    private static final double NOTE_HEIGHT = 60;
    private static final double ITERATION_START_SIZE = 36;

    private final NodeCatalog catalog;
    private final GraphInspector inspector;

    CanvasModel(NodeCatalog catalog, GraphInspector inspector) {
        this.catalog = catalog;
        this.inspector = inspector;
    }

    static Problems problems(AppDefinition def, List<ValidationError> errors) {
        Map<String, List<String>> byNode = new LinkedHashMap<>();
        List<String> general = new ArrayList<>();
        List<NodeDef> nodes = def.graph().nodes();
        List<EdgeDef> edges = def.graph().edges();
        for (ValidationError e : errors) {
            Matcher m = NODE_PATH.matcher(e.path());
            if (m.matches() && Integer.parseInt(m.group(1)) < nodes.size()) {
                String field = m.group(2);
                byNode.computeIfAbsent(nodes.get(Integer.parseInt(m.group(1))).id(), k -> new ArrayList<>())
                        .add(field.isBlank() ? e.message() : field + ": " + e.message());
                continue;
            }
            Matcher em = EDGE_PATH.matcher(e.path());
            if (em.matches() && Integer.parseInt(em.group(1)) < edges.size()) {
                EdgeDef edge = edges.get(Integer.parseInt(em.group(1)));
                if (edge.source() != null && nodes.stream().anyMatch(n -> edge.source().equals(n.id()))) {
                    byNode.computeIfAbsent(edge.source(), k -> new ArrayList<>()).add(e.message());
                    continue;
                }
            }
            general.add(e.message());
        }
        return new Problems(byNode, general);
    }

    /** The graph for the client; {@code select}: node ids to select once drawn (after adding or pasting). */
    ObjectNode view(AppDefinition def, Problems problems, int revision, List<String> select) {
        ObjectNode graph = JSON.objectNode();
        graph.put("rev", revision);
        ArrayNode nodes = graph.putArray("nodes");
        // React Flow wants a parent before the nodes inside it
        for (boolean inside : new boolean[] {false, true}) {
            for (NodeDef n : def.graph().nodes()) {
                if (n != null && n.id() != null && (n.parentId() != null && !n.parentId().isBlank()) == inside) {
                    nodes.add(node(n, problems.byNode().getOrDefault(n.id(), List.of())));
                }
            }
        }
        ArrayNode edges = graph.putArray("edges");
        for (EdgeDef e : def.graph().edges()) {
            if (e == null || e.source() == null || e.target() == null) {
                continue;
            }
            ObjectNode edge = edges.addObject();
            edge.put("id", e.id() == null ? e.source() + "-" + e.handle() + "-" + e.target() : e.id());
            edge.put("source", e.source());
            edge.put("sourceHandle", e.handle());
            edge.put("target", e.target());
            edge.put("targetHandle", "target");
            if (NodeSettings.FAIL_BRANCH.equals(e.handle())) {
                edge.put("className", "weft-edge-fail");
            }
        }
        ArrayNode selected = graph.putArray("select");
        select.forEach(selected::add);
        ObjectNode viewport = viewport(def);
        if (viewport != null) {
            graph.set("viewport", viewport);
        }
        return graph;
    }

    /**
     * Where the canvas was last panned and zoomed to, or null when the draft has none worth restoring: missing,
     * malformed, or the {@code {x: 0, y: 0, zoom: 1}} that templates and converted apps carry (such graphs open fitted
     * to the view instead).
     */
    static ObjectNode viewport(AppDefinition def) {
        Map<String, Object> v = def.graph().viewport();
        if (v == null || !(v.get("x") instanceof Number x) || !(v.get("y") instanceof Number y) || !(v.get("zoom") instanceof Number zoom)) {
            return null;
        }
        double z = zoom.doubleValue();
        if (!Double.isFinite(x.doubleValue()) || !Double.isFinite(y.doubleValue()) || !(z > 0) || !Double.isFinite(z)
                || x.doubleValue() == 0 && y.doubleValue() == 0 && z == 1) {
            return null;
        }
        return JSON.objectNode().put("x", x.doubleValue()).put("y", y.doubleValue()).put("zoom", z);
    }

    private ObjectNode node(NodeDef n, List<String> errors) {
        ObjectNode out = JSON.objectNode();
        String type = n.nodeType() == null ? "" : n.nodeType();
        out.put("id", n.id());
        NodeDef.Position p = n.position() == null ? new NodeDef.Position(0, 0) : n.position();
        out.putObject("position").put("x", p.x()).put("y", p.y());
        if (n.parentId() != null && !n.parentId().isBlank()) {
            out.put("parentId", n.parentId());
            out.put("extent", "parent");
        }
        ObjectNode data = JSON.objectNode();
        data.put("kind", type);
        data.put("title", n.title());
        if ("custom-note".equals(n.type())) {
            out.put("type", "weft-note");
            size(out, NOTE_WIDTH, NOTE_HEIGHT);
            out.putArray("handles");
            data.put("text", text(n.data(), "text"));
            out.set("data", data);
            return out;
        }
        if ("iteration-start".equals(type)) {
            out.put("type", "weft-iteration-start");
            out.put("draggable", false);
            out.put("selectable", false);
            out.put("deletable", false);
            size(out, ITERATION_START_SIZE, ITERATION_START_SIZE);
            handle(out.putArray("handles"), "source", "source", "right", ITERATION_START_SIZE - HANDLE / 2,
                    ITERATION_START_SIZE / 2 - HANDLE / 2);
            data.put("source", true);
            out.set("data", data);
            return out;
        }
        boolean iteration = "iteration".equals(type);
        out.put("type", iteration ? "weft-iteration" : "weft");
        if (iteration) {
            out.putObject("style").put("width", number(n.extra().get("width"), 420)).put("height", number(n.extra().get("height"), 200));
            size(out, number(n.extra().get("width"), 420), number(n.extra().get("height"), 200));
            out.put("zIndex", -1);
        }
        if (!GraphEdits.deletable(n)) {
            out.put("deletable", false);
        }
        data.put("label", catalog.label(type));
        String summary = summary(n.data(), type);
        if (!summary.isBlank()) {
            data.put("sub", summary);
        }
        data.put("target", !"start".equals(type));
        data.put("source", !"end".equals(type) && !"answer".equals(type) || hasFailBranch(n));
        ArrayNode branches = data.putArray("branches");
        for (Branch b : branches(n, type)) {
            branches.addObject().put("id", b.id()).put("label", b.label()).put("kind", b.kind());
        }
        ArrayNode problems = data.putArray("errors");
        errors.forEach(problems::add);
        out.set("data", data);
        if (iteration) {
            iterationHandles(out, data);
        } else {
            expectedGeometry(out, data, errors.isEmpty());
        }
        return out;
    }

    /*
     * Where a node's handles are expected before the browser has measured the node (frontend/weft-canvas.css:
     * a 240 px card, 2 px border, 10 px padding, a 22 px head, a 20 px summary line, 26 px per branch row, 10 px
     * handles centred on the left and right edges). React Flow uses them to draw a big graph's nodes in view only
     * and its edges from the first frame; the browser's measurement replaces them a moment later.
     */
    private static final double HANDLE = 10;
    private static final double HEAD_TOP = 12;
    private static final double HEAD = 22;
    private static final double SUB = 20;
    private static final double PROBLEM = 21;

    private static void expectedGeometry(ObjectNode node, ObjectNode data, boolean noProblems) {
        boolean sub = data.hasNonNull("sub");
        JsonNode branches = data.path("branches");
        double branchesTop = HEAD_TOP + HEAD + (sub ? SUB : 0);
        double height = branchesTop + BRANCH_HEIGHT * branches.size() + (noProblems ? 0 : PROBLEM) + HEAD_TOP;
        size(node, NODE_WIDTH, height);
        ArrayNode handles = node.putArray("handles");
        if (data.path("target").asBoolean()) {
            handle(handles, "target", "target", "left", -HANDLE / 2, height / 2 - HANDLE / 2);
        }
        if (branches.isEmpty() && data.path("source").asBoolean()) {
            handle(handles, "source", "source", "right", NODE_WIDTH - HANDLE / 2, height / 2 - HANDLE / 2);
        }
        int i = 0;
        for (JsonNode b : branches) {
            double centre = branchesTop + BRANCH_HEIGHT * i++ + BRANCH_HEIGHT / 2 + 3;
            handle(handles, b.path("id").asString(), "source", "right", NODE_WIDTH - HANDLE / 2, centre - HANDLE / 2);
        }
    }

    private static void iterationHandles(ObjectNode node, ObjectNode data) {
        double width = node.path("initialWidth").asDouble();
        double height = node.path("initialHeight").asDouble();
        ArrayNode handles = node.putArray("handles");
        handle(handles, "target", "target", "left", -HANDLE / 2, height / 2 - HANDLE / 2);
        JsonNode branches = data.path("branches");
        if (branches.isEmpty()) {
            handle(handles, "source", "source", "right", width - HANDLE / 2, height / 2 - HANDLE / 2);
        }
        int i = 0;
        for (JsonNode b : branches) {
            handle(handles, b.path("id").asString(), "source", "right", width - HANDLE / 2, 24 + 20 * i++ - HANDLE / 2);
        }
    }

    private static void handle(ArrayNode handles, String id, String type, String position, double x, double y) {
        handles.addObject().put("id", id).put("type", type).put("position", position).put("x", x).put("y", y)
                .put("width", HANDLE).put("height", HANDLE);
    }

    /**
     * The size a node is expected to have until the browser has measured it. With it React Flow draws a big graph's
     * nodes in view only, from the first frame; without it every node counts as in view until measured, so all of
     * them are drawn and measured once and most are taken away again.
     */
    private static void size(ObjectNode node, double width, double height) {
        node.put("initialWidth", width);
        node.put("initialHeight", height);
    }

    private static boolean hasFailBranch(NodeDef n) {
        return NodeSettings.FAIL_BRANCH.equals(text(n.data(), "error_strategy"));
    }

    /** The handles drawn as labelled rows; empty when the node has only the plain {@code source} handle. */
    List<Branch> branches(NodeDef n, String type) {
        List<String> handles = inspector.sourceHandles(n);
        if (handles.size() == 1 && handles.getFirst().equals(EdgeDef.DEFAULT_HANDLE)) {
            return List.of();
        }
        List<Branch> out = new ArrayList<>();
        Map<String, String> classLabels = new LinkedHashMap<>();
        if ("question-classifier".equals(type) && n.data().get("classes") instanceof ArrayNode classes) {
            int i = 1;
            for (JsonNode c : classes) {
                String name = text(c, "label").isBlank() ? text(c, "name") : text(c, "label");
                classLabels.put(text(c, "id"), "CLASS " + i++ + (name.isBlank() ? "" : " · " + abbreviate(name, 28)));
            }
        }
        int caseIndex = 0;
        for (String h : handles) {
            if ("if-else".equals(type)) {
                if (h.equals("false")) {
                    out.add(new Branch(h, "ELSE", "else"));
                } else if (h.equals(NodeSettings.FAIL_BRANCH)) {
                    out.add(new Branch(h, "FAIL", "fail"));
                } else if (!h.equals(EdgeDef.DEFAULT_HANDLE)) {
                    out.add(new Branch(h, caseIndex++ == 0 ? "IF" : "ELIF", "case"));
                }
            } else if (classLabels.containsKey(h)) {
                out.add(new Branch(h, classLabels.get(h), "case"));
            } else if (h.equals(NodeSettings.FAIL_BRANCH)) {
                out.add(new Branch(h, "FAIL", "fail"));
            } else if (h.equals(EdgeDef.DEFAULT_HANDLE)) {
                out.add(new Branch(h, "SUCCESS", "success"));
            } else {
                out.add(new Branch(h, h, "case"));
            }
        }
        return out;
    }

    /** The drawn height of a node, for the layout. */
    double height(NodeDef n) {
        if ("iteration".equals(n.nodeType())) {
            return number(n.extra().get("height"), 200);
        }
        if ("iteration-start".equals(n.nodeType())) {
            return 44;
        }
        return NODE_HEIGHT + BRANCH_HEIGHT * branches(n, n.nodeType() == null ? "" : n.nodeType()).size();
    }

    private static String summary(ObjectNode data, String type) {
        return switch (type) {
            case "llm", "question-classifier", "parameter-extractor" -> {
                String model = text(data.path("model"), "name");
                yield model.isBlank() ? "No model chosen" : model;
            }
            case "knowledge-retrieval" -> {
                int n = data.path("dataset_ids").size();
                yield n == 0 ? "No knowledge base chosen" : n + (n == 1 ? " knowledge base" : " knowledge bases");
            }
            case "http-request" -> {
                String url = text(data, "url");
                yield text(data, "method").toUpperCase(java.util.Locale.ROOT) + " " + (url.isBlank() ? "(no URL)" : abbreviate(url, 36));
            }
            case "answer" -> abbreviate(text(data, "answer"), 40);
            case "start" -> {
                int n = data.path("variables").size();
                yield n == 0 ? "" : n + (n == 1 ? " input" : " inputs");
            }
            case "end" -> {
                int n = data.path("outputs").size();
                yield n == 0 ? "No outputs yet" : n + (n == 1 ? " output" : " outputs");
            }
            case "template-transform" -> abbreviate(text(data, "template"), 40);
            default -> "";
        };
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? "" : v.asString();
    }

    private static double number(Object value, double fallback) {
        return value instanceof Number n ? n.doubleValue() : fallback;
    }

    private static String abbreviate(String s, int max) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }
}
