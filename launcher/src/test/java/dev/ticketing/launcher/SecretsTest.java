package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    @TempDir
    Path dataDir;

    @Test
    void aCredentialIsGeneratedOnceKeptPrivateAndTheSameAfterARestart() throws Exception {
        Secrets first = Secrets.of(dataDir);
        String orders = first.postgresRole("orders");
        String tickets = first.postgresRole("tickets");

        assertThat(orders).hasSizeGreaterThanOrEqualTo(20).isNotEqualTo(tickets);
        assertThat(Secrets.of(dataDir).postgresRole("orders")).isEqualTo(orders);
        assertThat(Secrets.of(dataDir).natsUser("orders")).isNotEqualTo(orders);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.file())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(first.file().getParent())))
                .isEqualTo("rwx------");
    }
}
