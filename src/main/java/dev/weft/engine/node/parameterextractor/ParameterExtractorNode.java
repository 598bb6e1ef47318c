package dev.weft.engine.node.parameterextractor;

import dev.weft.engine.node.NodeContext;
import dev.weft.engine.node.NodeExecutor;
import dev.weft.engine.node.NodeResult;
import dev.weft.engine.node.llm.JsonReplies;
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
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The {@code parameter-extractor} node: asks the model (blocking) for the parameters as a JSON object and
 * coerces each to its type. Outputs every parameter, {@code __is_success} (1 or 0) and {@code __reason} (why
 * extraction failed: no JSON, a required parameter missing, a value of the wrong type). Parameters that were
 * not extracted get Dify's defaults (0, false, "", []).
 */
@Component
public class ParameterExtractorNode implements NodeExecutor<ParameterExtractorConfig> {

    public static final String TYPE = "parameter-extractor";

    private final ModelCaller models;

    public ParameterExtractorNode(ChatModelResolver resolver) {
        this.models = new ModelCaller(resolver, "parameter extractor");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<ParameterExtractorConfig> configType() {
        return ParameterExtractorConfig.class;
    }

    @Override
    public NodeResult execute(ParameterExtractorConfig config, NodeContext context) {
        String query = Values.toText(context.resolve(config.query()).orElse(null));
        String instruction = config.instruction() == null ? "" : context.render(config.instruction());
        List<ChatMessage> messages = ExtractionPrompt.build(config.parameters(), instruction, query,
                config.memory() == null ? List.of() : config.memory().select(context.history()));
        ChatResponse response = models.call(config.model(), messages, null, context, null);

        Optional<Map<String, Object>> extracted = JsonReplies.findObject(response.text());
        List<String> problems = new ArrayList<>();
        Map<String, Object> outputs = new LinkedHashMap<>();
        for (ParameterExtractorConfig.ParameterDef p : config.parameters()) {
            ParameterType type = ParameterType.of(p.type()).orElse(ParameterType.STRING);
            Object raw = extracted.map(m -> m.get(p.name())).orElse(null);
            if (raw == null || (raw instanceof String s && s.isBlank())) {
                if (p.required() && extracted.isPresent()) {
                    problems.add("missing required parameter '" + p.name() + "'");
                }
                outputs.put(p.name(), ParameterCoercer.defaultValue(type));
                continue;
            }
            ParameterCoercer.Coerced coerced = ParameterCoercer.coerce(type, p.options(), raw);
            if (coerced.failed()) {
                problems.add("parameter '" + p.name() + "': " + coerced.problem());
                outputs.put(p.name(), ParameterCoercer.defaultValue(type));
            } else {
                outputs.put(p.name(), coerced.value());
            }
        }
        if (extracted.isEmpty()) {
            problems.add(0, "the model's reply held no JSON object: " + abbreviate(response.text()));
        }
        outputs.put("__is_success", problems.isEmpty() ? 1 : 0);
        outputs.put("__reason", problems.isEmpty() ? null : String.join("; ", problems));
        outputs.put("__usage", ModelCaller.usageMap(response));

        Map<String, Object> processData = new LinkedHashMap<>();
        processData.put("model_provider", config.model().provider());
        processData.put("model_name", config.model().name());
        processData.put("reasoning_mode", config.reasoningMode() == null ? "prompt" : config.reasoningMode());
        processData.put("prompts", ModelCaller.promptsForTrace(messages));
        processData.put("reply", response.text());
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("query", query);
        return new NodeResult(inputs, processData, outputs, null, ModelCaller.summary(response));
    }

    @Override
    public List<Selector> inputSelectors(ParameterExtractorConfig config) {
        return config.query() == null || config.query().size() < 2 ? List.of() : List.of(new Selector(config.query()));
    }

    @Override
    public List<String> outputNames(ParameterExtractorConfig config) {
        List<String> names = new ArrayList<>(config.parameters().stream().map(ParameterExtractorConfig.ParameterDef::name).toList());
        names.addAll(List.of("__is_success", "__reason", "__usage"));
        return names;
    }

    @Override
    public List<ConfigProblem> validate(ParameterExtractorConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (config.model() == null || config.model().provider() == null || config.model().provider().isBlank()) {
            problems.add(new ConfigProblem("model.provider", "choose a model provider"));
        }
        if (config.query() == null || config.query().size() < 2) {
            problems.add(new ConfigProblem("query", "choose the variable to extract from"));
        }
        if (config.parameters().isEmpty()) {
            problems.add(new ConfigProblem("parameters", "add at least one parameter"));
        }
        if (config.reasoningMode() != null && !Set.of("function_call", "prompt").contains(config.reasoningMode())) {
            problems.add(new ConfigProblem("reasoning_mode", "unknown reasoning mode '" + config.reasoningMode() + "'; use function_call or prompt"));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < config.parameters().size(); i++) {
            ParameterExtractorConfig.ParameterDef p = config.parameters().get(i);
            if (p.name() == null || !p.name().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                problems.add(new ConfigProblem("parameters[" + i + "].name", "a parameter name is letters, digits and _, not starting with a digit"));
            } else if (p.name().startsWith("__")) {
                problems.add(new ConfigProblem("parameters[" + i + "].name", "names starting with __ are reserved"));
            } else if (!names.add(p.name())) {
                problems.add(new ConfigProblem("parameters[" + i + "].name", "the name '" + p.name() + "' is used twice"));
            }
            if (ParameterType.of(p.type()).isEmpty()) {
                problems.add(new ConfigProblem("parameters[" + i + "].type", "unknown type '" + p.type() + "'; use one of " + ParameterType.NAMES));
            }
            if ("select".equals(p.type()) && p.options().isEmpty()) {
                problems.add(new ConfigProblem("parameters[" + i + "].options", "a select parameter needs options"));
            }
        }
        return problems;
    }

    private static String abbreviate(String text) {
        String t = text == null ? "" : text.strip();
        return t.isEmpty() ? "(empty reply)" : t.length() <= 200 ? t : t.substring(0, 200) + "...";
    }
}
