package dev.ticketing.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.platform.test.Http;
import dev.ticketing.platform.test.ServiceTest;
import dev.ticketing.platform.test.TestJwtIssuer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The tickets service on a random port, with its own PostgreSQL database and nats-server per test class. */
@ServiceTest
public abstract class TicketsServiceTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected Http http;

    @BeforeEach
    void cleanTablesAndConnect() {
        http = new Http(port);
        jdbc.sql("truncate e_tickets, reservations, listings").update();
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

    protected static Map<String, Object> validListing() {
        return body("title", "Concert", "price", 20, "description", "Front row", "quantity", 4);
    }

    /** Creates a listing through the API and returns its JSON. */
    protected JsonNode createListing(User seller, Map<String, Object> body) {
        Http.Response response = http.post("/api/tickets", seller.token(), body);
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.body();
    }

    /** Moves the stock counters directly, standing in for the order saga that will own them. */
    protected void setCounters(String listingId, int reserved, int sold) {
        jdbc.sql("update listings set reserved = :reserved, sold = :sold where id = :id")
                .param("reserved", reserved)
                .param("sold", sold)
                .param("id", UUID.fromString(listingId))
                .update();
    }

    private static final java.util.regex.Pattern NEXT = java.util.regex.Pattern.compile("^<([^>]+)>; rel=\"next\"$");

    /** The ids of a page of listings, in the order given. */
    protected static java.util.List<String> ids(Http.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().valueStream().map(l -> l.get("id").asString()).toList();
    }

    /** The target of the {@code Link: <...>; rel="next"} header, or null on the last page. */
    protected static String nextLink(Http.Response response) {
        String link = response.header("Link");
        if (link == null) {
            return null;
        }
        java.util.regex.Matcher matcher = NEXT.matcher(link);
        assertThat(matcher.matches()).as(link).isTrue();
        return matcher.group(1);
    }
}
