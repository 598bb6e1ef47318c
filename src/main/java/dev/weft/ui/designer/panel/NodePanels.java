package dev.weft.ui.designer.panel;

import tools.jackson.databind.node.ObjectNode;

/** The side panel for a node of a given type. */
public final class NodePanels {

    private NodePanels() {}

    public static NodePanel create(String nodeId, ObjectNode data, PanelContext ctx) {
        String type = data.path("type").asString("");
        NodePanel panel = switch (type) {
            case "start" -> new StartPanel(nodeId, data, ctx);
            case "answer" -> new AnswerPanel(nodeId, data, ctx);
            case "end" -> new EndPanel(nodeId, data, ctx);
            case "llm" -> new LlmPanel(nodeId, data, ctx);
            case "knowledge-retrieval" -> new KnowledgeRetrievalPanel(nodeId, data, ctx);
            case "question-classifier" -> new QuestionClassifierPanel(nodeId, data, ctx);
            case "if-else" -> new IfElsePanel(nodeId, data, ctx);
            case "iteration" -> new IterationPanel(nodeId, data, ctx);
            case "template-transform" -> new TemplateTransformPanel(nodeId, data, ctx);
            case "http-request" -> new HttpRequestPanel(nodeId, data, ctx);
            case "variable-aggregator", "variable-assigner" -> new VariableAggregatorPanel(nodeId, data, ctx);
            case "assigner" -> new AssignerPanel(nodeId, data, ctx);
            case "parameter-extractor" -> new ParameterExtractorPanel(nodeId, data, ctx);
            case "document-extractor" -> new DocumentExtractorPanel(nodeId, data, ctx);
            case "list-operator" -> new ListOperatorPanel(nodeId, data, ctx);
            default -> new RawDataPanel(nodeId, data, ctx);
        };
        panel.redraw();
        return panel;
    }
}
