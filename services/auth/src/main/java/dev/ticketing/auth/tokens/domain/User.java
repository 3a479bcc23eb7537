package dev.ticketing.auth.tokens.domain;

import java.util.UUID;

/**
 * A registered user as the outside world sees it, and what a token is issued for. It lives with tokens because
 * tokens need it and users, which creates and finds it, sits on tokens.
 */
public record User(UUID id, String email) {}
