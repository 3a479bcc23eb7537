package dev.ticketing.platform.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What every messaging test application needs besides its handlers: a meter registry, and effects to count. */
@Configuration(proxyBeanMethods = false)
class MessagingTestBeans {

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    @Bean
    TestEffects testEffects(DataSource dataSource) {
        return new TestEffects(JdbcClient.create(dataSource));
    }
}
