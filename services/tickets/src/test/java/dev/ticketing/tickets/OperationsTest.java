package dev.ticketing.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.platform.test.Http;
import org.junit.jupiter.api.Test;

/** What operators and the web edge rely on: probes, metrics and the OpenAPI document. */
class OperationsTest extends TicketsServiceTest {

    @Test
    void livenessAndReadinessAreUp() {
        for (String probe : new String[] {"liveness", "readiness"}) {
            Http.Response response = http.get("/actuator/health/" + probe, null);
            assertThat(response.status()).as(probe).isEqualTo(200);
            assertThat(response.body().get("status").asString()).isEqualTo("UP");
        }
    }

    @Test
    void prometheusMetricsAreExposed() {
        Http.Response response = http.get("/actuator/prometheus", null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.raw()).contains("jvm_memory_used_bytes").contains("hikaricp_connections_max");
    }

    @Test
    void openApiDocumentDescribesTheTicketRoutes() {
        Http.Response response = http.get("/v3/api-docs", null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("paths").propertyNames())
                .contains("/api/tickets", "/api/tickets/{id}", "/api/tickets/mine", "/api/tickets/purchased");
    }
}
