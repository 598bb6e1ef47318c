package dev.weft.api.service;

import dev.weft.app.App;
import dev.weft.publish.auth.ServiceCaller;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/workflows/logs} (dify-reference §3.6): a workflow app's run log, newest first, by page, filtered by
 * {@code keyword} (in the inputs, the outputs or the end user's id), {@code status}, creation time and who ran it.
 * Like Dify's log it shows the runs of the published app (Service API, web app, and accounts running a published
 * version), not the designer's draft runs.
 */
@RestController
class WorkflowLogsController {

    private static final String FROM = """
             FROM workflow_run r
             LEFT JOIN app_version v ON v.id = r.app_version_id
             LEFT JOIN account a ON r.created_by_role = 'account' AND a.id = r.created_by
            WHERE r.app_id = ? AND (r.created_by_role = 'end_user' OR v.version > 0)""";

    private final ServiceApps apps;
    private final JdbcTemplate jdbc;

    WorkflowLogsController(ServiceApps apps, JdbcTemplate jdbc) {
        this.apps = apps;
        this.jdbc = jdbc;
    }

    @GetMapping("/v1/workflows/logs")
    Map<String, Object> logs(@AuthenticationPrincipal ServiceCaller caller,
            @RequestParam(required = false) String keyword, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int limit,
            @RequestParam(name = "created_at__before", required = false) String before,
            @RequestParam(name = "created_at__after", required = false) String after,
            @RequestParam(name = "created_by_end_user_session_id", required = false) String endUserSession,
            @RequestParam(name = "created_by_account", required = false) String accountEmail) {
        App app = apps.workflowApp(caller);
        if (page < 1 || page > 99_999) {
            throw ServiceApiException.invalid("page must be between 1 and 99999, got " + page);
        }
        if (limit < 1 || limit > 100) {
            throw ServiceApiException.invalid("limit must be between 1 and 100, got " + limit);
        }
        StringBuilder where = new StringBuilder(FROM);
        List<Object> args = new ArrayList<>(List.of(app.getId()));
        if (present(status)) {
            if (!List.of("succeeded", "failed", "stopped", "partial-succeeded", "running").contains(status)) {
                throw ServiceApiException.invalid("status must be one of succeeded, failed, stopped, partial-succeeded, running; got '" + status + "'");
            }
            where.append(" AND r.status = ?");
            args.add(status);
        }
        if (present(before)) {
            where.append(" AND r.created_at < ?");
            args.add(time("created_at__before", before));
        }
        if (present(after)) {
            where.append(" AND r.created_at > ?");
            args.add(time("created_at__after", after));
        }
        if (present(endUserSession)) {
            where.append(" AND r.created_by_role = 'end_user' AND r.created_by IN (?, ?)");
            args.add(endUserSession);
            args.add(EndUserIds.WEB_PREFIX + endUserSession);
        }
        if (present(accountEmail)) {
            where.append(" AND LOWER(a.email) = ?");
            args.add(accountEmail.strip().toLowerCase(Locale.ROOT));
        }
        if (present(keyword)) {
            String like = "%" + keyword.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where.append(" AND (LOWER(r.inputs) LIKE ? ESCAPE '\\' OR LOWER(r.outputs) LIKE ? ESCAPE '\\'"
                    + " OR LOWER(r.created_by) LIKE ? ESCAPE '\\')");
            args.add(like);
            args.add(like);
            args.add(like);
        }
        Long total = jdbc.queryForObject("SELECT COUNT(*)" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(limit);
        pageArgs.add((long) (page - 1) * limit);
        List<Map<String, Object>> data = jdbc.query("""
                SELECT r.id, r.status, r.error, r.elapsed_ms, r.total_tokens, r.total_steps, r.created_at, r.finished_at,
                       r.created_by_role, r.created_by, v.version, a.id AS account_id, a.display_name, a.email"""
                + where + " ORDER BY r.created_at DESC, r.id DESC LIMIT ? OFFSET ?",
                (rs, i) -> entry(app.getId(), rs), pageArgs.toArray());
        long count = total == null ? 0 : total;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("page", page);
        body.put("limit", limit);
        body.put("total", count);
        body.put("has_more", (long) page * limit < count);
        body.put("data", data);
        return body;
    }

    private static Map<String, Object> entry(String appId, ResultSet rs) throws SQLException {
        Instant created = rs.getObject("created_at", OffsetDateTime.class).toInstant();
        OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("id", rs.getString("id"));
        int version = rs.getInt("version");
        run.put("version", rs.wasNull() ? "draft" : Integer.toString(version));
        run.put("status", rs.getString("status"));
        run.put("error", rs.getString("error"));
        run.put("elapsed_time", rs.getLong("elapsed_ms") / 1000.0);
        run.put("total_tokens", rs.getLong("total_tokens"));
        run.put("total_steps", rs.getInt("total_steps"));
        run.put("created_at", created.getEpochSecond());
        run.put("finished_at", finished == null ? null : finished.toInstant().getEpochSecond());

        boolean byAccount = "account".equals(rs.getString("created_by_role"));
        String user = rs.getString("created_by");
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("id", rs.getString("id"));
        log.put("workflow_run", run);
        if (byAccount) {
            log.put("created_from", "installed-app");
            log.put("created_by_role", "account");
            Map<String, Object> account = null;
            if (rs.getString("account_id") != null) {
                account = new LinkedHashMap<>();
                account.put("id", rs.getString("account_id"));
                account.put("name", rs.getString("display_name"));
                account.put("email", rs.getString("email"));
            }
            log.put("created_by_account", account);
            log.put("created_by_end_user", null);
        } else {
            EndUserIds endUser = EndUserIds.of(appId, user == null ? "" : user);
            log.put("created_from", "browser".equals(endUser.type()) ? "web-app" : "service-api");
            log.put("created_by_role", "end_user");
            log.put("created_by_account", null);
            Map<String, Object> eu = new LinkedHashMap<>();
            eu.put("id", endUser.id());
            eu.put("type", endUser.type());
            eu.put("is_anonymous", endUser.anonymous());
            eu.put("session_id", endUser.sessionId());
            log.put("created_by_end_user", eu);
        }
        log.put("created_at", created.getEpochSecond());
        return log;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    /** An ISO-8601 date-time; without an offset it is UTC, as Dify reads it. */
    private static OffsetDateTime time(String name, String value) {
        String v = value.strip();
        try {
            return OffsetDateTime.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(v).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw ServiceApiException.invalid(name + " must be an ISO-8601 date-time such as 2024-01-31T12:00:00Z, got '" + value + "'");
            }
        }
    }
}
