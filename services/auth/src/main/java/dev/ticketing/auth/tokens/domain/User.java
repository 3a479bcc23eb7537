package dev.ticketing.auth.tokens.domain;

import java.util.UUID;

/** A registered user as the outside world sees it. */
public record User(UUID id, String email) {
}
