package dev.ticketing.platform.messaging;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

class ListenerConnectionsTest {

    @Test
    void aDataSourceThatDoesNotTellWhereToConnectFailsTheStartNotTheListener() {
        var connections = new ListenerConnections(new SimpleDriverDataSource());

        assertThatThrownBy(connections::requireSettings)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("signal-other-instances needs a Hikari DataSource");
    }
}
