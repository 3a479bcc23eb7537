package dev.ticketing.web.ui.session;

import dev.ticketing.web.ui.api.ApiFailure;
import dev.ticketing.web.ui.api.Caller;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.http.HttpHeaders;

/**
 * One request's view of the person behind it: their access and refresh tokens (auth's cookies, which reach the
 * UI because it shares the origin), renewed at most once per request when the access token is missing or about
 * to expire, with every cookie change relayed to the browser. Tokens only ever travel in cookies and in the
 * {@code Authorization} header of the UI's own API calls; never in a URL or a page.
 *
 * <p>Not thread-safe: it belongs to one request.
 */
public final class Session implements Caller {

    /** Renew a little before expiry, so that a token does not expire between this check and the API's. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

    private final HttpServletResponse response;
    private final TokenRefresher refresher;
    private final boolean secureCookies;
    private final Clock clock;
    private final String clientAddress;
    private AccessToken access;
    private String refreshToken;
    private boolean renewalTried;
    private ApiFailure renewalOutage;

    Session(
            Optional<String> accessCookie,
            Optional<String> refreshCookie,
            HttpServletResponse response,
            TokenRefresher refresher,
            boolean secureCookies,
            Clock clock,
            String clientAddress) {
        this.access = accessCookie.flatMap(AccessToken::parse).orElse(null);
        this.refreshToken = refreshCookie.orElse(null);
        this.response = response;
        this.refresher = refresher;
        this.secureCookies = secureCookies;
        this.clock = clock;
        this.clientAddress = clientAddress;
    }

    /**
     * The signed-in person, renewing the session first when needed; empty for a visitor, and for now while a
     * session that needs renewing cannot be (auth unreachable).
     */
    public Optional<Viewer> viewer() {
        ensureFresh();
        return Optional.ofNullable(access).map(AccessToken::viewer);
    }

    /**
     * The signed-in person, or {@link SignInRequired} (back to {@code next} afterwards, null: this page).
     *
     * @throws ApiFailure 503 when there is a session but it could not be renewed now: signing in again would not help
     */
    public Viewer require(String next) {
        Optional<Viewer> viewer = viewer();
        if (viewer.isEmpty() && renewalOutage != null) {
            throw renewalOutage;
        }
        return viewer.orElseThrow(() -> new SignInRequired(next));
    }

    /** The access token for an API call, renewed first when it is missing or about to expire. */
    @Override
    public Optional<String> bearer() {
        ensureFresh();
        return Optional.ofNullable(access).map(AccessToken::raw);
    }

    /**
     * An API answered 401 to a token that looked valid here. The contract uses 401 both for a token it does not
     * accept and for a person it refuses (someone else's order), so auth is asked first ({@code acceptedByAuth}):
     * only a token auth no longer accepts is renewed (once per request), so that the call can be repeated.
     */
    @Override
    public boolean renewAfterRejection(Predicate<String> acceptedByAuth) {
        if (renewalTried || refreshToken == null || access == null || acceptedByAuth.test(access.raw())) {
            return false;
        }
        return renew();
    }

    /** The client's address for the services ({@code X-Forwarded-For}), as the edge tells it for /api/**. */
    @Override
    public String clientAddress() {
        return clientAddress;
    }

    /**
     * Takes over the cookies auth answered a signin, signup or refresh with: relayed to the browser unchanged
     * (auth decides their attributes) and used for the rest of this request.
     */
    public void adopt(List<String> setCookieHeaders) {
        setCookieHeaders.forEach(header -> response.addHeader(HttpHeaders.SET_COOKIE, header));
        access = SessionCookies.valueIn(setCookieHeaders, SessionCookies.ACCESS)
                .flatMap(AccessToken::parse)
                .orElse(null);
        refreshToken =
                SessionCookies.valueIn(setCookieHeaders, SessionCookies.REFRESH).orElse(null);
    }

    /** The refresh token, for signing out (auth revokes its family). */
    public Optional<String> refreshToken() {
        return Optional.ofNullable(refreshToken);
    }

    /** Forgets the session here and in the browser. */
    public void end() {
        access = null;
        refreshToken = null;
        SessionCookies.cleared(secureCookies).forEach(header -> response.addHeader(HttpHeaders.SET_COOKIE, header));
    }

    private void ensureFresh() {
        if (access != null && !access.expiresWithin(clock.instant(), EXPIRY_MARGIN)) {
            return;
        }
        if (refreshToken != null && !renewalTried) {
            renew();
        } else if (access != null && access.expiresWithin(clock.instant(), Duration.ZERO)) {
            access = null;
        }
    }

    private boolean renew() {
        renewalTried = true;
        Optional<TokenRefresher.Renewed> renewed;
        try {
            renewed = refresher.refresh(refreshToken, clientAddress);
        } catch (ApiFailure outage) {
            // keep the cookies: the session may well be fine once auth answers again
            renewalOutage = outage;
            if (access != null && access.expiresWithin(clock.instant(), Duration.ZERO)) {
                access = null;
            }
            return false;
        }
        if (renewed.isEmpty()) {
            end();
            return false;
        }
        adopt(renewed.get().setCookies());
        return access != null;
    }
}
