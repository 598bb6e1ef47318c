package dev.weft.security;

import static com.vaadin.flow.spring.security.VaadinSecurityConfigurer.vaadin;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Two filter chains after the Service API's ({@code /v1/**}, see
 * {@link dev.weft.publish.auth.ServiceApiSecurityConfig}): {@code /api/**} (console REST: a signed-in
 * session or HTTP Basic, no CSRF), and everything else, the Vaadin console, where every view needs a login except {@code /login} and {@code /setup}. Until the first
 * account exists, {@link FirstRunRedirectFilter} sends page requests to {@code /setup}.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
public class SecurityConfig {

    public static final String LOGIN_PATH = "login";
    public static final String SETUP_PATH = "setup";

    @Bean
    @Order(2)
    SecurityFilterChain consoleApiChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain consoleChain(HttpSecurity http) throws Exception {
        // error pages (e.g. the 401 of /api/**) are rendered on an error dispatch that must not ask for a login
        http.authorizeHttpRequests(auth -> auth.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll());
        return http.with(vaadin(), vaadin -> vaadin.loginView("/" + LOGIN_PATH)).build();
    }

    @Bean
    FilterRegistrationBean<FirstRunRedirectFilter> firstRunRedirectFilter(AccountService accounts) {
        var registration = new FilterRegistrationBean<>(new FirstRunRedirectFilter(accounts, "/" + SETUP_PATH));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }
}
