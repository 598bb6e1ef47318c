package dev.weft.engine.node.templatetransform;

import java.util.List;

/** The {@code data} of a {@code template-transform} node: named {@code variables} and a Jinja2 {@code template}. */
public record TemplateTransformConfig(List<Variable> variables, String template) {

    public TemplateTransformConfig {
        variables = variables == null ? List.of() : variables;
    }

    /** A template variable {@code variable} read from {@code value_selector}. */
    public record Variable(String variable, List<String> valueSelector) {}
}
