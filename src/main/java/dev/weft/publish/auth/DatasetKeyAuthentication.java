package dev.weft.publish.auth;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The authentication of a Knowledge API request made with a dataset key; the principal is the {@link DatasetCaller}. */
final class DatasetKeyAuthentication extends AbstractAuthenticationToken {

    private final DatasetCaller caller;

    DatasetKeyAuthentication(DatasetCaller caller) {
        super(List.of(new SimpleGrantedAuthority("ROLE_DATASET_API")));
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public DatasetCaller getPrincipal() {
        return caller;
    }
}
