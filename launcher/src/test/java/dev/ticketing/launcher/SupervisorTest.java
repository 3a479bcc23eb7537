package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.platform.test.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisorTest {

    private final MutableClock clock = new MutableClock();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Supervisor supervisor = new Supervisor(
            new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(60)), clock, log::add);

    @AfterEach
    void stopEverything() {
        supervisor.stopAll(Duration.ofSeconds(5));
    }

    @Test
    void restartsAKilledProcessWithGrowingDelaysAndResetsAfterAMinuteUp(@TempDir Path dir) throws Exception {
        var sleeper = sleeper(dir);
        supervisor.launch(sleeper);
        long first = sleeper.pid().orElseThrow();

        kill9(first);
        supervisor.tick();

        assertThat(log).contains("sleeper exited with 137, restarting in 0.5s (restart #1)");
        assertThat(supervisor.snapshot().getFirst().pid()).isNull();
        assertThat(supervisor.snapshot().getFirst().state()).isEqualTo("waiting");

        clock.advance(Duration.ofMillis(499));
        supervisor.tick();
        assertThat(sleeper.isAlive()).isFalse();

        clock.advance(Duration.ofMillis(1));
        supervisor.tick();
        long second = sleeper.pid().orElseThrow();
        assertThat(second).isNotEqualTo(first);
        assertThat(sleeper.isAlive()).isTrue();
        assertThat(supervisor.snapshot().getFirst())
                .extracting(ProcessState::pid, ProcessState::restarts, ProcessState::state)
                .containsExactly(second, 1, "running");

        kill9(second);
        supervisor.tick();
        assertThat(log).contains("sleeper exited with 137, restarting in 1s (restart #2)");

        clock.advance(Duration.ofSeconds(1));
        supervisor.tick();
        clock.advance(Duration.ofSeconds(60));
        supervisor.tick();
        kill9(sleeper.pid().orElseThrow());
        supervisor.tick();
        assertThat(log).contains("sleeper exited with 137, restarting in 0.5s (restart #3)");
        assertThat(dir.resolve("sleeper.log")).content().contains("starting sleeper");
    }

    @Test
    void aRestartLastsFromTheMomentTheProcessEndedUntilItIsReadyAgain(@TempDir Path dir) throws Exception {
        var sleeper = sleeper(dir);
        supervisor.launch(sleeper);
        supervisor.tick();
        assertThat(supervisor.snapshot().getFirst().lastRestart()).isNull();

        kill9(sleeper.pid().orElseThrow());
        Eventually.await(() -> sleeper.exitedAt().isPresent());
        clock.advance(Duration.ofMillis(200)); // the supervisor notices at its next round
        supervisor.tick();
        clock.advance(Duration.ofMillis(500)); // the backoff
        supervisor.tick();
        clock.advance(Duration.ofMillis(300)); // start-up until the probe answers
        supervisor.tick();

        assertThat(supervisor.snapshot().getFirst().lastRestart()).isEqualTo(Duration.ofSeconds(1));
        assertThat(log).contains("sleeper is ready (300 ms after start, back 1.0 s after it stopped)");
    }

    @Test
    void aRestartIncludesTheStartsThatFailedOnTheWay() {
        var unit = new FakeUnit("auth", 2, new ArrayList<>());
        unit.ready = true;
        supervisor.launch(unit);
        supervisor.tick();

        unit.alive = false;
        unit.failingStarts = 1;
        supervisor.tick();
        clock.advance(Duration.ofMillis(500));
        supervisor.tick(); // fails, next try after 1 s
        clock.advance(Duration.ofSeconds(1));
        supervisor.tick(); // starts
        assertThat(supervisor.snapshot().getFirst().lastRestart()).isNull();
        clock.advance(Duration.ofMillis(250));
        supervisor.tick(); // ready

        assertThat(supervisor.snapshot().getFirst())
                .extracting(ProcessState::restarts, ProcessState::lastRestart)
                .containsExactly(2, Duration.ofMillis(1750));
    }

    @Test
    void aFailedStartIsRetriedLikeACrash() {
        var unit = new FakeUnit("auth", 2, new ArrayList<>());
        unit.failingStarts = 1;

        supervisor.launch(unit);
        assertThat(log).contains("auth could not start (port in use), restarting in 0.5s (restart #1)");

        clock.advance(Duration.ofMillis(500));
        supervisor.tick();
        assertThat(unit.isAlive()).isTrue();
        assertThat(unit.starts).isEqualTo(2);
    }

    @Test
    void tracksReadinessOfEveryProcess() {
        var auth = new FakeUnit("auth", 2, new ArrayList<>());
        var web = new FakeUnit("web", 2, new ArrayList<>());
        supervisor.launch(auth);
        supervisor.launch(web);

        auth.ready = true;
        supervisor.tick();
        assertThat(supervisor.allReady()).isFalse();

        web.ready = true;
        clock.advance(Duration.ofMillis(250));
        supervisor.tick();
        assertThat(supervisor.allReady()).isTrue();
        assertThat(supervisor.snapshot())
                .allSatisfy(p -> assertThat(p.readyAt()).isNotNull());
        assertThat(log).contains("web is ready (250 ms after start)");
    }

    @Test
    void stopsServicesThenNatsThenPostgresAndRestartsNothingAfterwards() {
        List<String> stopped = new ArrayList<>();
        var postgres = new FakeUnit("postgres", 0, stopped);
        var nats = new FakeUnit("nats", 1, stopped);
        var auth = new FakeUnit("auth", 2, stopped);
        var web = new FakeUnit("web", 2, stopped);
        for (FakeUnit unit : List.of(postgres, nats, auth, web)) {
            unit.start();
            supervisor.adopt(unit);
        }

        supervisor.stopAll(Duration.ofSeconds(1));
        clock.advance(Duration.ofMinutes(1));
        supervisor.tick();

        assertThat(stopped.subList(0, 2)).containsExactlyInAnyOrder("auth", "web");
        assertThat(stopped.subList(2, 4)).containsExactly("nats", "postgres");
        assertThat(List.of(postgres, nats, auth, web)).noneMatch(FakeUnit::isAlive);
        assertThat(supervisor.snapshot()).extracting(ProcessState::state).containsOnly("stopped");
    }

    @Test
    void stoppingAChildProcessEndsIt(@TempDir Path dir) {
        var sleeper = sleeper(dir);
        supervisor.launch(sleeper);
        long pid = sleeper.pid().orElseThrow();

        supervisor.stopAll(Duration.ofSeconds(5));

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        assertThat(sleeper.exitDescription()).isEqualTo("exited with 143");
    }

    private static void kill9(long pid) throws Exception {
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
        handle.destroyForcibly();
        handle.onExit().get(10, TimeUnit.SECONDS);
    }

    /** A child process that sleeps for ten minutes and logs to {@code dir/sleeper.log}. */
    private ChildProcess sleeper(Path dir) {
        return new ChildProcess(
                "sleeper",
                0,
                2,
                List.of("sleep", "600"),
                Map.of(),
                dir,
                dir.resolve("sleeper.log"),
                () -> true,
                "sleep",
                clock);
    }
}
