package dev.ticketing.web.ui.listings;

import dev.ticketing.web.ui.api.Api;
import dev.ticketing.web.ui.api.ApiFailure;
import dev.ticketing.web.ui.api.Page;
import dev.ticketing.web.ui.session.Session;
import dev.ticketing.web.ui.web.Views;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The home page: listings with units available, a search, pages, and units left that follow sales live. */
@Controller
class BrowseController {

    private final Catalog catalog;

    BrowseController(Catalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/")
    ModelAndView browse(
            Session session, @RequestParam(required = false) String q, @RequestParam(required = false) String cursor) {
        String query = q == null ? "" : q.strip();
        var view = new ModelAndView("listings/browse");
        view.addObject("q", query);
        view.addObject("cursor", cursor);
        try {
            Page<Listing> page = catalog.available(session, query, cursor);
            view.addObject("listings", page.items());
            view.addObject("next", page.nextCursor().orElse(null));
            view.addObject(
                    "availabilityUrl",
                    Api.uri(
                            "/listings/availability",
                            "q",
                            query,
                            "cursor",
                            cursor,
                            "ids",
                            String.join(
                                    ",", page.items().stream().map(Listing::id).toList())));
        } catch (ApiFailure failure) {
            if (failure.status() == 400 && cursor != null) {
                // a cursor we did not hand out (edited, or from an older version): start over
                return new ModelAndView("redirect:" + Api.uri("/", "q", query));
            }
            view.addObject("listings", List.of());
            view.addObject("unavailable", true);
            view.setStatus(HttpStatus.SERVICE_UNAVAILABLE);
        }
        return view;
    }

    /** The units left of the listings a page shows, as out-of-band swaps into that page (htmx, every few seconds). */
    @GetMapping("/listings/availability")
    ModelAndView availability(
            Session session,
            @RequestParam(defaultValue = "") String ids,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String cursor) {
        List<String> shown = Arrays.stream(ids.split(","))
                .filter(id -> !id.isBlank())
                .distinct()
                .limit(Catalog.PAGE_SIZE)
                .map(Api::id)
                .toList();
        if (shown.isEmpty()) {
            return Views.unchanged();
        }
        var view = new ModelAndView("listings/live :: availability");
        view.addObject("available", catalog.availability(session, shown, q, cursor));
        return view;
    }
}
