package dev.ticketing.platform.idempotency;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** {@link Idempotency} and {@link HttpAnswers} for every service with a database that depends on this module. */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, JacksonAutoConfiguration.class})
@ConditionalOnSingleCandidate(DataSource.class)
public class IdempotencyAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    HttpAnswers httpAnswers(JsonMapper json) {
        return new HttpAnswers(json);
    }

    @Bean
    @ConditionalOnMissingBean
    Idempotency idempotency(DataSource dataSource, HttpAnswers answers, ObjectProvider<Clock> clock) {
        // JdbcClient over the DataSource joins the use case's transaction (DataSourceUtils)
        return new Idempotency(
                new StoredAnswers(JdbcClient.create(dataSource)), answers, clock.getIfAvailable(Clock::systemUTC));
    }
}
