package dev.ticketing.auth.throttle;

import dev.ticketing.auth.AuthProperties;
import dev.ticketing.auth.domain.EmailAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At most {@code signinMaxFailures} password checks per email within the window, across all instances (the
 * attempts live in the database). An attempt is recorded <em>before</em> the password is checked and forgotten
 * if it succeeds, so parallel guesses cannot slip past the limit between a count and an insert.
 */
@Component
public class SigninThrottle {

    /** A recorded attempt, or the time to wait before the next one is allowed. */
    public sealed interface Admission {
        record Admitted(UUID attemptId) implements Admission {
        }

        record Refused(Duration retryAfter) implements Admission {
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;

    SigninThrottle(JdbcClient jdbc, TransactionTemplate tx, Clock clock, AuthProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.maxFailures = properties.signinMaxFailures();
        this.window = properties.signinFailureWindow();
    }

    public Admission admit(String email) {
        String key = EmailAddress.key(email);
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        return tx.execute(status -> {
            // serialise attempts per email so the count below includes every concurrent attempt
            jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 7001))").param("key", key).query().singleRow();
            OffsetDateTime since = at(now.minus(window));
            long recent = jdbc.sql("select count(*) from signin_attempts where email_key = :key and attempted_at > :since")
                    .param("key", key).param("since", since).query(Long.class).single();
            if (recent >= maxFailures) {
                Optional<OffsetDateTime> oldest = jdbc.sql("""
                                select min(attempted_at) from signin_attempts
                                where email_key = :key and attempted_at > :since""")
                        .param("key", key).param("since", since).query(OffsetDateTime.class).optional();
                Instant free = oldest.map(o -> o.toInstant().plus(window)).orElse(now.plus(window));
                long seconds = Math.max(1, (long) Math.ceil(Duration.between(now, free).toMillis() / 1000.0));
                return new Admission.Refused(Duration.ofSeconds(seconds));
            }
            jdbc.sql("insert into signin_attempts (id, email_key, attempted_at) values (:id, :key, :at)")
                    .param("id", id).param("key", key).param("at", at(now)).update();
            jdbc.sql("delete from signin_attempts where email_key = :key and attempted_at <= :since")
                    .param("key", key).param("since", since).update();
            return new Admission.Admitted(id);
        });
    }

    /** The attempt succeeded: it does not count as a failure. Only this attempt is forgotten. */
    public void succeeded(UUID attemptId) {
        jdbc.sql("delete from signin_attempts where id = :id").param("id", attemptId).update();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
