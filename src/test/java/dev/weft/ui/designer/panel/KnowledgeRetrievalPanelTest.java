package dev.weft.ui.designer.panel;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import dev.weft.app.definition.AppMode;
import dev.weft.engine.graph.NodeRegistry;
import dev.weft.engine.node.knowledgeretrieval.KnowledgeRetrievalConfig;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The knowledge retrieval panel stores rerank, hybrid weights and metadata filters where the engine reads them. */
class KnowledgeRetrievalPanelTest {

    private static ObjectNode retrieval() {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("type", "knowledge-retrieval").put("title", "Knowledge");
        data.putArray("query_variable_selector").add("sys").add("query");
        data.putArray("dataset_ids").add("ds1");
        data.put("retrieval_mode", "multiple");
        data.putObject("multiple_retrieval_config").put("top_k", 4).put("reranking_enable", false);
        return data;
    }

    private static KnowledgeRetrievalConfig config(ObjectNode data) {
        return NodeRegistry.CONFIG_MAPPER.treeToValue(data, KnowledgeRetrievalConfig.class);
    }

    @Test
    void rerank_model_is_saved_with_its_provider() {
        PanelDriver d = new PanelDriver(AppMode.ADVANCED_CHAT, retrieval());
        assertThat(d.has("Rerank model")).isFalse();
        d.enter(Select.class, "Ranking", "reranking_model");
        @SuppressWarnings("unchecked")
        ComboBox<PanelContext.Choice> provider = d.field(ComboBox.class, "Rerank provider");
        PanelDriver.enter(provider, PanelDriver.PROVIDERS.get(1));
        d.enter(TextField.class, "Rerank model", "jina-reranker-v2");

        KnowledgeRetrievalConfig.MultipleRetrievalConfig m = config(d.saved()).multipleRetrievalConfig();
        assertThat(m.rerankingEnable()).isTrue();
        assertThat(m.rerankingMode()).isEqualTo("reranking_model");
        assertThat(m.rerankingModel()).isEqualTo(new KnowledgeRetrievalConfig.RerankingModel("Rerankers", "jina-reranker-v2"));

        d.enter(Select.class, "Ranking", "none");
        m = config(d.saved()).multipleRetrievalConfig();
        assertThat(m.rerankingEnable()).isFalse();
        assertThat(m.rerankingMode()).isNull();
        assertThat(d.has("Rerank model")).isFalse();
    }

    @Test
    void hybrid_weights_add_up_to_one() {
        PanelDriver d = new PanelDriver(AppMode.ADVANCED_CHAT, retrieval());
        d.enter(Select.class, "Ranking", "weighted_score");
        KnowledgeRetrievalConfig.Weights w = config(d.saved()).multipleRetrievalConfig().weights();
        assertThat(w.vectorSetting().vectorWeight()).isEqualTo(0.7);
        assertThat(w.keywordSetting().keywordWeight()).isEqualTo(0.3);
        d.enter(NumberField.class, "Semantic weight (keyword weight is 1 minus this)", 0.25);
        KnowledgeRetrievalConfig.MultipleRetrievalConfig m = config(d.saved()).multipleRetrievalConfig();
        assertThat(m.rerankingMode()).isEqualTo("weighted_score");
        assertThat(m.weights().vectorSetting().vectorWeight()).isEqualTo(0.25);
        assertThat(m.weights().keywordSetting().keywordWeight()).isEqualTo(0.75);
        assertThat(d.field(NumberField.class, "Semantic weight (keyword weight is 1 minus this)").getHelperText())
                .isEqualTo("Keyword weight: 0.75");
    }

    @Test
    void manual_metadata_conditions_use_difys_operators() {
        PanelDriver d = new PanelDriver(AppMode.WORKFLOW, retrieval());
        d.enter(Select.class, "Metadata filtering", "manual");
        d.click("Add condition");
        d.enter(TextField.class, "Field of condition 1", "year");
        d.enter(Select.class, "Operator of condition 1", "≥");
        d.enter(TextField.class, "Value of condition 1", "2023");
        d.click("Add condition");
        d.enter(TextField.class, "Field of condition 2", "author");
        d.enter(Select.class, "Operator of condition 2", "not empty");
        assertThat(d.has("Value of condition 2")).isFalse();
        d.enter(Select.class, "Match", "or");

        KnowledgeRetrievalConfig c = config(d.saved());
        assertThat(c.metadataFilteringMode()).isEqualTo("manual");
        assertThat(c.metadataFilteringConditions().logicalOperator()).isEqualTo("or");
        assertThat(c.metadataFilteringConditions().conditions()).extracting(KnowledgeRetrievalConfig.Condition::name,
                KnowledgeRetrievalConfig.Condition::comparisonOperator).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("year", "≥"), org.assertj.core.groups.Tuple.tuple("author", "not empty"));
        assertThat(c.metadataFilteringConditions().conditions().getFirst().value()).isEqualTo("2023");
        assertThat(KnowledgeRetrievalPanel.OPERATORS.keySet()).containsExactlyInAnyOrder("contains", "not contains", "start with",
                "end with", "is", "is not", "empty", "not empty", "in", "not in", "=", "≠", ">", "<", "≥", "≤", "before", "after");
    }

    @Test
    void automatic_metadata_filtering_saves_its_model() {
        PanelDriver d = new PanelDriver(AppMode.WORKFLOW, retrieval());
        d.enter(Select.class, "Metadata filtering", "automatic");
        @SuppressWarnings("unchecked")
        ComboBox<PanelContext.Choice> provider = d.field(ComboBox.class, "Model provider");
        PanelDriver.enter(provider, PanelDriver.PROVIDERS.getFirst());
        KnowledgeRetrievalConfig c = config(d.saved());
        assertThat(c.metadataFilteringMode()).isEqualTo("automatic");
        assertThat(c.metadataModelConfig().provider()).isEqualTo("Fake AI");
        assertThat(c.metadataModelConfig().name()).isEqualTo("gpt-fake");
        assertThat(c.metadataModelConfig().mode()).isEqualTo("chat");
    }
}
