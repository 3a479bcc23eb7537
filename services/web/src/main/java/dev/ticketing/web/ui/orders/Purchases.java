package dev.ticketing.web.ui.orders;

import dev.ticketing.web.ui.api.Api;
import dev.ticketing.web.ui.api.Page;
import dev.ticketing.web.ui.session.Session;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/** The orders and payments API calls of the order pages. */
@Component
class Purchases {

    private final Api api;

    Purchases(Api api) {
        this.api = api;
    }

    Page<Order> orders(Session session, String cursor) {
        return api.page(
                session, Api.Service.ORDERS, Api.uri("/api/orders", "limit", "25", "cursor", cursor), Order[].class);
    }

    Order order(Session session, String id) {
        return api.get(session, Api.Service.ORDERS, "/api/orders/" + Api.id(id), Order.class);
    }

    List<TimelineEntry> timeline(Session session, String id) {
        TimelineEntry[] entries =
                api.get(session, Api.Service.ORDERS, "/api/orders/" + Api.id(id) + "/timeline", TimelineEntry[].class);
        return entries == null ? List.of() : Arrays.asList(entries);
    }

    /** Pays with the wallet; {@code key} makes a resent form pay once. */
    void pay(Session session, String orderId, Map<String, String> idempotency) {
        api.send(
                session,
                HttpMethod.POST,
                Api.Service.PAYMENTS,
                "/api/payments",
                Map.of("orderId", Api.id(orderId)),
                idempotency,
                Void.class);
    }

    void cancel(Session session, String orderId) {
        api.send(
                session,
                HttpMethod.DELETE,
                Api.Service.ORDERS,
                "/api/orders/" + Api.id(orderId),
                null,
                Map.of(),
                Void.class);
    }
}
