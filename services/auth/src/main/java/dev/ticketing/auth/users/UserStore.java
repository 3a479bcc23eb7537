package dev.ticketing.auth.users;

import dev.ticketing.auth.tokens.domain.User;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The users table. Email uniqueness is enforced by its unique index on {@code lower(email)}. */
@Repository
class UserStore {

    record StoredUser(User user, String passwordHash) {}

    private final JdbcClient jdbc;

    UserStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the user unless the email is taken (case-insensitively); false when it was. */
    boolean insertIfEmailFree(User user, String passwordHash, Instant now) {
        // "on conflict do nothing" waits for a concurrent insert of the same email and then skips: exactly one
        // of several simultaneous signups wins, and the others see 0 rows instead of an aborted transaction
        int inserted = jdbc.sql("""
                        insert into users (id, email, password_hash, created_at)
                        values (:id, :email, :hash, :now)
                        on conflict ((lower(email))) do nothing""")
                .param("id", user.id())
                .param("email", user.email())
                .param("hash", passwordHash)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
        return inserted == 1;
    }

    Optional<StoredUser> findByEmail(String email) {
        return jdbc.sql("select id, email, password_hash from users where lower(email) = lower(:email)")
                .param("email", email)
                .query((rs, n) -> new StoredUser(
                        new User(rs.getObject("id", UUID.class), rs.getString("email")), rs.getString("password_hash")))
                .optional();
    }

    void updatePasswordHash(UUID id, String passwordHash) {
        jdbc.sql("update users set password_hash = :hash where id = :id")
                .param("hash", passwordHash)
                .param("id", id)
                .update();
    }
}
