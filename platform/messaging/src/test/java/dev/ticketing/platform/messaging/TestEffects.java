package dev.ticketing.platform.messaging;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code test_effect} table: what the test handlers did, committed with their inbox rows. */
final class TestEffects {

    private final JdbcClient jdbc;

    TestEffects(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void increment(String key) {
        jdbc.sql("""
                        insert into test_effect (key, count) values (:key, 1)
                        on conflict (key) do update set count = test_effect.count + 1
                        """).param("key", key).update();
    }

    int count(String key) {
        return jdbc.sql("select count from test_effect where key = :key")
                .param("key", key)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }
}
