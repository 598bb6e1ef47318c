package dev.weft.publish.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The authentication of a request made with an API key: the principal is the caller the key stands for (a
 * {@link ServiceCaller} for an app key, a {@link DatasetCaller} for a dataset key), with one authority.
 */
final class KeyAuthentication<P> extends AbstractAuthenticationToken {

    private final P caller;

    KeyAuthentication(P caller, String authority) {
        super(List.of(new SimpleGrantedAuthority(authority)));
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public P getPrincipal() {
        return caller;
    }

    /** Runs the rest of the chain as this caller, without a session, and forgets the caller afterwards. */
    void proceed(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(this);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
