package dev.ticketing.web.ui.web;

import java.util.regex.Pattern;

/**
 * Where to send a person back to after signing in: only a path on this origin, so that a link such as
 * {@code /signin?next=//evil.example} cannot turn the sign-in page into an open redirect.
 */
public final class NextPath {

    private static final Pattern SAFE = Pattern.compile("/(?![/\\\\])[\\x21-\\x7e]*");

    private NextPath() {}

    public static String orHome(String next) {
        if (next == null || next.length() > 2000 || !SAFE.matcher(next).matches()) {
            return "/";
        }
        return next;
    }
}
