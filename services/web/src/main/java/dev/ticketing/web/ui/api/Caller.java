package dev.ticketing.web.ui.api;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * Whoever the UI calls an API for, as the calls need them: their token, a renewal when an API rejects it, and their
 * address. The session implements it; it is declared here so that the calls do not depend on how sessions are kept
 * (the session package depends on this one for {@link ApiFailure}, not the other way round).
 */
public interface Caller {

    /** The access token for an API call, if the person is signed in (renewed first when about to expire). */
    Optional<String> bearer();

    /**
     * An API answered 401 to {@link #bearer()}: renews the token when {@code acceptedByAuth} says auth no longer
     * takes it; true when there is a new one to repeat the call with.
     */
    boolean renewAfterRejection(Predicate<String> acceptedByAuth);

    /** The client's address for the services ({@code X-Forwarded-For}). */
    String clientAddress();
}
