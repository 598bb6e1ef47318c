package dev.weft.engine.node.ifelse;

import dev.weft.engine.node.NodeContext;
import dev.weft.engine.node.NodeExecutionException;
import dev.weft.engine.node.NodeExecutor;
import dev.weft.engine.node.NodeKind;
import dev.weft.engine.node.NodeResult;
import dev.weft.engine.variable.Selector;
import dev.weft.engine.variable.VariableTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code if-else}: takes the branch of the first case whose conditions hold, else {@code false}. Outputs
 * {@code result} and {@code selected_case_id} as Dify does.
 */
@Component
public class IfElseNode implements NodeExecutor<IfElseConfig> {

    @Override
    public String type() {
        return "if-else";
    }

    @Override
    public Class<IfElseConfig> configType() {
        return IfElseConfig.class;
    }

    @Override
    public NodeKind kind() {
        return NodeKind.BRANCH;
    }

    @Override
    public boolean runsInline() {
        return true;
    }

    @Override
    public NodeResult execute(IfElseConfig config, NodeContext ctx) {
        List<Map<String, Object>> evaluated = new ArrayList<>();
        List<Map<String, Object>> caseResults = new ArrayList<>();
        String selected = null;
        for (IfElseConfig.Case c : config.effectiveCases()) {
            ConditionEvaluator.GroupResult group;
            try {
                group = ConditionEvaluator.evaluate(c.conditions(), c.logicalOperator(), ctx);
            } catch (IllegalArgumentException e) {
                throw new NodeExecutionException("IfElseConditionError", "case " + c.caseId() + ": " + e.getMessage(), e);
            }
            evaluated.addAll(group.evaluated());
            caseResults.add(NodeResult.map("case_id", c.caseId(), "result", group.result()));
            if (group.result()) {
                selected = c.caseId();
                break;
            }
        }
        String handle = selected == null ? IfElseConfig.ELSE_HANDLE : selected;
        return new NodeResult(
                Map.of("conditions", evaluated),
                Map.of("condition_results", caseResults),
                NodeResult.map("result", selected != null, "selected_case_id", handle),
                handle,
                null);
    }

    @Override
    public List<Selector> inputSelectors(IfElseConfig config) {
        List<Selector> selectors = new ArrayList<>();
        for (IfElseConfig.Case c : config.effectiveCases()) {
            for (Condition condition : c.conditions()) {
                if (condition.variableSelector() != null && condition.variableSelector().size() >= 2) {
                    selectors.add(new Selector(condition.variableSelector()));
                }
                if (condition.value() instanceof String s) {
                    selectors.addAll(VariableTemplate.references(s));
                }
            }
        }
        return selectors;
    }

    @Override
    public List<String> outputNames(IfElseConfig config) {
        return List.of("result", "selected_case_id");
    }

    @Override
    public List<String> branchHandles(IfElseConfig config) {
        List<String> handles = new ArrayList<>();
        config.effectiveCases().forEach(c -> handles.add(c.caseId()));
        handles.add(IfElseConfig.ELSE_HANDLE);
        return handles;
    }

    @Override
    public List<ConfigProblem> validate(IfElseConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<IfElseConfig.Case> cases = config.effectiveCases();
        if (cases.isEmpty()) {
            problems.add(new ConfigProblem("cases", "an IF/ELSE node needs at least one case"));
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            IfElseConfig.Case c = cases.get(i);
            String base = config.cases() == null || config.cases().isEmpty() ? "" : "cases[" + i + "].";
            if (c.caseId() == null || c.caseId().isBlank()) {
                problems.add(new ConfigProblem(base + "case_id", "case " + (i + 1) + " has no case_id"));
            } else if (seen.put(c.caseId(), i) != null || IfElseConfig.ELSE_HANDLE.equals(c.caseId()) && !base.isEmpty()) {
                problems.add(new ConfigProblem(base + "case_id", "case id '" + c.caseId() + "' is used twice or is reserved"));
            }
            if (c.logicalOperator() != null && !List.of("and", "or").contains(c.logicalOperator())) {
                problems.add(new ConfigProblem(base + "logical_operator", "logical_operator must be 'and' or 'or', got '" + c.logicalOperator() + "'"));
            }
            for (int j = 0; j < c.conditions().size(); j++) {
                Condition cond = c.conditions().get(j);
                String field = base + "conditions[" + j + "]";
                if (cond.variableSelector() == null || cond.variableSelector().size() < 2) {
                    problems.add(new ConfigProblem(field + ".variable_selector", "choose the variable to compare"));
                }
                if (cond.comparisonOperator() == null || !ConditionEvaluator.OPERATORS.contains(cond.comparisonOperator())) {
                    problems.add(new ConfigProblem(field + ".comparison_operator", "unknown operator '" + cond.comparisonOperator() + "'"));
                }
            }
        }
        return problems;
    }
}
