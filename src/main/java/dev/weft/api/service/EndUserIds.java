package dev.weft.api.service;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Dify's view of a Service API or web app end user, made from the caller-chosen {@code user} string that Weft
 * keeps on conversations, runs and uploads: a stable UUID per app and user, the end-user type ({@code service_api}
 * or, for the web app's {@code web:}-prefixed users, {@code browser}) and the session id the caller chose.
 */
public record EndUserIds(String id, String type, boolean anonymous, String sessionId) {

    static final String WEB_PREFIX = "web:";
    /** The user Dify's SDKs send when the caller names none; Dify marks it anonymous. */
    static final String DEFAULT_USER = "DEFAULT-USER";

    static EndUserIds of(String appId, String user) {
        boolean web = user.startsWith(WEB_PREFIX);
        String session = web ? user.substring(WEB_PREFIX.length()) : user;
        return new EndUserIds(idOf(appId, user), web ? "browser" : "service_api", web || DEFAULT_USER.equals(user), session);
    }

    /** The end user's id: a name-based UUID of the app and the stored user string, the same on every call. */
    public static String idOf(String appId, String user) {
        return UUID.nameUUIDFromBytes(("weft-end-user\n" + appId + "\n" + user).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
