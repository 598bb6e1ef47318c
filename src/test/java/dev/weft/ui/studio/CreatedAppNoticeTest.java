package dev.weft.ui.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.AppMode;
import dev.weft.app.definition.GraphDef;
import dev.weft.app.definition.NodeDef;
import dev.weft.app.definition.ValidationError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/** The "before it can run" lines name the node by its title, say how to fix it, and say each thing once. */
class CreatedAppNoticeTest {

    @Test
    void problems_name_their_node_and_the_fix_once_each() {
        AppDefinition draft = new AppDefinition(null, AppMode.ADVANCED_CHAT, new GraphDef(List.of(
                node("start", "Start"), node("kr", "Search the help center"), node("llm", "Answer")), List.of(), null),
                List.of(), List.of(), Map.of());

        List<String> fixes = CreatedAppNotice.fixes(List.of(
                new ValidationError("$.graph.nodes[1].data.dataset_ids", "choose at least one knowledge base"),
                new ValidationError("$.graph.nodes[2].data.model.provider", "choose a model provider"),
                new ValidationError("$.graph.nodes[2].data.model.provider", "choose a model provider"),
                new ValidationError("$.graph.edges[0]", "the edge points nowhere")), draft);

        assertThat(fixes).containsExactly(
                "Search the help center: choose at least one knowledge base (create one under Knowledge)",
                "Answer: choose a model provider (add one under Model providers, or set a default chat model there)",
                "the edge points nowhere");
    }

    @Test
    void file_names_are_slugs_of_the_app_name() {
        assertThat(DslExportDialog.fileName("Support bot (copy)")).isEqualTo("support-bot-copy.yml");
        assertThat(DslExportDialog.fileName("Übersetzer 2")).isEqualTo("übersetzer-2.yml");
        assertThat(DslExportDialog.fileName("???")).isEqualTo("app.yml");
    }

    private static NodeDef node(String id, String title) {
        return new NodeDef(id, new NodeDef.Position(0, 0), JsonNodeFactory.instance.objectNode().put("type", "x").put("title", title));
    }
}
