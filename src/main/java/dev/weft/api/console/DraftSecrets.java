package dev.weft.api.console;

import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.DefinitionException;
import dev.weft.app.definition.EnvironmentVariable;
import dev.weft.app.definition.ValidationError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Keeps secret environment values out of the console API: a definition going out has each set secret
 * replaced by {@link #MASK}; a definition coming in whose secret still reads {@link #MASK} keeps the value
 * stored for the variable with the same id (or, without ids, the same name).
 */
final class DraftSecrets {

    static final String MASK = "******";

    private DraftSecrets() {}

    static AppDefinition mask(AppDefinition definition) {
        return definition.withEnvironmentVariables(definition.environmentVariables().stream()
                .map(v -> v.isSecret() && v.value() != null && !v.value().toString().isEmpty() ? v.withValue(MASK) : v)
                .toList());
    }

    /** {@code incoming} with masked secrets given their stored values. @throws DefinitionException for a mask with nothing stored */
    static AppDefinition unmask(AppDefinition incoming, AppDefinition stored) {
        List<EnvironmentVariable> variables = new ArrayList<>();
        List<ValidationError> errors = new ArrayList<>();
        List<EnvironmentVariable> given = incoming.environmentVariables();
        for (int i = 0; i < given.size(); i++) {
            EnvironmentVariable v = given.get(i);
            if (v != null && v.isSecret() && MASK.equals(v.value())) {
                EnvironmentVariable old = storedSecret(v, stored);
                if (old == null) {
                    errors.add(new ValidationError("$.environmentVariables[" + i + "].value", "secret '" + v.name()
                            + "' has no stored value to keep; give its value instead of " + MASK));
                    continue;
                }
                v = v.withValue(old.value());
            }
            variables.add(v);
        }
        if (!errors.isEmpty()) {
            throw new DefinitionException(errors);
        }
        return incoming.withEnvironmentVariables(variables);
    }

    private static EnvironmentVariable storedSecret(EnvironmentVariable v, AppDefinition stored) {
        return stored.environmentVariables().stream()
                .filter(EnvironmentVariable::isSecret)
                .filter(s -> v.id() != null ? v.id().equals(s.id()) : Objects.equals(v.name(), s.name()))
                .filter(s -> s.value() != null && !s.value().toString().isEmpty())
                .findFirst()
                .orElse(null);
    }
}
