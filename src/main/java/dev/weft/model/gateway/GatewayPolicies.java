package dev.weft.model.gateway;

import dev.weft.app.App;
import dev.weft.app.AppRepository;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The stored gateway policies of workspaces and apps, and the effective policy of a call: the defaults,
 * overridden by the workspace's policy, then the app's, then the node's. Stored policies are read once and
 * kept in memory until changed through this class.
 */
@Component
public class GatewayPolicies implements PolicySource {

    private final GatewayPolicySettingRepository settings;
    private final AppRepository apps;
    private final TransactionTemplate transaction;
    private final Map<GatewayPolicySetting.Key, GatewayPolicy> stored = new ConcurrentHashMap<>();
    private final Map<String, String> workspaceOfApp = new ConcurrentHashMap<>();

    GatewayPolicies(GatewayPolicySettingRepository settings, AppRepository apps, TransactionTemplate transaction) {
        this.settings = settings;
        this.apps = apps;
        this.transaction = transaction;
    }

    /** The stored policy of a workspace or an app ({@link GatewayPolicy#EMPTY} when none). */
    public GatewayPolicy stored(PolicyScope scope, String id) {
        if (id == null) {
            return GatewayPolicy.EMPTY;
        }
        return stored.computeIfAbsent(new GatewayPolicySetting.Key(scope, id), k -> settings.findById(k)
                .map(s -> GatewayPolicyParser.parse(s.getPolicyJson(), scope == PolicyScope.WORKSPACE ? "workspace gateway" : "app gateway"))
                .orElse(GatewayPolicy.EMPTY));
    }

    /** The stored policy as JSON, "{}" when none. */
    public String storedJson(PolicyScope scope, String id) {
        return GatewayPolicyParser.toJson(stored(scope, id));
    }

    /**
     * Validates and stores a policy written as JSON ({@link GatewayPolicyParser}); blank or "{}" removes it.
     * Throws {@link GatewayPolicyException} naming the wrong field.
     */
    public GatewayPolicy save(PolicyScope scope, String id, String json) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a gateway policy needs the id of its " + scope.name().toLowerCase());
        }
        GatewayPolicy policy = GatewayPolicyParser.parse(json, "gateway");
        GatewayPolicySetting.Key key = new GatewayPolicySetting.Key(scope, id);
        transaction.executeWithoutResult(s -> {
            if (policy.isEmpty()) {
                settings.deleteById(key);
                return;
            }
            GatewayPolicySetting row = settings.findById(key).orElseGet(() -> new GatewayPolicySetting(scope, id));
            row.setPolicyJson(GatewayPolicyParser.toJson(policy));
            settings.save(row);
        });
        stored.remove(key);
        return policy;
    }

    @Override
    public GatewayPolicy effective(CallScope scope) {
        return GatewayPolicy.DEFAULTS
                .overriddenBy(stored(PolicyScope.WORKSPACE, scope.workspaceId()))
                .overriddenBy(stored(PolicyScope.APP, scope.appId()))
                .overriddenBy(scope.nodePolicy());
    }

    @Override
    public CallScope withWorkspace(CallScope scope) {
        if (scope.workspaceId() != null || scope.appId() == null) {
            return scope;
        }
        String ws = workspaceOfApp.get(scope.appId());
        if (ws == null) {
            Optional<String> found = apps.findById(scope.appId()).map(App::getWorkspaceId);
            if (found.isEmpty()) {
                return scope;
            }
            ws = found.get();
            workspaceOfApp.put(scope.appId(), ws);
        }
        return scope.withWorkspace(ws);
    }
}
