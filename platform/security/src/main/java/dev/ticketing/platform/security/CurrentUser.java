package dev.ticketing.platform.security;

/**
 * The authenticated caller, taken from a verified access token. A controller parameter of this type makes the
 * route require authentication (401 {@code Not authorized} otherwise); {@code Optional<CurrentUser>} makes it
 * optional.
 */
public record CurrentUser(String id, String email) {}
