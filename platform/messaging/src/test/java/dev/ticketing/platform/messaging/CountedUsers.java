package dev.ticketing.platform.messaging;

import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Events.UserCreated;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A consumer of USER.created that only counts each user's events ({@link TestEffects}), for tests of the platform. */
@Configuration(proxyBeanMethods = false)
class CountedUsers {

    @Bean
    EventHandler<UserCreated> userCreated(TestEffects effects) {
        return EventHandler.of(
                Events.USER_CREATED, event -> effects.increment(event.envelope().aggregateId()));
    }
}
