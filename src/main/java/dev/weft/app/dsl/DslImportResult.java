package dev.weft.app.dsl;

import dev.weft.app.definition.AppDefinition;
import java.util.List;

/**
 * An imported Dify DSL file: the app's name, description and icon, its definition, and warnings about
 * what was converted or left out (for example a legacy chat app turned into a graph).
 */
public record DslImportResult(String name, String description, String icon, AppDefinition definition, List<String> warnings) {

    public DslImportResult {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
