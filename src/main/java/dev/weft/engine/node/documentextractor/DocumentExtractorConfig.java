package dev.weft.engine.node.documentextractor;

import java.util.List;

/** The {@code data} of a {@code document-extractor} node: {@code variable_selector}, a file or a list of files. */
public record DocumentExtractorConfig(List<String> variableSelector, Boolean isArrayFile) {}
