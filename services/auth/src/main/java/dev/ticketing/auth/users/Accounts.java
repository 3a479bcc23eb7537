package dev.ticketing.auth.users;

import dev.ticketing.auth.domain.EmailAddress;
import dev.ticketing.auth.domain.PasswordHasher;
import dev.ticketing.auth.domain.SigninResult;
import dev.ticketing.auth.domain.SignupResult;
import dev.ticketing.auth.domain.User;
import dev.ticketing.auth.throttle.SigninThrottle;
import dev.ticketing.contracts.Events;
import dev.ticketing.platform.messaging.Outbox;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Signup and signin. Password hashing happens outside transactions so no connection waits on Argon2. */
@Service
class Accounts {

    private final UserStore users;
    private final PasswordHasher hasher;
    private final SigninThrottle throttle;
    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final Clock clock;

    Accounts(UserStore users, PasswordHasher hasher, SigninThrottle throttle, Outbox outbox, TransactionTemplate tx,
             Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.throttle = throttle;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
    }

    SignupResult signup(String email, String password) {
        User user = new User(UUID.randomUUID(), EmailAddress.clean(email));
        String hash = hasher.hash(password);
        Boolean created = tx.execute(status -> {
            if (!users.insertIfEmailFree(user, hash, clock.instant())) {
                return false;
            }
            // same transaction as the insert: the event exists if and only if the user does
            outbox.append(Events.USER_CREATED, user.id().toString(), 0,
                    new Events.UserCreated(user.id().toString(), user.email()));
            return true;
        });
        return Boolean.TRUE.equals(created) ? new SignupResult.Created(user) : new SignupResult.EmailInUse();
    }

    SigninResult signin(String email, String password) {
        SigninThrottle.Admission admission = throttle.admit(email);
        if (admission instanceof SigninThrottle.Admission.Refused refused) {
            return new SigninResult.Throttled(refused.retryAfter());
        }
        UUID attempt = ((SigninThrottle.Admission.Admitted) admission).attemptId();
        Optional<UserStore.StoredUser> found = users.findByEmail(email.trim());
        if (found.isEmpty()) {
            hasher.verifyDummy(password);
            return new SigninResult.InvalidCredentials();
        }
        UserStore.StoredUser stored = found.get();
        if (!hasher.verify(password, stored.passwordHash())) {
            return new SigninResult.InvalidCredentials();
        }
        throttle.succeeded(attempt);
        if (hasher.needsRehash(stored.passwordHash())) {
            users.updatePasswordHash(stored.user().id(), hasher.hash(password));
        }
        return new SigninResult.Success(stored.user());
    }
}
