package dev.weft.ui.designer.panel;

import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Knowledge retrieval: the query, the knowledge bases to search and how many passages to keep. */
final class KnowledgeRetrievalPanel extends NodePanel {

    KnowledgeRetrievalPanel(String nodeId, ObjectNode data, PanelContext ctx) {
        super(nodeId, data, ctx);
    }

    @Override
    protected void build() {
        add(selector("Query", "query_variable_selector", ctx.variables()));
        MultiSelectComboBox<PanelContext.Choice> datasets = new MultiSelectComboBox<>("Knowledge bases");
        datasets.setWidthFull();
        datasets.setItems(ctx.datasets());
        datasets.setItemLabelGenerator(PanelContext.Choice::label);
        List<String> ids = selectorAt("dataset_ids");
        Set<PanelContext.Choice> chosen = new LinkedHashSet<>();
        ctx.datasets().stream().filter(d -> ids.contains(d.value())).forEach(chosen::add);
        datasets.setValue(chosen);
        if (ctx.datasets().isEmpty()) {
            datasets.setHelperText("No knowledge base yet: create one under Knowledge and upload documents, then pick it here.");
        }
        datasets.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                ArrayNode a = JSON.arrayNode();
                e.getValue().forEach(d -> a.add(d.value()));
                set("dataset_ids", a);
                changed();
            }
        });
        add(datasets);
        add(section("Retrieval"));
        add(integer("Top K", "multiple_retrieval_config.top_k", 1, 50),
                number("Score threshold", "multiple_retrieval_config.score_threshold", 0.0, 1.0, 0.05));
        add(hint("Feed the result into an LLM node's context: turn on Use context there and pick this node's result."));
    }
}
