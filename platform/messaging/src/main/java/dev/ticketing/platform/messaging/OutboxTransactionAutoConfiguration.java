package dev.ticketing.platform.messaging;

import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.TransactionManager;

/**
 * Takes the place of Spring Boot's JDBC transaction manager with one whose commits carry the outbox rows
 * (docs/decisions/0081); customised as Boot's would be.
 */
@AutoConfiguration(
        after = DataSourceAutoConfiguration.class,
        before = DataSourceTransactionManagerAutoConfiguration.class)
@ConditionalOnSingleCandidate(DataSource.class)
public class OutboxTransactionAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(TransactionManager.class)
    OutboxCommittingTransactionManager transactionManager(
            DataSource dataSource, ObjectProvider<TransactionManagerCustomizers> customizers) {
        var manager = new OutboxCommittingTransactionManager(dataSource);
        customizers.ifAvailable(each -> each.customize(manager));
        return manager;
    }
}
