package dev.ticketing.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackInfoTest {

    @TempDir
    Path dataDir;

    @BeforeEach
    void credentials() throws Exception {
        Files.createDirectories(dataDir.resolve("secrets"));
        Files.writeString(dataDir.resolve("secrets").resolve("credentials"), "postgres.superuser=pg\nnats.admin=na\n");
    }

    @Test
    void readsTheRunningStack() throws Exception {
        writeState(true);

        StackInfo stack = StackInfo.read(dataDir);

        assertThat(stack.webUrl()).isEqualTo("http://127.0.0.1:8080");
        assertThat(stack.jdbcUrl("orders")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/orders");
        assertThat(stack.pids()).containsKeys("launcher", "postgres", "nats", "web", "traces");
        assertThat(stack.natsUrl()).isEqualTo("nats://127.0.0.1:4222");
    }

    @Test
    void readsAStackInClusterModeWithEveryNatsNode() throws Exception {
        Files.writeString(dataDir.resolve("state.json"), """
                {"phase":"running","launcherPid":10,"processes":[
                  {"name":"postgres","ready":true,"pid":11,"port":5432},
                  {"name":"nats-1","ready":true,"pid":12,"port":4222},
                  {"name":"nats-2","ready":true,"pid":15,"port":4223},
                  {"name":"orders-2","ready":true,"pid":16,"port":18183},
                  {"name":"web","ready":true,"pid":13,"port":8080}]}""");

        StackInfo stack = StackInfo.read(dataDir);

        assertThat(stack.natsUrl()).isEqualTo("nats://127.0.0.1:4222,nats://127.0.0.1:4223");
        assertThat(stack.pids()).containsKeys("nats-1", "nats-2", "orders-2");
    }

    @Test
    void waitsForAProcessThatIsStillStarting() throws Exception {
        writeState(false);
        // the launcher marks the trace store ready a moment later
        CompletableFuture<Void> launcher = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(700);
                writeState(true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        StackInfo stack = StackInfo.awaitReady(dataDir, Duration.ofSeconds(30));

        launcher.join();
        assertThat(stack.pids()).containsKey("traces");
    }

    @Test
    void givesUpOnAProcessThatStaysNotReady() throws Exception {
        writeState(false);

        assertThatThrownBy(() -> StackInfo.awaitReady(dataDir, Duration.ZERO))
                .isInstanceOf(StackInfo.NotReady.class)
                .hasMessageContaining("traces is not ready");
    }

    private void writeState(boolean tracesReady) throws Exception {
        Path next = dataDir.resolve("state.json.next");
        Files.writeString(next, """
                {"phase":"running","launcherPid":10,"processes":[
                  {"name":"postgres","ready":true,"pid":11,"port":5432},
                  {"name":"nats","ready":true,"pid":12,"port":4222},
                  {"name":"web","ready":true,"pid":13,"port":8080},
                  {"name":"traces","ready":%s,"pid":14,"port":9411}]}""".formatted(tracesReady));
        Files.move(next, dataDir.resolve("state.json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
