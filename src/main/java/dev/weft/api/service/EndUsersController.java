package dev.weft.api.service;

import dev.weft.app.App;
import dev.weft.publish.auth.ServiceCaller;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/end-users/{end_user_id}} (dify-reference §3.8): an end user of the caller's app by the id the
 * workflow log shows ({@link EndUserIds}). Weft keeps no end-user table: an end user is known by what it left
 * (conversations, runs, uploads, feedback), its {@code created_at} is its first trace and {@code updated_at} its
 * last; one that left nothing is 404 {@code end_user_not_found}.
 */
@RestController
class EndUsersController {

    private static final String TRACES = """
            SELECT u, MIN(t) AS first_seen, MAX(t) AS last_seen FROM (
              SELECT end_user_id AS u, created_at AS t FROM conversation WHERE app_id = ?
              UNION ALL SELECT end_user_id, updated_at FROM conversation WHERE app_id = ?
              UNION ALL SELECT created_by, created_at FROM workflow_run WHERE app_id = ? AND created_by_role = 'end_user'
              UNION ALL SELECT created_by, created_at FROM upload_file WHERE app_id = ?
              UNION ALL SELECT end_user_id, created_at FROM message_feedback WHERE app_id = ?
            ) traces WHERE u IS NOT NULL GROUP BY u""";

    private final ServiceApps apps;
    private final JdbcTemplate jdbc;

    EndUsersController(ServiceApps apps, JdbcTemplate jdbc) {
        this.apps = apps;
        this.jdbc = jdbc;
    }

    @GetMapping("/v1/end-users/{endUserId}")
    Map<String, Object> get(@AuthenticationPrincipal ServiceCaller caller, @PathVariable String endUserId) {
        App app = apps.app(caller);
        String a = app.getId();
        Map<String, Object> found = jdbc.query(TRACES, rs -> {
            while (rs.next()) {
                String user = rs.getString("u");
                if (EndUserIds.idOf(a, user).equals(endUserId)) {
                    return view(app, EndUserIds.of(a, user), rs.getObject("first_seen", OffsetDateTime.class),
                            rs.getObject("last_seen", OffsetDateTime.class));
                }
            }
            return null;
        }, a, a, a, a, a);
        if (found == null) {
            throw new ServiceApiException(404, "end_user_not_found", "End user not found.");
        }
        return found;
    }

    private static Map<String, Object> view(App app, EndUserIds user, OffsetDateTime firstSeen, OffsetDateTime lastSeen) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", user.id());
        m.put("tenant_id", app.getWorkspaceId());
        m.put("app_id", app.getId());
        m.put("type", user.type());
        m.put("external_user_id", null);
        m.put("name", null);
        m.put("is_anonymous", user.anonymous());
        m.put("session_id", user.sessionId());
        m.put("created_at", firstSeen.toInstant().getEpochSecond());
        m.put("updated_at", lastSeen.toInstant().getEpochSecond());
        return m;
    }
}
