package dev.ticketing.payments.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.platform.embedded.EmbeddedPostgresServer;
import dev.ticketing.platform.test.TestInfrastructure;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database of the release before platform-idempotency (migrations up to V2) keeps the answers it stored when it
 * takes V3, and from then on refuses a row without its answer.
 */
class IdempotencyKeysMigrationTest {

    @Test
    void storedAnswersSurviveAndAnAnswerIsRequiredFromThenOn() {
        EmbeddedPostgresServer postgres = TestInfrastructure.postgres();
        var dataSource = new DriverManagerDataSource(
                postgres.jdbcUrl(TestInfrastructure.freshDatabase("payments_upgrade")),
                EmbeddedPostgresServer.SUPERUSER,
                postgres.superuserPassword());
        var flyway =
                Flyway.configure().dataSource(dataSource).locations("classpath:db/messaging", "classpath:db/migration");
        flyway.target("2").load().migrate();
        var jdbc = JdbcClient.create(dataSource);
        jdbc.sql("""
                insert into idempotency_keys (user_id, key, request_hash, response_status, response_body, created_at)
                values ('buyer', 'paid', 'hash', 201, '{"status":"SUCCESS"}', now()),
                       ('buyer', 'unanswered', 'hash', null, null, now())""").update();

        flyway.target("latest").load().migrate();

        assertThat(jdbc.sql("select user_id, key, request_hash, response_status, response_body from idempotency_keys")
                        .query()
                        .listOfRows())
                .containsExactly(Map.of(
                        "user_id",
                        "buyer",
                        "key",
                        "paid",
                        "request_hash",
                        "hash",
                        "response_status",
                        201,
                        "response_body",
                        "{\"status\":\"SUCCESS\"}"));
        assertThatThrownBy(() -> jdbc.sql("""
                insert into idempotency_keys (user_id, key, request_hash, created_at)
                values ('buyer', 'claim only', 'hash', now())""").update()).isInstanceOf(DataIntegrityViolationException.class);
    }
}
