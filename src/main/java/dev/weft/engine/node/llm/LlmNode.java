package dev.weft.engine.node.llm;

import dev.weft.engine.node.NodeContext;
import dev.weft.engine.node.NodeExecutionException;
import dev.weft.engine.node.NodeExecutor;
import dev.weft.engine.node.NodeResult;
import dev.weft.engine.variable.Selector;
import dev.weft.engine.variable.VariableTemplate;
import dev.weft.model.ChatModelResolver;
import dev.weft.model.ChatResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The {@code llm} node: assembles the prompt, streams the model's answer (each delta goes out at once as a
 * chunk of {@code text}) and returns {@code text}, {@code usage}, {@code finish_reason} and, when structured
 * output is on, {@code structured_output} parsed from the reply.
 */
@Component
public class LlmNode implements NodeExecutor<LlmConfig> {

    public static final String TYPE = "llm";

    private static final Set<String> ROLES = Set.of("system", "user", "assistant");

    private final ModelCaller models;
    private final PromptAssembler prompts = new PromptAssembler();

    public LlmNode(ChatModelResolver resolver) {
        this.models = new ModelCaller(resolver, "LLM");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<LlmConfig> configType() {
        return LlmConfig.class;
    }

    @Override
    public NodeResult execute(LlmConfig config, NodeContext context) {
        PromptAssembler.Assembled prompt = prompts.assemble(config, context);
        if (prompt.messages().isEmpty()) {
            throw new NodeExecutionException("LLMNodeError", "the prompt is empty: every prompt message rendered to empty text");
        }
        Map<String, Object> schema = config.structuredOutputOn() ? schemaOf(config) : null;
        ChatResponse response = models.call(config.model(), prompt.messages(), schema, context, delta -> context.streamChunk("text", delta));

        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("text", response.text());
        outputs.put("usage", ModelCaller.usageMap(response));
        outputs.put("finish_reason", response.finishReason());
        if (schema != null) {
            outputs.put("structured_output", StructuredOutputParser.parse(response.text()));
        }
        Map<String, Object> processData = new LinkedHashMap<>();
        processData.put("model_mode", config.model().completionMode() ? "completion" : "chat");
        processData.put("model_provider", config.model().provider());
        processData.put("model_name", config.model().name());
        processData.put("prompts", ModelCaller.promptsForTrace(prompt.messages()));
        processData.put("usage", ModelCaller.usageMap(response));
        processData.put("finish_reason", response.finishReason());
        if (config.contextOn()) {
            List<Map<String, Object>> resources =
                    RetrieverResources.of(context.resolve(config.context().variableSelector()).orElse(null));
            if (!resources.isEmpty()) {
                processData.put(RetrieverResources.KEY, resources);
            }
        }
        return new NodeResult(prompt.inputs(), processData, outputs, null, ModelCaller.summary(response));
    }

    @Override
    public List<Selector> inputSelectors(LlmConfig config) {
        Set<Selector> selectors = new LinkedHashSet<>();
        for (PromptMessage m : config.promptTemplate()) {
            if (!m.jinja2()) {
                selectors.addAll(VariableTemplate.references(m.text()));
            }
        }
        if (config.contextOn()) {
            selectors.add(new Selector(config.context().variableSelector()));
        }
        for (LlmConfig.Jinja2Variable v : config.jinja2Variables()) {
            if (v.valueSelector() != null && v.valueSelector().size() >= 2) {
                selectors.add(new Selector(v.valueSelector()));
            }
        }
        if (config.memory() != null) {
            selectors.addAll(VariableTemplate.references(config.memory().queryTemplate()));
        }
        return List.copyOf(selectors);
    }

    @Override
    public List<String> outputNames(LlmConfig config) {
        return config.structuredOutputOn()
                ? List.of("text", "usage", "finish_reason", "structured_output")
                : List.of("text", "usage", "finish_reason");
    }

    @Override
    public List<ConfigProblem> validate(LlmConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (config.model() == null || config.model().provider() == null || config.model().provider().isBlank()) {
            problems.add(new ConfigProblem("model.provider", "choose a model provider"));
        }
        if (config.model() != null) {
            try {
                config.model().gatewayPolicy();
            } catch (dev.weft.model.gateway.GatewayPolicyException e) {
                problems.add(new ConfigProblem(e.field(), e.getMessage()));
            }
        }
        if (config.promptTemplate().isEmpty()) {
            problems.add(new ConfigProblem("prompt_template", "write at least one prompt message"));
        }
        for (int i = 0; i < config.promptTemplate().size(); i++) {
            PromptMessage m = config.promptTemplate().get(i);
            if (m.role() != null && !ROLES.contains(m.role())) {
                problems.add(new ConfigProblem("prompt_template[" + i + "].role",
                        "unknown role '" + m.role() + "'; use system, user or assistant"));
            }
            if (m.jinja2() && (m.jinja2Text() == null || m.jinja2Text().isBlank()) && (m.text() == null || m.text().isBlank())) {
                problems.add(new ConfigProblem("prompt_template[" + i + "].jinja2_text", "the Jinja2 prompt is empty"));
            }
        }
        if (config.context() != null && config.context().enabled() && !config.contextOn()) {
            problems.add(new ConfigProblem("context.variable_selector", "context is on but no variable is chosen"));
        }
        if (config.structuredOutputOn() && (config.structuredOutput() == null || config.structuredOutput().schema() == null)) {
            problems.add(new ConfigProblem("structured_output.schema", "structured output is on but has no JSON schema"));
        }
        return problems;
    }

    private static Map<String, Object> schemaOf(LlmConfig config) {
        if (config.structuredOutput() == null || config.structuredOutput().schema() == null) {
            throw new NodeExecutionException(StructuredOutputParser.ERROR_TYPE, "structured output is on but has no JSON schema");
        }
        return config.structuredOutput().schema();
    }
}
