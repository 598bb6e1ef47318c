package dev.weft.model.gateway;

/** Where the gateway finds a call's policy and workspace. */
public interface PolicySource {

    /** The policy of the scope's workspace overridden by its app's, then by the node's; every field set. */
    GatewayPolicy effective(CallScope scope);

    /** The scope with its workspace filled in from its app, when it has none. */
    default CallScope withWorkspace(CallScope scope) {
        return scope;
    }

    /** Only the node's policy over the defaults: for tests and for calls outside any app. */
    PolicySource NODE_ONLY = scope -> scope.nodePolicy().complete();
}
