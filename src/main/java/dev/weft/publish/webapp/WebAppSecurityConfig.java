package dev.weft.publish.webapp;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The public web app's paths need no login: the share token in the path opens an app's page while its
 * site is on. No session and no CSRF token (nothing rides on cookies); the pages may be framed by the widget.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebAppSecurityConfig {

    @Bean
    @Order(0)
    SecurityFilterChain webAppChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/chat/**", "/chatbot/**", "/completion/**", "/workflow/**", "/webapp/**", "/embed.min.js", "/embed.js")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .headers(h -> h.frameOptions(f -> f.disable()))
                .build();
    }
}
