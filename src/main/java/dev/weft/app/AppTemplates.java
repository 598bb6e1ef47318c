package dev.weft.app;

import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.AppMode;
import dev.weft.app.definition.DefinitionParser;
import dev.weft.app.definition.NodeDef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The app templates of the Studio's "Create from template". Each is a complete graph with real prompts; creating an
 * app from one fills in the workspace's chat model on every node that calls a model and the chosen knowledge bases
 * on every knowledge-retrieval node.
 */
@Component
public class AppTemplates {

    private static final Set<String> MODEL_NODES = Set.of("llm", "question-classifier", "parameter-extractor");

    private static final List<AppTemplate> ALL = List.of(
            new AppTemplate("support-chatbot", "Support chatbot",
                    "Answers customer questions from your help-center knowledge base and says when it does not know.",
                    AppMode.ADVANCED_CHAT, true),
            new AppTemplate("document-qa", "Document Q&A",
                    "Paste a contract, report or manual and ask questions; answers quote the document.",
                    AppMode.WORKFLOW, false),
            new AppTemplate("summariser", "Summariser",
                    "Summarises any text as one sentence, a short paragraph or five bullet points.",
                    AppMode.WORKFLOW, false),
            new AppTemplate("translation-workflow", "Translation workflow",
                    "Translates, then a second model pass reviews and polishes the translation.",
                    AppMode.WORKFLOW, false),
            new AppTemplate("classifier-router", "Classifier router",
                    "Sorts each message into billing, technical or other and routes it to a specialised agent.",
                    AppMode.ADVANCED_CHAT, false));

    private final DefinitionParser parser;
    private final Map<String, String> sources = new ConcurrentHashMap<>();

    public AppTemplates(DefinitionParser parser) {
        this.parser = parser;
    }

    public List<AppTemplate> list() {
        return ALL;
    }

    public Optional<AppTemplate> find(String id) {
        return ALL.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /**
     * The template's definition with {@code model} on every model-calling node and {@code datasetIds} on every
     * knowledge-retrieval node.
     *
     * @throws IllegalArgumentException for an unknown template id
     */
    public AppDefinition definition(String templateId, StarterModel model, List<String> datasetIds) {
        AppTemplate template = find(templateId).orElseThrow(() -> new IllegalArgumentException(
                "unknown template '" + templateId + "'; choose one of " + ALL.stream().map(AppTemplate::id).toList()));
        AppDefinition definition = parser.parse(source(template.id()));
        StarterModel m = model == null ? StarterModel.NONE : model;
        for (NodeDef node : definition.graph().nodes()) {
            String type = node.nodeType();
            if (MODEL_NODES.contains(type)) {
                ObjectNode modelData = node.data().has("model") && node.data().get("model") instanceof ObjectNode o
                        ? o : node.data().putObject("model");
                modelData.put("provider", m.provider()).put("name", m.name());
            } else if ("knowledge-retrieval".equals(type)) {
                ArrayNode ids = node.data().putArray("dataset_ids");
                (datasetIds == null ? List.<String>of() : datasetIds).forEach(ids::add);
            }
        }
        return definition;
    }

    private String source(String id) {
        return sources.computeIfAbsent(id, key -> {
            try {
                return new ClassPathResource("app-templates/" + key + ".json").getContentAsString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("the app template '" + key + "' is missing from the build", e);
            }
        });
    }
}
