package dev.weft.engine.graph;

import dev.weft.engine.node.NodeContext;
import dev.weft.engine.node.NodeExecutor;
import dev.weft.engine.node.NodeKind;
import dev.weft.engine.node.NodeResult;
import dev.weft.engine.variable.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Test-only node types with plausible configs, outputs and branches, so graph checks can be tested
 * without the real executors: start, llm, if-else, answer, end, template-transform, variable-aggregator,
 * question-classifier, iteration and iteration-start. None of them runs.
 */
public final class TestNodes {

    private TestNodes() {}

    /** A registry holding every test node type. */
    public static NodeRegistry registry() {
        return new NodeRegistry(List.of(START, LLM, IF_ELSE, ANSWER, END, TEMPLATE, AGGREGATOR, CLASSIFIER, ITERATION, ITERATION_START));
    }

    /** A node executor built from functions; {@link #execute} is never called by validation. */
    public record TestExecutor<C>(
            String type,
            Class<C> configType,
            NodeKind kind,
            Function<C, List<Selector>> inputs,
            Function<C, List<String>> outputs,
            Function<C, List<String>> branches,
            Function<C, List<ConfigProblem>> problems) implements NodeExecutor<C> {

        @Override
        public NodeResult execute(C config, NodeContext context) {
            throw new UnsupportedOperationException("test node '" + type + "' does not run");
        }

        @Override
        public List<Selector> inputSelectors(C config) {
            return inputs.apply(config);
        }

        @Override
        public List<String> outputNames(C config) {
            return outputs.apply(config);
        }

        @Override
        public List<String> branchHandles(C config) {
            return branches.apply(config);
        }

        @Override
        public List<ConfigProblem> validate(C config) {
            return problems.apply(config);
        }
    }

    private static <C> TestExecutor<C> node(String type, Class<C> config, NodeKind kind, Function<C, List<Selector>> inputs,
            Function<C, List<String>> outputs) {
        return new TestExecutor<>(type, config, kind, inputs, outputs, c -> List.of(), c -> List.of());
    }

    static List<Selector> selectors(List<List<String>> paths) {
        return paths == null ? List.of() : paths.stream().filter(p -> p != null && !p.isEmpty()).map(Selector::new).toList();
    }

    // start
    public record StartConfig(List<StartVariable> variables) {}

    public record StartVariable(String variable, String label, String type, Boolean required) {}

    static final TestExecutor<StartConfig> START = node("start", StartConfig.class, NodeKind.ROOT, c -> List.of(),
            c -> c.variables() == null ? List.of() : c.variables().stream().map(StartVariable::variable).toList());

    // llm
    public record LlmConfig(Model model, List<PromptMessage> promptTemplate, Context context) {}

    public record Model(String provider, String name, String mode, Map<String, Object> completionParams) {}

    public record PromptMessage(String role, String text) {}

    public record Context(boolean enabled, List<String> variableSelector) {}

    static final TestExecutor<LlmConfig> LLM = new TestExecutor<>("llm", LlmConfig.class, NodeKind.EXECUTABLE,
            c -> c.context() != null && c.context().enabled() ? selectors(List.of(c.context().variableSelector())) : List.of(),
            c -> List.of("text", "reasoning_content", "usage"),
            c -> List.of(),
            c -> {
                List<NodeExecutor.ConfigProblem> problems = new ArrayList<>();
                if (c.model() == null) {
                    problems.add(new NodeExecutor.ConfigProblem("model", "model is required"));
                } else if (c.model().name() == null || c.model().name().isBlank()) {
                    problems.add(new NodeExecutor.ConfigProblem("model.name", "model name is required"));
                }
                return problems;
            });

    // if-else
    public record IfElseConfig(List<Case> cases) {}

    public record Case(String caseId, String logicalOperator, List<Condition> conditions) {}

    public record Condition(List<String> variableSelector, String comparisonOperator, Object value) {}

    static final TestExecutor<IfElseConfig> IF_ELSE = new TestExecutor<>("if-else", IfElseConfig.class, NodeKind.BRANCH,
            c -> selectors(c.cases() == null ? List.of() : c.cases().stream()
                    .flatMap(k -> k.conditions() == null ? java.util.stream.Stream.empty() : k.conditions().stream())
                    .map(Condition::variableSelector).toList()),
            c -> List.of(),
            c -> {
                List<String> handles = new ArrayList<>();
                if (c.cases() != null) {
                    c.cases().forEach(k -> handles.add(k.caseId()));
                }
                handles.add("false");
                return handles;
            },
            c -> c.cases() == null || c.cases().isEmpty()
                    ? List.of(new NodeExecutor.ConfigProblem("cases", "an if-else node needs at least one case"))
                    : List.of());

    // question-classifier
    public record ClassifierConfig(List<String> queryVariableSelector, List<ClassDef> classes) {}

    public record ClassDef(String id, String name) {}

    static final TestExecutor<ClassifierConfig> CLASSIFIER = new TestExecutor<>("question-classifier", ClassifierConfig.class,
            NodeKind.BRANCH, c -> selectors(List.of(c.queryVariableSelector())), c -> List.of("class_name", "usage"),
            c -> c.classes() == null ? List.of() : c.classes().stream().map(ClassDef::id).toList(), c -> List.of());

    // answer
    public record AnswerConfig(String answer) {}

    static final TestExecutor<AnswerConfig> ANSWER = node("answer", AnswerConfig.class, NodeKind.RESPONSE, c -> List.of(),
            c -> List.of("answer"));

    // end
    public record EndConfig(List<Output> outputs) {}

    public record Output(String variable, List<String> valueSelector) {}

    static final TestExecutor<EndConfig> END = node("end", EndConfig.class, NodeKind.RESPONSE,
            c -> selectors(c.outputs() == null ? List.of() : c.outputs().stream().map(Output::valueSelector).toList()),
            c -> List.of());

    // template-transform
    public record TemplateConfig(List<Output> variables, String template) {}

    static final TestExecutor<TemplateConfig> TEMPLATE = node("template-transform", TemplateConfig.class, NodeKind.EXECUTABLE,
            c -> selectors(c.variables() == null ? List.of() : c.variables().stream().map(Output::valueSelector).toList()),
            c -> List.of("output"));

    // variable-aggregator
    public record AggregatorConfig(List<List<String>> variables, String outputType) {}

    static final TestExecutor<AggregatorConfig> AGGREGATOR = node("variable-aggregator", AggregatorConfig.class,
            NodeKind.EXECUTABLE, c -> selectors(c.variables()), c -> List.of("output"));

    // iteration
    public record IterationConfig(List<String> iteratorSelector, List<String> outputSelector, String startNodeId) {}

    static final TestExecutor<IterationConfig> ITERATION = node("iteration", IterationConfig.class, NodeKind.CONTAINER,
            c -> selectors(List.of(c.iteratorSelector() == null ? List.of() : c.iteratorSelector())), c -> List.of("output"));

    public record Empty() {}

    static final TestExecutor<Empty> ITERATION_START = node("iteration-start", Empty.class, NodeKind.ROOT, c -> List.of(),
            c -> List.of());
}
