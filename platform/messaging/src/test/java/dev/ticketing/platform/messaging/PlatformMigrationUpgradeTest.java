package dev.ticketing.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.platform.embedded.EmbeddedPostgresServer;
import dev.ticketing.platform.test.TestInfrastructure;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A database made by an earlier release (the platform's first migrations and the service's V1 applied) takes
 * the platform migrations added since, although their versions sort below the service's.
 */
class PlatformMigrationUpgradeTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {}

    @Test
    void platformMigrationsAddedLaterApplyOnTopOfAnExistingServiceSchema() {
        String database = TestInfrastructure.freshDatabase("upgrade");
        EmbeddedPostgresServer postgres = TestInfrastructure.postgres();
        String url = postgres.jdbcUrl(database);
        // the earlier release: messaging up to 0.3, then the service's own V1
        Flyway.configure()
                .dataSource(url, EmbeddedPostgresServer.SUPERUSER, postgres.superuserPassword())
                .locations("classpath:db/messaging", "classpath:db/testapp")
                .target("0.3")
                .load()
                .migrate();
        Flyway.configure()
                .dataSource(url, EmbeddedPostgresServer.SUPERUSER, postgres.superuserPassword())
                .locations("classpath:db/testapp")
                .ignoreMigrationPatterns("*:missing")
                .load()
                .migrate();
        var nats = TestInfrastructure.freshNats();
        try (var context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties(Map.of(
                        "spring.datasource.url",
                        url,
                        "spring.datasource.username",
                        EmbeddedPostgresServer.SUPERUSER,
                        "spring.datasource.password",
                        postgres.superuserPassword(),
                        "ticketing.nats.url",
                        nats.url()))
                .run()) {
            var jdbc = JdbcClient.create(context.getBean(javax.sql.DataSource.class));
            assertThat(jdbc.sql("select count(*) from information_schema.columns "
                                    + "where table_name = 'messaging_outbox' and column_name = 'claimed_until'")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        } finally {
            nats.stop();
        }
    }
}
