package dev.ticketing.payments;

import static dev.ticketing.platform.test.Http.json;

import dev.ticketing.payments.Fixture.User;
import dev.ticketing.platform.messaging.Outbox;
import dev.ticketing.platform.test.Http;
import dev.ticketing.platform.test.ServiceTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The payments service on a random port, with its own database and nats-server per test class. */
@ServiceTest
public abstract class PaymentsServiceTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected Outbox outbox;

    @Autowired
    protected TransactionTemplate tx;

    @Autowired
    protected JdbcClient jdbc;

    protected Http http;
    protected Fixture fixture;

    @BeforeEach
    void connect() {
        http = new Http(port);
        fixture = new Fixture(outbox, tx, jdbc);
    }

    /** POST /api/payments for the order, as the user. */
    protected Http.Response pay(User user, String orderId) {
        return http.post("/api/payments", user.bearer(), json("orderId", orderId));
    }

    /** POST /api/payments for the order, as the user, with an {@code Idempotency-Key}. */
    protected Http.Response pay(User user, String orderId, String idempotencyKey) {
        return http.post(
                "/api/payments", user.bearer(), json("orderId", orderId), Map.of("Idempotency-Key", idempotencyKey));
    }
}
