package dev.ticketing.auth.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketing.auth.tokens.AccessTokenIssuer;
import dev.ticketing.auth.tokens.AuthCookies;
import dev.ticketing.auth.tokens.RefreshTokens;
import dev.ticketing.auth.tokens.domain.RefreshResult;
import dev.ticketing.auth.tokens.domain.User;
import dev.ticketing.auth.users.domain.SigninResult;
import dev.ticketing.auth.users.domain.SignupResult;
import dev.ticketing.platform.security.AccessTokens;
import dev.ticketing.platform.security.CurrentUser;
import dev.ticketing.platform.web.ApiErrors;
import dev.ticketing.platform.web.ApiException;
import dev.ticketing.platform.web.client.ClientAddress;
import jakarta.validation.Valid;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The auth table of docs/api.md. */
@RestController
@RequestMapping("/api/users")
class UsersController {

    static final String EMAIL_IN_USE = "Email in use";
    static final String INVALID_CREDENTIALS = "Invalid credentials";
    static final String TOO_MANY_ATTEMPTS = "Too many attempts";
    /** The edge's word for a 503 too, so a client sees one message for "try again shortly". */
    static final String SERVICE_UNAVAILABLE = "Service unavailable";

    record UserView(String id, String email) {
        static UserView of(User user) {
            return new UserView(user.id().toString(), user.email());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CurrentUserView(UserView currentUser) {}

    record TokenView(String accessToken, String refreshToken, String tokenType, long expiresIn) {}

    private final Accounts accounts;
    private final AccessTokenIssuer accessTokens;
    private final RefreshTokens refreshTokens;
    private final AuthCookies cookies;

    UsersController(
            Accounts accounts, AccessTokenIssuer accessTokens, RefreshTokens refreshTokens, AuthCookies cookies) {
        this.accounts = accounts;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.cookies = cookies;
    }

    @PostMapping("/signup")
    ResponseEntity<?> signup(@Valid @RequestBody Requests.Signup body) {
        return switch (accounts.signup(body.email(), body.password())) {
            case SignupResult.Created(User user) ->
                ResponseEntity.status(HttpStatus.CREATED)
                        .headers(sessionCookies(user))
                        .body(UserView.of(user));
            case SignupResult.EmailInUse() -> throw ApiException.badRequest(EMAIL_IN_USE);
            case SignupResult.Busy busy -> serviceUnavailable(busy.retryAfter());
        };
    }

    @PostMapping("/signin")
    ResponseEntity<?> signin(@Valid @RequestBody Requests.Signin body, ClientAddress client) {
        return switch (accounts.signin(body.email(), body.password(), client.address())) {
            case SigninResult.Success(User user) ->
                ResponseEntity.ok().headers(sessionCookies(user)).body(UserView.of(user));
            case SigninResult.InvalidCredentials() -> throw ApiException.badRequest(INVALID_CREDENTIALS);
            case SigninResult.Throttled throttled -> tooManyAttempts(throttled);
            case SigninResult.Busy busy -> serviceUnavailable(busy.retryAfter());
        };
    }

    /** For non-browser clients: the same checks as signin, the tokens in the body instead of cookies. */
    @PostMapping("/token")
    ResponseEntity<?> token(@Valid @RequestBody Requests.Signin body, ClientAddress client) {
        return switch (accounts.signin(body.email(), body.password(), client.address())) {
            case SigninResult.Success(User user) ->
                ResponseEntity.ok(new TokenView(
                        accessTokens.issue(user),
                        refreshTokens.startFamily(user),
                        "Bearer",
                        AccessTokens.LIFETIME.toSeconds()));
            case SigninResult.InvalidCredentials() -> throw ApiException.badRequest(INVALID_CREDENTIALS);
            case SigninResult.Throttled throttled -> tooManyAttempts(throttled);
            case SigninResult.Busy busy -> serviceUnavailable(busy.retryAfter());
        };
    }

    @PostMapping("/signout")
    ResponseEntity<Map<String, Object>> signout(
            @CookieValue(name = AuthCookies.REFRESH_COOKIE, required = false) String refreshCookie) {
        if (refreshCookie != null) {
            refreshTokens.revokeFamilyOf(refreshCookie);
        }
        return ResponseEntity.ok().headers(cookies.clear()).body(Map.of());
    }

    @GetMapping("/currentuser")
    CurrentUserView currentUser(Optional<CurrentUser> user) {
        return new CurrentUserView(
                user.map(u -> new UserView(u.id(), u.email())).orElse(null));
    }

    @PostMapping("/refresh")
    ResponseEntity<UserView> refresh(
            @CookieValue(name = AuthCookies.REFRESH_COOKIE, required = false) String refreshCookie,
            @RequestBody(required = false) Requests.Refresh body) {
        String token = refreshCookie != null ? refreshCookie : body == null ? null : body.refreshToken();
        return switch (refreshTokens.rotate(token)) {
            case RefreshResult.Rotated(User user, String next) ->
                ResponseEntity.ok()
                        .headers(cookies.set(accessTokens.issue(user), next))
                        .body(UserView.of(user));
            case RefreshResult.Rejected() -> throw ApiException.notAuthorized();
            case RefreshResult.ReuseDetected() -> throw ApiException.notAuthorized();
        };
    }

    private HttpHeaders sessionCookies(User user) {
        return cookies.set(accessTokens.issue(user), refreshTokens.startFamily(user));
    }

    private static ResponseEntity<ApiErrors> tooManyAttempts(SigninResult.Throttled throttled) {
        return retryLater(HttpStatus.TOO_MANY_REQUESTS, throttled.retryAfter(), TOO_MANY_ATTEMPTS);
    }

    /** Password hashing is at capacity (HashingBulkhead): the server's state, not the client's fault. */
    private static ResponseEntity<ApiErrors> serviceUnavailable(Duration retryAfter) {
        return retryLater(HttpStatus.SERVICE_UNAVAILABLE, retryAfter, SERVICE_UNAVAILABLE);
    }

    private static ResponseEntity<ApiErrors> retryLater(HttpStatus status, Duration retryAfter, String message) {
        return ResponseEntity.status(status)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())))
                .body(ApiErrors.of(message));
    }
}
