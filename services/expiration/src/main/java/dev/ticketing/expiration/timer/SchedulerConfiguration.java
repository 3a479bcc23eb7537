package dev.ticketing.expiration.timer;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.stats.MicrometerStatsRegistry;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.ticketing.expiration.ExpirationProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** db-scheduler on the service's own database, with the one task it runs: {@code order-expiration}. */
@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {

    @Bean
    OneTimeTask<String> orderExpirationTask(OrderExpiry expiry, ExpirationProperties properties) {
        return Tasks.oneTime(OrderTimers.TASK_NAME, String.class)
                // a failed firing (e.g. the database was briefly away) is retried soon, backing off
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(properties.retryDelay()))
                .execute((instance, context) -> expiry.fire(instance.getId(), instance.getData()));
    }

    @Bean
    Scheduler timerScheduler(
            DataSource dataSource,
            List<Task<?>> tasks,
            ExpirationProperties properties,
            Clock clock,
            ObjectProvider<MeterRegistry> meters) {
        var builder = Scheduler.create(dataSource, tasks)
                .threads(properties.threads())
                .pollingInterval(properties.pollInterval())
                .heartbeatInterval(properties.heartbeatInterval())
                .missedHeartbeatsLimit(properties.missedHeartbeats())
                .shutdownMaxWait(properties.shutdownMaxWait())
                .clock(clock::instant)
                .serializer(new TraceData())
                .schedulerName(new SchedulerName.Fixed(instanceName()));
        meters.ifAvailable(registry -> builder.statsRegistry(new MicrometerStatsRegistry(registry, tasks)));
        return builder.build();
    }

    /** Shown in {@code picked_by}: host and pid, so that two instances on one machine can be told apart. */
    private static String instanceName() {
        return new SchedulerName.Hostname().getName() + "-"
                + ProcessHandle.current().pid();
    }

    @Bean
    SchedulerLifecycle timerSchedulerLifecycle(Scheduler scheduler) {
        return new SchedulerLifecycle(scheduler);
    }
}
