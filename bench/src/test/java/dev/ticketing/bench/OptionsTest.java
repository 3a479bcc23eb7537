package dev.ticketing.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void theDefaultRunIsEverythingForAFewMinutes() {
        Options options = Options.parse(List.of());

        assertThat(options.scenarios()).containsExactlyInAnyOrder(Options.Scenario.values());
        assertThat(options.loads()).containsExactlyInAnyOrder(Options.Load.values());
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.firstWarmup()).as("a fresh stack's JVMs compile").isEqualTo(Duration.ofMinutes(3));
        assertThat(options.concurrency()).isEqualTo(16);
        assertThat(options.rate()).as("half the closed loop's rate").isZero();
        assertThat(options.flashBuyers()).isEqualTo(300);
        assertThat(options.flashUnits()).isEqualTo(100);
        assertThat(options.baseline()).isTrue();
    }

    @Test
    void quickShortensTheDefaultsButNotWhatIsGiven() {
        Options options = Options.parse(List.of("--duration", "7s", "--quick"));

        assertThat(options.quick()).isTrue();
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(7));
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.firstWarmup()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.flashBuyers()).isEqualTo(40);
    }

    @Test
    void readsEveryOption() {
        Options options = Options.parse(List.of(
                "--scenario",
                "spread,hot",
                "--load",
                "open",
                "--rate",
                "12.5",
                "--concurrency",
                "8",
                "--listings",
                "20",
                "--warmup",
                "500ms",
                "--first-warmup",
                "30s",
                "--duration",
                "1m",
                "--flash-buyers",
                "10",
                "--flash-units",
                "3",
                "--no-baseline"));

        assertThat(options.scenarios()).containsExactlyInAnyOrder(Options.Scenario.SPREAD, Options.Scenario.HOT);
        assertThat(options.loads()).containsExactly(Options.Load.OPEN);
        assertThat(options.rate()).isEqualTo(12.5);
        assertThat(options.concurrency()).isEqualTo(8);
        assertThat(options.listings()).isEqualTo(20);
        assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.firstWarmup()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.duration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(options.baseline()).isFalse();
    }

    @Test
    void repeatedScenariosAddUp() {
        assertThat(Options.parse(List.of("--scenario", "hot", "--scenario", "flash"))
                        .scenarios())
                .containsExactlyInAnyOrder(Options.Scenario.HOT, Options.Scenario.FLASH);
        assertThat(Options.parse(List.of("--scenario", "all")).scenarios()).hasSize(3);
    }

    @Test
    void refusesWhatCannotRunOrWouldNotEnd() {
        assertThatThrownBy(() -> Options.parse(List.of("--duration", "10m"))).hasMessageContaining("at most");
        assertThatThrownBy(() -> Options.parse(List.of("--scenario", "cold"))).hasMessageContaining("spread, hot");
        assertThatThrownBy(() -> Options.parse(List.of("--flash-buyers", "10", "--flash-units", "10")))
                .hasMessageContaining("below");
        assertThatThrownBy(() -> Options.parse(List.of("--rate", "-1"))).hasMessageContaining("above 0");
        assertThatThrownBy(() -> Options.parse(List.of("--concurrency"))).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Options.parse(List.of("--verbose"))).hasMessageContaining("Unknown option");
        assertThatThrownBy(() -> Options.parse(List.of("--load", "open"))).hasMessageContaining("--rate");
    }

    @Test
    void durationsTakeUnits() {
        assertThat(Options.duration("d", "250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Options.duration("d", "1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Options.duration("d", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Options.duration("d", "3")).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> Options.duration("--duration", "soon")).hasMessageContaining("--duration");
    }
}
