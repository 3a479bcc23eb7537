package dev.ticketing.platform.security;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The caller of the current request, for code that cannot take a {@link CurrentUser} parameter. */
public final class CurrentUsers {

    private CurrentUsers() {}

    public static Optional<CurrentUser> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof CurrentUser user
                ? Optional.of(user)
                : Optional.empty();
    }
}
