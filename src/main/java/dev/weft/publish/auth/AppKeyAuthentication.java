package dev.weft.publish.auth;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The authentication of a Service API request made with an app key; the principal is the {@link ServiceCaller}. */
final class AppKeyAuthentication extends AbstractAuthenticationToken {

    private final ServiceCaller caller;

    AppKeyAuthentication(ServiceCaller caller) {
        super(List.of(new SimpleGrantedAuthority("ROLE_APP_API")));
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public ServiceCaller getPrincipal() {
        return caller;
    }
}
