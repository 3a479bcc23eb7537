package dev.ticketing.web.ui.listings;

import dev.ticketing.web.ui.api.Api;
import dev.ticketing.web.ui.api.ApiError;
import dev.ticketing.web.ui.api.ApiFailure;
import dev.ticketing.web.ui.session.Session;
import dev.ticketing.web.ui.session.Viewer;
import dev.ticketing.web.ui.web.FormErrors;
import dev.ticketing.web.ui.web.Views;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * One listing: its page (units left follow reservations live; the seller also sees reserved and sold), the
 * reserve form, and the seller's new and edit forms.
 */
@Controller
class ListingController {

    /** The API's message while units are reserved; the edit page says it as soon as it opens, too. */
    static final String RESERVED = "Cannot edit a reserved ticket";

    private static final Set<String> RESERVE_FIELDS = Set.of("quantity");
    private static final Pattern KEY = Pattern.compile("[0-9a-f-]{36}");

    private final Catalog catalog;
    private final Api api;

    ListingController(Catalog catalog, Api api) {
        this.catalog = catalog;
        this.api = api;
    }

    @GetMapping("/tickets/{id}")
    ModelAndView show(
            Session session,
            @PathVariable String id,
            @RequestParam(required = false) String listed,
            @RequestParam(required = false) String saved) {
        var view = listingPage(session, id, "1", FormErrors.none(), HttpStatus.OK);
        view.addObject("listed", listed != null);
        view.addObject("saved", saved != null);
        return view;
    }

    /** The live part of the page; 204 while nothing changed since the version the page shows ({@code v}). */
    @GetMapping("/tickets/{id}/live")
    ModelAndView live(Session session, @PathVariable String id, @RequestParam(required = false) String v) {
        Listing listing = catalog.listing(session, id);
        Optional<OwnListing> own = ownIfSeller(session, listing);
        String key = liveKey(listing, own);
        if (key.equals(v)) {
            return Views.unchanged();
        }
        var view = new ModelAndView("listings/live :: listing");
        view.addObject("listing", listing);
        view.addObject("own", own.orElse(null));
        view.addObject("liveKey", key);
        return view;
    }

    @PostMapping("/tickets/{id}/reserve")
    ModelAndView reserve(
            Session session,
            @PathVariable String id,
            @RequestParam(defaultValue = "") String quantity,
            @RequestParam(defaultValue = "") String key) {
        session.require("/tickets/" + Api.id(id));
        var body = new LinkedHashMap<String, Object>();
        body.put("ticketId", id);
        if (!quantity.isBlank()) {
            body.put("quantity", ListingForm.number(quantity.strip()));
        }
        // the form's own key: sending it twice (a double click, a resent form) reserves once
        Map<String, String> headers = KEY.matcher(key).matches() ? Map.of("Idempotency-Key", key) : Map.of();
        try {
            Reserved order = api.send(
                    session, HttpMethod.POST, Api.Service.ORDERS, "/api/orders", body, headers, Reserved.class);
            return new ModelAndView("redirect:/orders/" + Api.id(order.id()) + "?reserved=1");
        } catch (ApiFailure refused) {
            if (refused.status() == 401 && session.viewer().isEmpty()) {
                throw refused;
            }
            return listingPage(session, id, quantity, FormErrors.of(refused, RESERVE_FIELDS), statusOf(refused));
        }
    }

    @GetMapping("/tickets/new")
    ModelAndView newForm(Session session) {
        session.require(null);
        return form(null, ListingForm.blank(), FormErrors.none(), HttpStatus.OK);
    }

    @PostMapping("/tickets")
    ModelAndView create(
            Session session,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String description,
            @RequestParam(required = false) String price,
            @RequestParam(required = false) String quantity) {
        session.require("/tickets/new");
        var form = new ListingForm(title, description, price, quantity);
        try {
            return new ModelAndView("redirect:/tickets/" + Api.id(catalog.create(session, form)) + "?listed=1");
        } catch (ApiFailure refused) {
            if (refused.status() == 401 && session.viewer().isEmpty()) {
                throw refused;
            }
            return form(null, form, FormErrors.of(refused, ListingForm.FIELDS), statusOf(refused));
        }
    }

