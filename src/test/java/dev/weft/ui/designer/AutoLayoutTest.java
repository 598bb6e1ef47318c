package dev.weft.ui.designer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.AppMode;
import dev.weft.app.definition.EdgeDef;
import dev.weft.app.definition.GraphDef;
import dev.weft.app.definition.NodeDef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class AutoLayoutTest {

    private static NodeDef node(String id) {
        return new NodeDef(id, new NodeDef.Position(0, 0), JsonNodeFactory.instance.objectNode().put("type", "template-transform"));
    }

    private static AppDefinition graph(List<NodeDef> nodes, List<EdgeDef> edges) {
        return new AppDefinition(AppDefinition.SCHEMA, AppMode.WORKFLOW, new GraphDef(nodes, edges, null), List.of(), List.of(), Map.of());
    }

    @Test
    void columnsFollowTheLongestPathAndBranchesStackInOneColumn() {
        AppDefinition def = graph(List.of(node("a"), node("b"), node("c"), node("d")), List.of(
                new EdgeDef("a", "source", "b"), new EdgeDef("a", "source", "c"), new EdgeDef("b", "source", "d"),
                new EdgeDef("c", "source", "d"), new EdgeDef("a", "source", "d")));

        Map<String, NodeDef.Position> at = AutoLayout.layout(def, n -> 64);

        assertThat(at.get("a").x()).isLessThan(at.get("b").x());
        assertThat(at.get("b").x()).isEqualTo(at.get("c").x());
        assertThat(at.get("d").x()).isGreaterThan(at.get("b").x());
        assertThat(Math.abs(at.get("b").y() - at.get("c").y())).isGreaterThanOrEqualTo(64 + AutoLayout.ROW_GAP);
        // single nodes sit on the middle line of the tallest column
        assertThat(at.get("a").y()).isEqualTo(at.get("d").y());
    }

    @Test
    void aLoopDoesNotStopTheLayout() {
        AppDefinition def = graph(List.of(node("a"), node("b"), node("c")), List.of(
                new EdgeDef("a", "source", "b"), new EdgeDef("b", "source", "c"), new EdgeDef("c", "source", "b")));

        Map<String, NodeDef.Position> at = AutoLayout.layout(def, n -> 64);

        assertThat(at).containsOnlyKeys("a", "b", "c");
        assertThat(at.get("a").x()).isLessThan(at.get("b").x());
        assertThat(at.get("b").x()).isLessThan(at.get("c").x());
    }
}
