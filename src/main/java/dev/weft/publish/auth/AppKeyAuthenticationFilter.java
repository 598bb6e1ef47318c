package dev.weft.publish.auth;

import dev.weft.publish.key.AppApiKeyService;
import dev.weft.publish.key.AppApiKeyService.KeyOwner;
import dev.weft.publish.limit.RequestRateLimiter;
import dev.weft.publish.limit.TooManyRequestsException;
import dev.weft.publish.settings.PublishSettings;
import dev.weft.publish.settings.PublishSettingsService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code /v1} requests by their app key ({@code Authorization: Bearer app-…}; the scheme is
 * case-insensitive), without a session: a missing or unknown key gets 401, an app whose API is switched
 * off 403. It also applies the app's CORS origins (a preflight, which carries no key, passes when any app
 * allows its origin; the request itself must come from one of its app's origins) and the key's
 * requests-per-minute limit (429 with {@code Retry-After}).
 */
public final class AppKeyAuthenticationFilter extends OncePerRequestFilter {

    private final AppApiKeyService keys;
    private final PublishSettingsService settings;
    private final RequestRateLimiter rateLimiter;

    public AppKeyAuthenticationFilter(AppApiKeyService keys, PublishSettingsService settings, RequestRateLimiter rateLimiter) {
        this.keys = keys;
        this.settings = settings;
        this.rateLimiter = rateLimiter;
    }

    /** Where the caller of a request is kept for its async dispatch (streamed responses end with one). */
    static final String CALLER_ATTRIBUTE = AppKeyAuthenticationFilter.class.getName() + ".caller";

    /** Streamed responses are re-dispatched when they end; that dispatch needs the caller again (not a new check). */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getAttribute(CALLER_ATTRIBUTE) instanceof ServiceCaller known) {
            authenticated(known, request, response, chain);
            return;
        }
        String origin = request.getHeader("Origin");
        boolean crossOrigin = origin != null && !origin.equalsIgnoreCase(ownOrigin(request));
        if (crossOrigin && "OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null) {
            preflight(origin, response);
            return;
        }

        Optional<String> token = bearerToken(request.getHeader("Authorization"));
        if (token.isEmpty()) {
            ServiceErrors.write(request, response, 401, "unauthorized",
                    "Authorization header must be provided and start with 'Bearer'");
            return;
        }
        if (token.get().startsWith("dataset-")) {
            ServiceErrors.write(request, response, 401, "unauthorized",
                    "Access token is invalid: this is a dataset key, which opens the knowledge API (/v1/datasets) only; "
                            + "app endpoints take the app's key (app-…)");
            return;
        }
        Optional<KeyOwner> owner = keys.authenticate(token.get());
        if (owner.isEmpty()) {
            ServiceErrors.write(request, response, 401, "unauthorized", "Access token is invalid");
            return;
        }
        PublishSettings appSettings = settings.get(owner.get().appId());
        if (!appSettings.apiEnabled()) {
            ServiceErrors.write(request, response, 403, "forbidden", "The app's API service has been disabled.");
            return;
        }
        if (crossOrigin) {
            if (!appSettings.allowsOrigin(origin)) {
                ServiceErrors.write(request, response, 403, "forbidden",
                        "the origin " + origin + " may not call this app; add it to the app's CORS origins");
                return;
            }
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.addHeader("Vary", "Origin");
            response.setHeader("Access-Control-Expose-Headers", "Retry-After, Content-Type");
        }
        try {
            rateLimiter.acquire(owner.get().keyId(), appSettings.requestsPerMinute());
        } catch (TooManyRequestsException e) {
            response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            ServiceErrors.write(request, response, 429, "too_many_requests", e.getMessage());
            return;
        }

        ServiceCaller caller = new ServiceCaller(owner.get().appId(), owner.get().keyId(), appSettings);
        request.setAttribute(CALLER_ATTRIBUTE, caller);
        authenticated(caller, request, response, chain);
    }

    private static void authenticated(ServiceCaller caller, HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws ServletException, IOException {
        new KeyAuthentication<>(caller, "ROLE_APP_API").proceed(request, response, chain);
    }

    private void preflight(String origin, HttpServletResponse response) {
        response.addHeader("Vary", "Origin");
        if (!settings.anyAppAllows(origin)) {
            response.setStatus(403);
            return;
        }
        response.setHeader("Access-Control-Allow-Origin", origin);
        response.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
        response.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Trace-Id");
        response.setHeader("Access-Control-Max-Age", "600");
        response.setStatus(204);
    }

    /** The token of {@code Bearer <token>}; the header must hold a space, the scheme may be in any case. */
    static Optional<String> bearerToken(String header) {
        if (header == null) {
            return Optional.empty();
        }
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return Optional.empty();
        }
        String token = header.substring(space + 1).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private static String ownOrigin(HttpServletRequest request) {
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(request.getScheme()) && port == 80) || ("https".equals(request.getScheme()) && port == 443);
        return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }
}
