package dev.ticketing.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Least privilege on the embedded infrastructure: NATS refuses anonymous clients and lets each service publish
 * only its own subjects; PostgreSQL wants a password from everyone, and each service's role reaches only its own
 * database.
 */
@ExtendWith(StackExtension.class)
class InfrastructureAccessTest {

    private final Stack stack = Stack.get();

    @Test
    void natsRefusesAnonymousClients() {
        assertThatThrownBy(() -> Nats.connect(new Options.Builder()
                                .server(stack.natsUrl())
                                .maxReconnects(0)
                                .build())
                        .close())
                .hasMessageContaining("Authorization Violation");
    }

    @Test
    void aServiceCannotPublishAnotherServicesEventsSuchAsAPayment() throws Exception {
        var violations = new CopyOnWriteArrayList<String>();
        var reported = new CountDownLatch(1);
        var options = asOrders(violations, reported);
        long paymentsBefore;
        try (var admin = stack.nats()) {
            paymentsBefore = admin.jetStreamManagement()
                    .getStreamInfo("PAYMENTS")
                    .getStreamState()
                    .getMsgCount();
        }

        try (var orders = Nats.connect(options)) {
            orders.publish("PAYMENT.created." + java.util.UUID.randomUUID(), "{\"forged\":true}".getBytes());
            orders.flush(Duration.ofSeconds(5));
            assertThat(reported.await(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(violations)
                .anySatisfy(
                        error -> assertThat(error).contains("Permissions Violation for Publish to \"PAYMENT.created."));
        try (var admin = stack.nats()) {
            assertThat(admin.jetStreamManagement()
                            .getStreamInfo("PAYMENTS")
                            .getStreamState()
                            .getMsgCount())
                    .isEqualTo(paymentsBefore);
        }
    }

    /**
     * What a service's read-your-writes catch-up asks before a decision (docs/decisions/0014, 0080): the last event
     * of an aggregate in a stream it consumes, as a direct get where the stream allows it. A permission missing
     * here shows nowhere else: the lookup times out and every order waits out the catch-up's bound.
     */
    @Test
    void aServiceMayLookUpTheLastEventOfAStreamItConsumes() throws Exception {
        var errors = new CopyOnWriteArrayList<String>();
        var options = asOrders(errors, new CountDownLatch(1));

        try (var orders = Nats.connect(options)) {
            var jsm = orders.jetStreamManagement(JetStreamOptions.builder()
                    .requestTimeout(Duration.ofSeconds(10))
                    .build());
            assertThatThrownBy(() -> jsm.getLastMessage("TICKETS", "TICKET.*." + java.util.UUID.randomUUID()))
                    .isInstanceOfSatisfying(
                            JetStreamApiException.class,
                            e -> assertThat(e.getApiErrorCode())
                                    .as("no such message, rather than no answer")
                                    .isEqualTo(10037));
            orders.flush(Duration.ofSeconds(5));
        }

        assertThat(errors).isEmpty();
    }

    /** A client with the orders service's credentials, whose errors the server reports go to {@code errors}. */
    private Options asOrders(List<String> errors, CountDownLatch reported) {
        return new Options.Builder()
                .server(stack.natsUrl())
                .maxReconnects(0)
                .userInfo("orders", stack.credential("nats.user.orders"))
                .inboxPrefix("_INBOX_orders")
                .errorListener(new ErrorListener() {
                    @Override
                    public void errorOccurred(Connection conn, String error) {
                        errors.add(error);
                        reported.countDown();
                    }
                })
                .build();
    }

    @Test
    void postgresWantsAPasswordAndEachServiceReachesOnlyItsOwnDatabase() throws SQLException {
        assertThatThrownBy(() -> DriverManager.getConnection(stack.jdbcUrl("payments"), "postgres", "")
                        .close())
                .isInstanceOf(SQLException.class);
        String tickets = stack.credential("postgres.role.tickets");
        assertThatThrownBy(() -> DriverManager.getConnection(stack.jdbcUrl("payments"), "tickets", tickets)
                        .close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied for database");
        try (var own = DriverManager.getConnection(stack.jdbcUrl("tickets"), "tickets", tickets);
                var rs = own.createStatement()
                        .executeQuery(
                                "select rolsuper or rolcreaterole or rolcreatedb from pg_roles where rolname = current_user")) {
            rs.next();
            assertThat(rs.getBoolean(1))
                    .as("the tickets role has no administrative rights")
                    .isFalse();
        }
        for (String service : List.of("auth", "tickets", "orders", "payments", "expiration")) {
            try (var c = stack.database(service);
                    var rs = c.createStatement()
                            .executeQuery(
                                    "select pg_get_userbyid(datdba) from pg_database where datname = current_database()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(service);
            }
        }
    }
}
