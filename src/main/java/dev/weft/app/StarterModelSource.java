package dev.weft.app;

/**
 * Picks the model a new app of a workspace starts with, so a fresh chat app answers without further setup.
 * Returns {@link StarterModel#NONE} when the workspace has no model provider.
 */
@FunctionalInterface
public interface StarterModelSource {

    StarterModel forWorkspace(String workspaceId);
}
