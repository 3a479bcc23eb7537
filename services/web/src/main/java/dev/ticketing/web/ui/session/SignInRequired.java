package dev.ticketing.web.ui.session;

/**
 * A page or action needs a signed-in person and there is none (or their session could not be renewed). The UI
 * answers with a redirect to {@code /signin}, coming back to {@code next} afterwards.
 */
public final class SignInRequired extends RuntimeException {

    private final String next;

    public SignInRequired(String next) {
        super(null, null, false, false);
        this.next = next;
    }

    /** Where to go after signing in (a local path), or null for the current page. */
    public String next() {
        return next;
    }
}
