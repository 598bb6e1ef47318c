package dev.weft.ui.designer.panel;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.textfield.NumberField;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Knowledge retrieval: the query, the knowledge bases to search, how many passages to keep, how hits are ranked
 * (a rerank model, or hybrid search with semantic and keyword weights that add up to 1) and metadata filters
 * (conditions written by hand with Dify's operators, or derived from the query by a model). Stored as Dify writes
 * them under {@code multiple_retrieval_config} ({@code reranking_enable}, {@code reranking_mode},
 * {@code reranking_model}, {@code weights}) and {@code metadata_filtering_mode},
 * {@code metadata_filtering_conditions}, {@code metadata_model_config}.
 */
final class KnowledgeRetrievalPanel extends NodePanel {

    static final Map<String, String> OPERATORS = options("contains", "contains", "not contains", "does not contain",
            "start with", "starts with", "end with", "ends with", "is", "is", "is not", "is not", "empty", "is empty",
            "not empty", "is not empty", "in", "is one of (comma-separated)", "not in", "is none of (comma-separated)",
            "=", "=", "≠", "≠", ">", ">", "<", "<", "≥", "≥", "≤", "≤", "before", "before (date)", "after", "after (date)");
    private static final String M = "multiple_retrieval_config";

    KnowledgeRetrievalPanel(String nodeId, ObjectNode data, PanelContext ctx) {
        super(nodeId, data, ctx);
    }

    @Override
    protected void build() {
        add(selector("Query", "query_variable_selector", ctx.variables()));
        add(datasets());
        add(section("Retrieval"));
        add(integer("Top K", M + ".top_k", 1, 50),
                number("Score threshold", M + ".score_threshold", 0.0, 1.0, 0.05));
        ranking();
        metadataFilter();
        add(hint("Feed the result into an LLM node's context: turn on Use context there and pick this node's result."));
    }

    private MultiSelectComboBox<PanelContext.Choice> datasets() {
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
        return datasets;
    }

    /** Rerank model, hybrid weights, or neither (the knowledge bases' own search settings). */
    private void ranking() {
        String mode = "weighted_score".equals(str(M + ".reranking_mode")) ? "weighted_score"
                : at(M + ".reranking_enable") != null && at(M + ".reranking_enable").asBoolean(false) ? "reranking_model" : "none";
        var ranking = choice("Ranking", M + ".reranking_mode", options("none", "The knowledge bases' own settings",
                "reranking_model", "Rerank model", "weighted_score", "Hybrid: semantic and keyword weights"), false);
        ranking.setValue(mode);
        ranking.addValueChangeListener(e -> {
            if (!e.isFromClient() || e.getValue() == null) {
                return;
            }
            // choice() stored the value; "none" is no reranking at all, the others need their settings
            switch (e.getValue()) {
                case "none" -> {
                    set(M + ".reranking_mode", null);
                    set(M + ".reranking_enable", JSON.booleanNode(false));
                }
                case "reranking_model" -> set(M + ".reranking_enable", JSON.booleanNode(true));
                default -> {
                    set(M + ".reranking_enable", JSON.booleanNode(true));
                    if (at(M + ".weights.vector_setting.vector_weight") == null) {
                        weights(0.7);
                    }
                }
            }
            changedAndRedraw();
        });
        add(ranking);
        if ("reranking_model".equals(mode)) {
            add(rerankProvider(), text("Rerank model", M + ".reranking_model.model"));
            add(hint("A provider that serves POST /rerank (Cohere or Jina style), such as an OpenAI-compatible one."));
        } else if ("weighted_score".equals(mode)) {
            add(semanticWeight());
        }
    }

    private ComboBox<PanelContext.Choice> rerankProvider() {
        ComboBox<PanelContext.Choice> provider = new ComboBox<>("Rerank provider");
        provider.setWidthFull();
        provider.setItems(ctx.providers());
        provider.setItemLabelGenerator(PanelContext.Choice::label);
        String current = str(M + ".reranking_model.provider");
        ctx.providers().stream().filter(p -> p.value().equals(current)).findFirst().ifPresent(provider::setValue);
        if (ctx.providers().isEmpty()) {
            provider.setHelperText("No model provider yet: add one under Model providers, then choose it here.");
        }
        provider.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                set(M + ".reranking_model.provider", JSON.stringNode(e.getValue().value()));
                changed();
            }
        });
        return provider;
    }

    /** One number: the semantic weight; the keyword weight is what is left to 1. */
    private NumberField semanticWeight() {
        NumberField semantic = new NumberField("Semantic weight (keyword weight is 1 minus this)");
        semantic.setWidthFull();
        semantic.setMin(0);
        semantic.setMax(1);
        semantic.setStep(0.1);
        semantic.setStepButtonsVisible(true);
        JsonNode v = at(M + ".weights.vector_setting.vector_weight");
        semantic.setValue(v == null ? 0.7 : v.asDouble());
        semantic.setHelperText(String.format(java.util.Locale.ROOT, "Keyword weight: %.2f",
                1 - semantic.getValue()));
        semantic.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                double w = Math.max(0, Math.min(1, e.getValue()));
                weights(w);
                semantic.setHelperText(String.format(java.util.Locale.ROOT, "Keyword weight: %.2f", 1 - w));
                changed();
            }
        });
        return semantic;
    }

    private void weights(double semantic) {
        double s = Math.round(semantic * 100) / 100.0;
        set(M + ".reranking_mode", JSON.stringNode("weighted_score"));
        set(M + ".weights.vector_setting.vector_weight", JSON.numberNode(s));
        set(M + ".weights.keyword_setting.keyword_weight", JSON.numberNode(Math.round((1 - s) * 100) / 100.0));
    }

    private void metadataFilter() {
        add(section("Metadata filter"));
        String mode = str("metadata_filtering_mode");
        var choice = choice("Metadata filtering", "metadata_filtering_mode", options("disabled", "Off", "manual",
                "Conditions I write", "automatic", "Derived from the query by a model"), true);
        if (mode.isBlank()) {
            choice.setValue("disabled");
        }
        add(choice);
        if ("manual".equals(mode)) {
            manualConditions();
        } else if ("automatic".equals(mode)) {
            add(hint("A model reads the query and the knowledge bases' metadata fields and writes the conditions."));
            modelPicker("metadata_model_config");
        }
    }

    private void manualConditions() {
        String base = "metadata_filtering_conditions";
        if (str(base + ".logical_operator").isBlank()) {
            set(base + ".logical_operator", JSON.stringNode("and"));
        }
        add(choice("Match", base + ".logical_operator", options("and", "All conditions (and)", "or", "Any condition (or)"), false));
        ArrayNode conditions = array(base + ".conditions");
        for (int i = 0; i < conditions.size(); i++) {
            String c = base + ".conditions[" + i + "]";
            String op = str(c + ".comparison_operator");
            boolean needsValue = !"empty".equals(op) && !"not empty".equals(op);
            var operator = choice("Operator of condition " + (i + 1), c + ".comparison_operator", OPERATORS, true);
            add(row(text("Field of condition " + (i + 1), c + ".name"), operator));
            if (needsValue) {
                add(row(text("Value of condition " + (i + 1), c + ".value"), removeButton("condition " + (i + 1), base + ".conditions", i)));
            } else {
                add(row(hint("No value needed"), removeButton("condition " + (i + 1), base + ".conditions", i)));
            }
        }
        add(addButton("Add condition", () -> conditions.addObject().put("name", "").put("comparison_operator", "is").put("value", "")));
        add(hint("Field: a metadata key of the documents (such as document_name, or one set on the documents). "
                + "In and not in take values separated by commas."));
    }
}
