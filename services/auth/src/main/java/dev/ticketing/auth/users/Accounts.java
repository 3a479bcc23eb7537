package dev.ticketing.auth.users;

import dev.ticketing.auth.throttle.HashingBulkhead;
import dev.ticketing.auth.throttle.SigninThrottle;
import dev.ticketing.auth.tokens.domain.User;
import dev.ticketing.auth.users.domain.EmailAddress;
import dev.ticketing.auth.users.domain.PasswordHasher;
import dev.ticketing.auth.users.domain.SigninResult;
import dev.ticketing.auth.users.domain.SignupResult;
import dev.ticketing.contracts.Events;
import dev.ticketing.platform.messaging.Outbox;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signup and signin. Password hashing happens outside transactions so no connection waits on Argon2, and inside
 * the {@link HashingBulkhead}, one permit per request, so a flood is refused instead of queued without end.
 */
@Service
class Accounts {

    /** The password check of a signin, and the stronger hash to store when the old one was made weaker. */
    private record Check(boolean matches, Optional<String> rehash) {
        static final Check FAILED = new Check(false, Optional.empty());
    }

    private final UserStore users;
    private final PasswordHasher hasher;
    private final HashingBulkhead hashing;
    private final SigninThrottle throttle;
    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final Clock clock;

    Accounts(
            UserStore users,
            PasswordHasher hasher,
            HashingBulkhead hashing,
            SigninThrottle throttle,
            Outbox outbox,
            TransactionTemplate tx,
            Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.hashing = hashing;
        this.throttle = throttle;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
    }

    SignupResult signup(String email, String password) {
        User user = new User(UUID.randomUUID(), EmailAddress.clean(email));
        Optional<String> hash = hashing.call(() -> hasher.hash(password));
        if (hash.isEmpty()) {
            return new SignupResult.Busy(HashingBulkhead.RETRY_AFTER);
        }
        Boolean created = tx.execute(status -> {
            if (!users.insertIfEmailFree(user, hash.get(), clock.instant())) {
                return false;
            }
            // same transaction as the insert: the event exists if and only if the user does
            outbox.append(
                    Events.USER_CREATED,
                    user.id().toString(),
                    0,
                    new Events.UserCreated(user.id().toString(), user.email()));
            return true;
        });
        return Boolean.TRUE.equals(created) ? new SignupResult.Created(user) : new SignupResult.EmailInUse();
    }

    SigninResult signin(String email, String password, InetAddress client) {
        SigninThrottle.Admission admission = throttle.admit(EmailAddress.key(email), client);
        if (admission instanceof SigninThrottle.Admission.Refused refused) {
            return new SigninResult.Throttled(refused.retryAfter());
        }
        UUID attempt = ((SigninThrottle.Admission.Admitted) admission).attemptId();
        Optional<UserStore.StoredUser> found = users.findByEmail(email.trim());
        Optional<Check> check = hashing.call(() -> check(found, password));
        if (check.isEmpty()) {
            throttle.forget(attempt); // no password was checked: not a failure
            return new SigninResult.Busy(HashingBulkhead.RETRY_AFTER);
        }
        if (!check.get().matches()) {
            return new SigninResult.InvalidCredentials();
        }
        throttle.forget(attempt);
        UserStore.StoredUser stored = found.orElseThrow();
        check.get()
                .rehash()
                .ifPresent(hash -> users.updatePasswordHash(stored.user().id(), hash));
        return new SigninResult.Success(stored.user());
    }

    /** Runs under a hashing permit; an unknown email costs the same work as a wrong password. */
    private Check check(Optional<UserStore.StoredUser> found, String password) {
        if (found.isEmpty()) {
            hasher.verifyDummy(password);
            return Check.FAILED;
        }
        String stored = found.get().passwordHash();
        if (!hasher.verify(password, stored)) {
            return Check.FAILED;
        }
        return new Check(true, hasher.needsRehash(stored) ? Optional.of(hasher.hash(password)) : Optional.empty());
    }
}
