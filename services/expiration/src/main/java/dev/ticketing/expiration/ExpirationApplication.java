package dev.ticketing.expiration;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Durable timers: fires {@code EXPIRATION.complete} for every order at its {@code expiresAt}, surviving restarts. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ExpirationApplication {

    public static void main(String[] args) {
        SpringApplication.run(ExpirationApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
