package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresUnitTest {

    @Test
    void laptopSettingsWithRoomForTheConnectionsOfEveryFurtherInstance() {
        assertThat(PostgresUnit.settings(Map.of(), 1))
                .containsEntry("max_connections", "64")
                .containsEntry("shared_buffers", "64MB");
        assertThat(PostgresUnit.settings(Map.of(), 2)).containsEntry("max_connections", "104");
        assertThat(PostgresUnit.settings(Map.of(), 4)).containsEntry("max_connections", "184");
    }

    @Test
    void theDevelopersSettingsWin() {
        assertThat(PostgresUnit.settings(
                        Map.of("TICKETING_POSTGRES_SETTINGS", "max_connections=300, shared_buffers=256MB"), 2))
                .containsEntry("max_connections", "300")
                .containsEntry("shared_buffers", "256MB");
        assertThatThrownBy(() -> PostgresUnit.settings(Map.of("TICKETING_POSTGRES_SETTINGS", "oops"), 1))
                .hasMessageContaining("expected name=value");
    }
}
