package dev.weft.model.gateway;

/**
 * Who makes a model call, for the gateway's policies and budgets: the workspace (null: looked up from the app),
 * the app, the app API key the run was started with (null for console and web-app runs) and the calling node's
 * own policy ({@link GatewayPolicy#EMPTY} when it has none).
 */
public record CallScope(String workspaceId, String appId, String apiKeyId, GatewayPolicy nodePolicy) {

    /** A call with no app behind it (connection tests, tools): only the defaults apply. */
    public static final CallScope NONE = new CallScope(null, null, null, GatewayPolicy.EMPTY);

    public CallScope {
        nodePolicy = nodePolicy == null ? GatewayPolicy.EMPTY : nodePolicy;
    }

    public CallScope withWorkspace(String id) {
        return new CallScope(id, appId, apiKeyId, nodePolicy);
    }
}
