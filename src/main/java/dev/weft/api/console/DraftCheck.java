package dev.weft.api.console;

import dev.weft.app.App;
import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.DefinitionException;
import dev.weft.app.definition.DefinitionParser;
import dev.weft.app.definition.ValidationError;
import dev.weft.engine.graph.GraphValidator;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Checks a definition sent for an app's draft: the JSON itself ({@link DefinitionParser}), its mode
 * against the app's, and the graph ({@link GraphValidator}). Reports every problem with its JSON path.
 */
@Component
class DraftCheck {

    /** The parsed definition (null when the JSON could not be read) and every problem found. */
    record Result(AppDefinition definition, List<ValidationError> errors) {

        boolean valid() {
            return errors.isEmpty();
        }
    }

    private final DefinitionParser parser;
    private final GraphValidator validator;

    DraftCheck(DefinitionParser parser, GraphValidator validator) {
        this.parser = parser;
        this.validator = validator;
    }

    Result check(App app, String json) {
        AppDefinition definition;
        try {
            definition = parser.parse(json);
        } catch (DefinitionException e) {
            return new Result(null, e.errors());
        }
        return check(app, definition);
    }

    Result check(App app, AppDefinition definition) {
        List<ValidationError> errors = new ArrayList<>();
        if (definition.mode() != null && definition.mode() != app.getMode()) {
            errors.add(new ValidationError("$.mode", "the definition is for a " + definition.mode().value()
                    + " app, but app '" + app.getName() + "' is a " + app.getMode().value() + " app"));
        }
        errors.addAll(validator.validate(definition));
        return new Result(definition, errors);
    }
}
