package dev.ticketing.auth.throttle;

import dev.ticketing.auth.AuthProperties;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At most {@code signinMaxFailures} password checks per email, and at most {@code signinMaxFailuresPerAddress}
 * per client address, within the window, across all instances (the attempts live in the database). The email
 * limit stops guessing one account's password; the address limit stops one client from trying a password
 * against many accounts (spraying) or burning Argon2 time with random emails. An attempt is recorded
 * <em>before</em> the password is checked and forgotten if it succeeds (or never ran), so parallel guesses cannot
 * slip past a limit between a count and an insert.
 */
@Component
public class SigninThrottle {

    /** A recorded attempt, or the time to wait before the next one is allowed. */
    public sealed interface Admission {
        record Admitted(UUID attemptId) implements Admission {}

        record Refused(Duration retryAfter) implements Admission {}
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int maxFailures;
    private final int maxFailuresPerAddress;
    private final Duration window;

    SigninThrottle(JdbcClient jdbc, TransactionTemplate tx, Clock clock, AuthProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.maxFailures = properties.signinMaxFailures();
        this.maxFailuresPerAddress = properties.signinMaxFailuresPerAddress();
        this.window = properties.signinFailureWindow();
    }

    /** Records an attempt for the email's key (the users feature's {@code EmailAddress.key}) and the client. */
    public Admission admit(String emailKey, InetAddress client) {
        String addressKey = addressKey(client);
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        return tx.execute(status -> {
            // serialise attempts per email and per address so the counts below include every concurrent attempt;
            // always in this order, so two attempts never wait for each other's second lock
            lock(emailKey, 7001);
            lock(addressKey, 7002);
            OffsetDateTime since = at(now.minus(window));
            Optional<Duration> wait = max(
                    refusal("email_key", emailKey, maxFailures, since, now),
                    refusal("address_key", addressKey, maxFailuresPerAddress, since, now));
            if (wait.isPresent()) {
                return new Admission.Refused(wait.get());
            }
            jdbc.sql(
                            "insert into signin_attempts (id, email_key, address_key, attempted_at) values (:id, :email, :address, :at)")
                    .param("id", id)
                    .param("email", emailKey)
                    .param("address", addressKey)
                    .param("at", at(now))
                    .update();
            jdbc.sql(
                            "delete from signin_attempts where (email_key = :email or address_key = :address) and attempted_at <= :since")
                    .param("email", emailKey)
                    .param("address", addressKey)
                    .param("since", since)
                    .update();
            return new Admission.Admitted(id);
        });
    }

    /** The attempt succeeded, or never checked a password: it does not count as a failure. */
    public void forget(UUID attemptId) {
        jdbc.sql("delete from signin_attempts where id = :id")
                .param("id", attemptId)
                .update();
    }

    /**
     * How a client address is counted: an IPv4 address as itself, an IPv6 address by its /64 network, since one
     * client commonly holds a whole /64 and could otherwise take a fresh address for every attempt.
     */
    static String addressKey(InetAddress client) {
        if (client instanceof Inet6Address) {
            byte[] network = Arrays.copyOf(client.getAddress(), 16);
            Arrays.fill(network, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/64";
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e); // 16 bytes are always an address
            }
        }
        return client.getHostAddress();
    }

    private void lock(String key, int namespace) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, :namespace))")
                .param("key", key)
                .param("namespace", namespace)
                .query()
                .singleRow();
    }

    /** How long until the key may try again, when it has used up its failures. */
    private Optional<Duration> refusal(String column, String key, int limit, OffsetDateTime since, Instant now) {
        long recent = jdbc.sql(
                        "select count(*) from signin_attempts where " + column + " = :key and attempted_at > :since")
                .param("key", key)
                .param("since", since)
                .query(Long.class)
                .single();
        if (recent < limit) {
            return Optional.empty();
        }
        Optional<OffsetDateTime> oldest = jdbc.sql("select min(attempted_at) from signin_attempts where " + column
                        + " = :key and attempted_at > :since")
                .param("key", key)
                .param("since", since)
                .query(OffsetDateTime.class)
                .optional();
        Instant free = oldest.map(o -> o.toInstant().plus(window)).orElse(now.plus(window));
        long seconds = Math.max(1, (long) Math.ceil(Duration.between(now, free).toMillis() / 1000.0));
        return Optional.of(Duration.ofSeconds(seconds));
    }

    private static Optional<Duration> max(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.filter(other -> other.compareTo(a.get()) > 0).or(() -> a);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
