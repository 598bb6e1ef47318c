package dev.weft.model.gateway;

/** Where a stored gateway policy applies. A node's policy is not stored here: it lives in the node's config. */
public enum PolicyScope {
    WORKSPACE,
    APP
}
