package dev.weft.app;

import dev.weft.app.definition.AppMode;

/**
 * A ready-made app to start from: what it is called and does, its mode, and whether it searches a knowledge base
 * (then creating it asks which ones). The graph is a Dify-style definition in {@code app-templates/<id>.json}.
 */
public record AppTemplate(String id, String name, String description, AppMode mode, boolean usesKnowledge) {}
