package dev.ticketing.auth.users.domain;

import java.util.Locale;

/** Emails are kept as entered (trimmed) but compared case-insensitively everywhere. */
public final class EmailAddress {

    private EmailAddress() {}

    public static String clean(String email) {
        return email.trim();
    }

    /** The key of an email for uniqueness and throttling; must agree with the database's {@code lower()}. */
    public static String key(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
