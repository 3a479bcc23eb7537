package dev.ticketing.platform.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** The Spring Security view of a verified access token. */
final class CurrentUserAuthentication extends AbstractAuthenticationToken {

    private final CurrentUser user;

    CurrentUserAuthentication(CurrentUser user) {
        super(List.of());
        this.user = user;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public CurrentUser getPrincipal() {
        return user;
    }

    @Override
    public String getName() {
        return user.id();
    }
}
