package dev.weft.engine.node.knowledgeretrieval;

import java.util.List;

/**
 * The {@code data} of a {@code knowledge-retrieval} node, as Dify writes it. {@code retrieval_mode} {@code multiple}
 * searches every dataset and ranks the hits together; {@code single} (Dify's "an LLM picks one dataset") is run the
 * same way over the chosen datasets. {@code metadata_filtering_mode} {@code manual} applies the conditions;
 * {@code automatic} needs an LLM and is not supported yet (the node says so).
 */
public record KnowledgeRetrievalConfig(
        List<String> queryVariableSelector,
        List<String> datasetIds,
        String retrievalMode,
        MultipleRetrievalConfig multipleRetrievalConfig,
        String metadataFilteringMode,
        MetadataFilteringConditions metadataFilteringConditions) {

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
