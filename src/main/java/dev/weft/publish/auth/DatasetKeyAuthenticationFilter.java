package dev.weft.publish.auth;

import dev.weft.publish.key.DatasetApiKeyService;
import dev.weft.publish.key.DatasetApiKeyService.KeyOwner;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code /v1/datasets/**} requests by their dataset key ({@code Authorization: Bearer dataset-…}),
 * without a session: a missing, unknown or revoked key gets 401, an app key too (it opens one app, not the
 * workspace's knowledge), each in Dify's {@code {code, message, status}} envelope.
 */
public final class DatasetKeyAuthenticationFilter extends OncePerRequestFilter {

    private final DatasetApiKeyService keys;

    public DatasetKeyAuthenticationFilter(DatasetApiKeyService keys) {
        this.keys = keys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> token = AppKeyAuthenticationFilter.bearerToken(request.getHeader("Authorization"));
        if (token.isEmpty()) {
            ServiceErrors.write(request, response, 401, "unauthorized",
                    "Authorization header must be provided and start with 'Bearer'");
            return;
        }
        if (token.get().startsWith("app-")) {
            ServiceErrors.write(request, response, 401, "unauthorized",
                    "Access token is invalid: this is an app key, and the knowledge API takes a dataset key (dataset-…) "
                            + "created under Knowledge → API access");
            return;
        }
        Optional<KeyOwner> owner = keys.authenticate(token.get());
        if (owner.isEmpty()) {
            ServiceErrors.write(request, response, 401, "unauthorized", "Access token is invalid");
            return;
        }
        DatasetCaller caller = new DatasetCaller(owner.get().workspaceId(), owner.get().keyId(), owner.get().createdBy());
        new KeyAuthentication<>(caller, "ROLE_DATASET_API").proceed(request, response, chain);
    }
}
