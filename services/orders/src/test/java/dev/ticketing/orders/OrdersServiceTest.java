package dev.ticketing.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.platform.test.ClassInfrastructure;
import dev.ticketing.platform.test.Http;
import dev.ticketing.platform.test.Poll;
import dev.ticketing.platform.test.ServiceTest;
import dev.ticketing.platform.test.TestJwtIssuer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The orders service on a random port, with its own PostgreSQL database and nats-server per test class. */
@ServiceTest
public abstract class OrdersServiceTest {

    protected static final Duration TIMEOUT = Duration.ofSeconds(20);

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected Http http;
    protected Broker broker;

    @BeforeEach
    void cleanTablesAndConnect(ClassInfrastructure infra) {
        http = new Http(port);
        broker = new Broker(infra.nats().url());
        jdbc.sql("truncate order_timeline, idempotency_keys, orders, listing_replica")
                .update();
    }

    @AfterEach
    void closeBroker() throws InterruptedException {
        broker.close();
    }

    /** A user with a valid access token. */
    protected record User(String id, String token) {}

    protected static User newUser() {
        String id = UUID.randomUUID().toString();
        return new User(id, TestJwtIssuer.shared().token(id, id + "@example.com"));
    }

    protected static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    /** Publishes TICKET.created for a new listing and waits until orders replicated it; returns its id. */
    protected String listing(User seller, String price, int quantity) {
        String id = UUID.randomUUID().toString();
        broker.ticketCreated(id, seller.id(), "Concert", price, quantity);
        await("listing " + id + " replicated", () -> replicaVersion(id) != null);
        return id;
    }

    protected Long replicaVersion(String listingId) {
        return jdbc.sql("select version from listing_replica where id = :id")
                .param("id", UUID.fromString(listingId))
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    /** {@code [reserved, sold]} of the replica. */
    protected List<Integer> counters(String listingId) {
        return jdbc.sql("select reserved, sold from listing_replica where id = :id")
                .param("id", UUID.fromString(listingId))
                .query((rs, row) -> List.of(rs.getInt("reserved"), rs.getInt("sold")))
                .single();
    }

    /** Creates an order through the API and returns its JSON. */
    protected JsonNode order(User buyer, String listingId, int quantity) {
        Http.Response response =
                http.post("/api/orders", buyer.token(), body("ticketId", listingId, "quantity", quantity));
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.body();
    }

    protected String status(String orderId) {
        return jdbc.sql("select status from orders where id = :id")
                .param("id", UUID.fromString(orderId))
                .query(String.class)
                .single();
    }

    protected String outcome(String orderId) {
        return jdbc.sql("select outcome from orders where id = :id")
                .param("id", UUID.fromString(orderId))
                .query(String.class)
                .optional()
                .orElse(null);
    }

    protected void awaitStatus(String orderId, String status) {
        await("order " + orderId + " is " + status, () -> status.equals(status(orderId)));
    }

    protected long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    protected static void await(String what, BooleanSupplier condition) {
        assertThat(Poll.until(condition, TIMEOUT))
                .as("timed out waiting until " + what)
                .isTrue();
    }
}
