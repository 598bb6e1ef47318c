package dev.weft.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Until the first account exists, sends page requests to the setup page. Vaadin's internal requests,
 * static files and the APIs pass through untouched.
 */
class FirstRunRedirectFilter extends OncePerRequestFilter {

    private static final List<String> PASS_THROUGH = List.of("/VAADIN/", "/v1/", "/api/", "/error", "/HEARTBEAT");

    private final AccountService accounts;
    private final String setupPath;

    FirstRunRedirectFilter(AccountService accounts, String setupPath) {
        this.accounts = accounts;
        this.setupPath = setupPath;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isPageRequest(request) && !accounts.hasAccounts()) {
            response.sendRedirect(request.getContextPath() + setupPath);
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean isPageRequest(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) || request.getParameter("v-r") != null) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals(setupPath) || path.startsWith(setupPath + "/")) {
            return false;
        }
        if (PASS_THROUGH.stream().anyMatch(path::startsWith)) {
            return false;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }
}
