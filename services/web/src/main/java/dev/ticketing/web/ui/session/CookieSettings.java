package dev.ticketing.web.ui.session;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticketing.security.cookie-secure} (TICKETING_SECURITY_COOKIE_SECURE), the same setting auth marks its
 * cookies {@code Secure} with: the UI's own cookies (CSRF) and the ones it clears follow it.
 */
@ConfigurationProperties("ticketing.security")
public record CookieSettings(@DefaultValue("false") boolean cookieSecure) {}
