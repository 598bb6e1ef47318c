package dev.weft.app.definition;

import java.util.List;
import java.util.stream.Collectors;

/** An app definition or DSL file that cannot be used, with every problem found in it. */
public class DefinitionException extends RuntimeException {

    private final transient List<ValidationError> errors;

    public DefinitionException(List<ValidationError> errors) {
        this(describe(errors), errors);
    }

    public DefinitionException(String message, List<ValidationError> errors) {
        super(message);
        if (errors == null || errors.isEmpty()) {
            throw new IllegalArgumentException("a DefinitionException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public List<ValidationError> errors() {
        return errors;
    }

    private static String describe(List<ValidationError> errors) {
        if (errors == null || errors.isEmpty()) {
            return "invalid app definition";
        }
        String list = errors.stream().map(ValidationError::toString).collect(Collectors.joining("; "));
        return errors.size() == 1 ? "invalid app definition: " + list
                : "invalid app definition (" + errors.size() + " problems): " + list;
    }
}
