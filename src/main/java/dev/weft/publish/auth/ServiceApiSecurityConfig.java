package dev.weft.publish.auth;

import dev.weft.publish.key.AppApiKeyService;
import dev.weft.publish.key.DatasetApiKeyService;
import dev.weft.publish.limit.RequestRateLimiter;
import dev.weft.publish.settings.PublishSettingsService;
import jakarta.servlet.Filter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * The filter chain of the public Service API, {@code /v1/**}: stateless (no session, no CSRF, no saved
 * requests), every request authenticated by its app key through {@link AppKeyAuthenticationFilter}, except the
 * Knowledge API under {@code /v1/datasets}, whose chain comes first and takes dataset keys
 * ({@link DatasetKeyAuthenticationFilter}). Both come before the console chains of
 * {@link dev.weft.security.SecurityConfig}.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ServiceApiSecurityConfig {

    @Bean
    @Order(0)
    SecurityFilterChain datasetApiChain(HttpSecurity http, DatasetApiKeyService keys) throws Exception {
        return keyChain(http.securityMatcher("/v1/datasets", "/v1/datasets/**"), new DatasetKeyAuthenticationFilter(keys));
    }

    @Bean
    @Order(1)
    SecurityFilterChain serviceApiChain(HttpSecurity http, AppApiKeyService keys, PublishSettingsService settings,
            RequestRateLimiter rateLimiter) throws Exception {
        return keyChain(http.securityMatcher("/v1/**"), new AppKeyAuthenticationFilter(keys, settings, rateLimiter));
    }

    /** A chain whose every request is authenticated by {@code keyFilter}: stateless, 401 in the API's envelope. */
    private static SecurityFilterChain keyChain(HttpSecurity http, Filter keyFilter) throws Exception {
        return http.addFilterBefore(keyFilter, AuthorizationFilter.class)
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) ->
                        ServiceErrors.write(request, response, 401, "unauthorized", "Access token is invalid")))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(c -> c.requireExplicitSave(true))
                .anonymous(a -> a.disable())
                .build();
    }
}
