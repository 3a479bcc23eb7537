package dev.ticketing.platform.security;

import com.nimbusds.jose.JOSEObjectType;
import java.time.Duration;

/** The fixed facts of the access token format (docs/development.md), shared by the issuer and the verifiers. */
public final class AccessTokens {

    private AccessTokens() {}

    public static final String COOKIE_NAME = "access_token";
    public static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");
    public static final Duration LIFETIME = Duration.ofMinutes(15);
    public static final String EMAIL_CLAIM = "email";
}
