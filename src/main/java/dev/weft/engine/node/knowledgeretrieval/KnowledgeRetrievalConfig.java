package dev.weft.engine.node.knowledgeretrieval;

import dev.weft.engine.node.llm.ModelConfig;
import java.util.List;

/**
 * The {@code data} of a {@code knowledge-retrieval} node, as Dify writes it. {@code retrieval_mode} {@code multiple}
 * searches every dataset and ranks the hits together; {@code single} (Dify's "an LLM picks one dataset") is run the
 * same way over the chosen datasets. {@code metadata_filtering_mode} {@code manual} applies the conditions;
 * {@code automatic} has the model in {@code metadata_model_config} derive them from the query
 * ({@link AutomaticMetadataFilter}).
 */
public record KnowledgeRetrievalConfig(
        List<String> queryVariableSelector,
        List<String> datasetIds,
        String retrievalMode,
        MultipleRetrievalConfig multipleRetrievalConfig,
        String metadataFilteringMode,
        MetadataFilteringConditions metadataFilteringConditions,
        ModelConfig metadataModelConfig) {

    public KnowledgeRetrievalConfig {
        datasetIds = datasetIds == null ? List.of() : datasetIds;
    }

    public record MultipleRetrievalConfig(
            Integer topK,
            Double scoreThreshold,
            Boolean rerankingEnable,
            String rerankingMode,
            RerankingModel rerankingModel,
            Weights weights) {}

    public record RerankingModel(String provider, String model) {}

    public record Weights(VectorSetting vectorSetting, KeywordSetting keywordSetting) {}

    public record VectorSetting(Double vectorWeight) {}

    public record KeywordSetting(Double keywordWeight) {}

    public record MetadataFilteringConditions(String logicalOperator, List<Condition> conditions) {}

    public record Condition(String name, String comparisonOperator, Object value) {}
}
