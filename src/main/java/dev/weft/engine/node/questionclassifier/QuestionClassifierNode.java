package dev.weft.engine.node.questionclassifier;

import dev.weft.engine.node.NodeContext;
import dev.weft.engine.node.NodeExecutionException;
import dev.weft.engine.node.NodeExecutor;
import dev.weft.engine.node.NodeKind;
import dev.weft.engine.node.NodeResult;
import dev.weft.engine.node.llm.ModelCaller;
import dev.weft.engine.variable.Selector;
import dev.weft.engine.variable.Values;
import dev.weft.model.ChatMessage;
import dev.weft.model.ChatModelResolver;
import dev.weft.model.ChatResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The {@code question-classifier} node: asks the model (blocking) which class the query belongs to and takes
 * the edges whose handle is that class's id. When the reply names no class the first class is taken, and the
 * trace says so.
 */
@Component
public class QuestionClassifierNode implements NodeExecutor<QuestionClassifierConfig> {

    public static final String TYPE = "question-classifier";

    private final ModelCaller models;

    public QuestionClassifierNode(ChatModelResolver resolver) {
        this.models = new ModelCaller(resolver, "question classifier");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<QuestionClassifierConfig> configType() {
        return QuestionClassifierConfig.class;
    }

    @Override
    public NodeKind kind() {
        return NodeKind.BRANCH;
    }

    @Override
    public NodeResult execute(QuestionClassifierConfig config, NodeContext context) {
        if (config.classes().isEmpty()) {
            throw new NodeExecutionException("QuestionClassifierError", "the classifier has no classes");
        }
        String query = Values.toText(context.resolve(config.queryVariableSelector()).orElse(null));
        String instruction = config.instruction() == null ? "" : context.render(config.instruction());
        List<ChatMessage> messages = ClassifierPrompt.build(config.classes(), instruction, query,
                config.memory() == null ? List.of() : config.memory().select(context.history()));
        ChatResponse response = models.call(config.model(), messages, null, context, null);
        ClassificationParser.Choice choice = ClassificationParser.choose(response.text(), config.classes());

        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("class_name", choice.chosen().name());
        outputs.put("class_id", choice.chosen().id());
        outputs.put("class_label", choice.chosen().label());
        outputs.put("usage", ModelCaller.usageMap(response));
        Map<String, Object> processData = new LinkedHashMap<>();
        processData.put("model_provider", config.model().provider());
        processData.put("model_name", config.model().name());
        processData.put("prompts", ModelCaller.promptsForTrace(messages));
        processData.put("reply", response.text());
        processData.put("chosen_by", choice.foundBy());
        if (choice.fallback()) {
            processData.put("note", "the model's reply named none of the classes; took the first class '" + choice.chosen().name() + "'");
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("query", query);
        return new NodeResult(inputs, processData, outputs, choice.chosen().id(), ModelCaller.summary(response));
    }

    @Override
    public List<Selector> inputSelectors(QuestionClassifierConfig config) {
        return config.queryVariableSelector() == null || config.queryVariableSelector().size() < 2
                ? List.of() : List.of(new Selector(config.queryVariableSelector()));
    }

    @Override
    public List<String> outputNames(QuestionClassifierConfig config) {
        return List.of("class_name", "class_id", "class_label", "usage");
    }

    @Override
    public List<String> branchHandles(QuestionClassifierConfig config) {
        return config.classes().stream().map(QuestionClassifierConfig.ClassDef::id).filter(Objects::nonNull).toList();
    }

    @Override
    public List<ConfigProblem> validate(QuestionClassifierConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (config.model() == null || config.model().provider() == null || config.model().provider().isBlank()) {
            problems.add(new ConfigProblem("model.provider", "choose a model provider"));
        }
        if (config.queryVariableSelector() == null || config.queryVariableSelector().size() < 2) {
            problems.add(new ConfigProblem("query_variable_selector", "choose the variable to classify"));
        }
        if (config.classes().isEmpty()) {
            problems.add(new ConfigProblem("classes", "add at least one class"));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < config.classes().size(); i++) {
            QuestionClassifierConfig.ClassDef c = config.classes().get(i);
            if (c.id() == null || c.id().isBlank()) {
                problems.add(new ConfigProblem("classes[" + i + "].id", "the class needs an id"));
            } else if (!ids.add(c.id())) {
                problems.add(new ConfigProblem("classes[" + i + "].id", "the class id '" + c.id() + "' is used twice"));
            }
            if (c.name() == null || c.name().isBlank()) {
                problems.add(new ConfigProblem("classes[" + i + "].name", "describe the class"));
            }
        }
        return problems;
    }
}
