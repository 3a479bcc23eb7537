package dev.ticketing.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The launcher brings back any service process killed with SIGKILL, and the service works again. */
@ExtendWith(StackExtension.class)
class ServiceCrashTest {

    private final Stack stack = Stack.get();

    @ParameterizedTest
    @ValueSource(strings = {"auth", "tickets", "web"})
    void aKilledServiceIsRestartedAndServesAgain(String service) {
        long before = stack.pid(service);
        stack.kill9(service);

        long after = Eventually.await(
                service + " restarted by the launcher",
                Duration.ofSeconds(60),
                () -> stack.pid(service),
                pid -> pid > 0 && pid != before);
        assertThat(after).isNotEqualTo(before);
        stack.awaitReady(service, Duration.ofSeconds(60));

        var user = new Http(stack.url());
        var signup = Eventually.await(
                "signup through the edge after the restart",
                Duration.ofSeconds(30),
                () -> user.post(
                        "/api/users/signup", Map.of("email", AuthJourneyTest.uniqueEmail(), "password", "password1")),
                r -> r.status() == 201);
        assertThat(signup.status()).isEqualTo(201);
        var listing = user.post("/api/tickets", Map.of("title", "after " + service + " crash", "price", 5));
        assertThat(listing.status()).isEqualTo(201);
        assertThat(stack.launcherLog()).contains(service);
    }
}
