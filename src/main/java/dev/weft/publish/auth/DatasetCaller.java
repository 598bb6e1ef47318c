package dev.weft.publish.auth;

/**
 * Who calls the Knowledge API: the workspace whose dataset key was presented, that key, and the account that created
 * the key (null when that account is gone).
 */
public record DatasetCaller(String workspaceId, String keyId, String keyCreatedBy) {}
