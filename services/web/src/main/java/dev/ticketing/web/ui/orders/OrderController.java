package dev.ticketing.web.ui.orders;

import dev.ticketing.web.ui.api.Api;
import dev.ticketing.web.ui.api.ApiFailure;
import dev.ticketing.web.ui.api.Page;
import dev.ticketing.web.ui.etickets.ETickets;
import dev.ticketing.web.ui.session.Session;
import dev.ticketing.web.ui.web.FormErrors;
import dev.ticketing.web.ui.web.Formats;
import dev.ticketing.web.ui.web.Views;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The buyer's orders, and one order's page: status, outcome and timeline followed live until the order is final,
 * a countdown while it is unpaid, pay and cancel, and the e-tickets once complete. Another person's order is
 * "Not found" (the API answers 401 or 404 for it, and the page never says which).
 */
@Controller
class OrderController {

    private static final Pattern KEY = Pattern.compile("[0-9a-f-]{36}");

    private final Purchases purchases;
    private final ETickets etickets;
    private final Formats formats;
    /** The trace viewer's search page (the launcher's Zipkin, TICKETING_TRACES_URL), or blank: no link (decision 61). */
    private final String tracesUrl;

    OrderController(
            Purchases purchases,
            ETickets etickets,
            Formats formats,
            @Value("${ticketing.traces-url:}") String tracesUrl) {
        this.tracesUrl = tracesUrl.trim();
        this.purchases = purchases;
        this.etickets = etickets;
        this.formats = formats;
    }

    @GetMapping("/orders")
    ModelAndView orders(Session session, @RequestParam(required = false) String cursor) {
        session.require(null);
        Page<Order> page = purchases.orders(session, cursor);
        var view = new ModelAndView("orders/list");
        view.addObject("orders", page.items());
        view.addObject("next", page.nextCursor().orElse(null));
        view.addObject("cursor", cursor);
        return view;
    }

    @GetMapping("/orders/{id}")
    ModelAndView order(
            Session session,
            @PathVariable String id,
            @RequestParam(required = false) String reserved,
            @RequestParam(required = false) String paid,
            @RequestParam(required = false) String cancelled) {
        session.require(null);
        var view = orderPage(session, id, FormErrors.none(), HttpStatus.OK);
        view.addObject(
                "flash",
                reserved != null ? "reserved" : paid != null ? "paid" : cancelled != null ? "cancelled" : null);
        return view;
    }

    /**
     * The parts of the order page that change, as out-of-band swaps into it; 204 while nothing changed since the
     * state the page shows ({@code v}). The actions are only sent when the status changed ({@code s}), so that a
     * button is never replaced under a person's finger.
     */
    @GetMapping("/orders/{id}/live")
    ModelAndView live(
            Session session,
            @PathVariable String id,
            @RequestParam(required = false) String v,
            @RequestParam(required = false) String s) {
        session.require("/orders/" + Api.id(id));
        Order order = purchases.order(session, id);
        List<TimelineEntry> timeline = purchases.timeline(session, id);
        String key = liveKey(order, timeline);
        if (key.equals(v)) {
            return Views.unchanged();
        }
        var view = new ModelAndView("orders/parts :: live");
        fill(view, session, order, timeline);
        view.addObject("statusChanged", !order.status().equals(s));
        return view;
    }

    @PostMapping("/orders/{id}/pay")
    ModelAndView pay(Session session, @PathVariable String id, @RequestParam(defaultValue = "") String key) {
        session.require("/orders/" + Api.id(id));
        try {
            purchases.pay(session, id, KEY.matcher(key).matches() ? Map.of("Idempotency-Key", key) : Map.of());
            return new ModelAndView("redirect:/orders/" + id + "?paid=1");
        } catch (ApiFailure refused) {
            return refusedAction(session, id, refused);
        }
    }

    @PostMapping("/orders/{id}/cancel")
    ModelAndView cancel(Session session, @PathVariable String id) {
        session.require("/orders/" + Api.id(id));
        try {
            purchases.cancel(session, id);
            return new ModelAndView("redirect:/orders/" + id + "?cancelled=1");
        } catch (ApiFailure refused) {
            return refusedAction(session, id, refused);
        }
    }

    /** The order page again, with the API's message where the buttons are; someone else's order stays not found. */
    private ModelAndView refusedAction(Session session, String id, ApiFailure refused) {
        if (refused.notFoundOrNotYours()) {
            throw refused;
        }
        HttpStatus status =
                refused.status() >= 500 ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.valueOf(refused.status());
        return orderPage(session, id, FormErrors.of(refused, Set.of()), status);
    }

    private ModelAndView orderPage(Session session, String id, FormErrors errors, HttpStatus status) {
        Order order = purchases.order(session, id);
        List<TimelineEntry> timeline = purchases.timeline(session, id);
        var view = Views.page("orders/order", status);
        fill(view, session, order, timeline);
        view.addObject("errors", errors);
        return view;
    }

    private void fill(ModelAndView view, Session session, Order order, List<TimelineEntry> timeline) {
        view.addObject("order", order);
        view.addObject("story", Story.of(timeline));
        view.addObject("timeline", timeline);
        view.addObject("liveKey", liveKey(order, timeline));
        // computed here: templates may not call beans inside attributes (Thymeleaf's restricted mode)
        view.addObject("millisLeft", formats.millisUntil(order.expiresAt()));
        view.addObject(
                "etickets",
                "complete".equals(order.status())
                        ? etickets.ofOrder(session, order.id(), order.quantity())
                        : List.of());
        view.addObject("payKey", UUID.randomUUID().toString());
        view.addObject(
                "traceUrl",
                tracesUrl.isEmpty()
                        ? null
                        : tracesUrl + "?lookback=7d&limit=10&annotationQuery="
                                + java.net.URLEncoder.encode(
                                        "order.id=" + order.id(), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String liveKey(Order order, List<TimelineEntry> timeline) {
        return order.version() + "-" + order.status() + "-" + order.outcome() + "-" + timeline.size();
    }
}
