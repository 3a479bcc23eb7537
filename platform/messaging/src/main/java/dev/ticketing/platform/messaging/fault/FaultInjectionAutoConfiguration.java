package dev.ticketing.platform.messaging.fault;

import dev.ticketing.contracts.ProcessHalt;
import dev.ticketing.platform.messaging.MessagingAutoConfiguration;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@link FaultInjection} of every service with a database, and the {@link ProcessHalt} its crashes use (a
 * test replaces that bean to observe a crash without losing its JVM).
 */
@AutoConfiguration(after = MessagingAutoConfiguration.class)
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(FaultInjectionProperties.class)
public class FaultInjectionAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ProcessHalt processHalt() {
        return ProcessHalt.runtime();
    }

    @Bean
    FaultInjection faultInjection(FaultInjectionProperties properties, DataSource dataSource, ProcessHalt halt) {
        JdbcClient jdbc = JdbcClient.create(dataSource); // joins the caller's transaction through DataSourceUtils
        return new FaultInjection(properties.faultsEnabled(), new FaultPlans(jdbc), new CrashOnce(jdbc, halt));
    }
}