    @GetMapping("/tickets/{id}/edit")
    ModelAndView editForm(Session session, @PathVariable String id) {
        Viewer viewer = session.require(null);
        Listing listing = catalog.listing(session, id);
        requireSeller(viewer, listing);
        // refused as soon as it opens while units are reserved; the API decides again when the form is sent
        boolean reserved = catalog.own(session, listing.id())
                .map(own -> own.reserved() > 0)
                .orElse(false);
        return form(
                listing,
                ListingForm.of(listing),
                reserved ? FormErrors.general(RESERVED) : FormErrors.none(),
                HttpStatus.OK);
    }

    @PostMapping("/tickets/{id}/edit")
    ModelAndView edit(
            Session session,
            @PathVariable String id,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String description,
            @RequestParam(required = false) String price,
            @RequestParam(required = false) String quantity) {
        Viewer viewer = session.require("/tickets/" + Api.id(id) + "/edit");
        Listing listing = catalog.listing(session, id);
        requireSeller(viewer, listing);
        var form = new ListingForm(title, description, price, quantity);
        try {
            catalog.update(session, id, form);
            return new ModelAndView("redirect:/tickets/" + listing.id() + "?saved=1");
        } catch (ApiFailure refused) {
            if (refused.status() == 401 && session.viewer().isEmpty()) {
                throw refused;
            }
            return form(listing, form, FormErrors.of(refused, ListingForm.FIELDS), statusOf(refused));
        }
    }

    private ModelAndView listingPage(
            Session session, String id, String quantity, FormErrors errors, HttpStatus status) {
        Listing listing = catalog.listing(session, id);
        Optional<OwnListing> own = ownIfSeller(session, listing);
        var view = Views.page("listings/listing", status);
        view.addObject("listing", listing);
        view.addObject("own", own.orElse(null));
        view.addObject("seller", own.isPresent() || isSeller(session, listing));
        view.addObject("liveKey", liveKey(listing, own));
        view.addObject("quantity", quantity);
        view.addObject("reserveKey", UUID.randomUUID().toString());
        view.addObject("errors", errors);
        return view;
    }

    private ModelAndView form(Listing listing, ListingForm form, FormErrors errors, HttpStatus status) {
        var view = Views.page("listings/form", status);
        view.addObject("listing", listing);
        view.addObject("form", form);
        view.addObject("errors", errors);
        return view;
    }

    private Optional<OwnListing> ownIfSeller(Session session, Listing listing) {
        return isSeller(session, listing) ? catalog.own(session, listing.id()) : Optional.empty();
    }

    private static boolean isSeller(Session session, Listing listing) {
        return session.viewer().map(v -> v.id().equals(listing.userId())).orElse(false);
    }

    /** Only the seller edits; the API would refuse anyone else too (401), this says why. */
    private static void requireSeller(Viewer viewer, Listing listing) {
        if (!viewer.id().equals(listing.userId())) {
            throw new ApiFailure(403, List.of(new ApiError("Only the seller can edit this listing", null)));
        }
    }

    /** Changes whenever the listing does (every reservation, sale or edit bumps its version). */
    private static String liveKey(Listing listing, Optional<OwnListing> own) {
        return listing.version() + "-" + listing.available()
                + own.map(o -> "-" + o.reserved() + "-" + o.sold()).orElse("");
    }

    private static HttpStatus statusOf(ApiFailure refused) {
        return refused.status() >= 500
                ? HttpStatus.SERVICE_UNAVAILABLE
                : HttpStatus.valueOf(refused.status() == 401 ? 403 : refused.status());
    }

    /** The part of the orders API's answer the redirect needs. */
    record Reserved(String id) {}
}
