package dev.ticketing.web.ui.listings;

import dev.ticketing.web.ui.api.ApiFailure;
import dev.ticketing.web.ui.api.Page;
import dev.ticketing.web.ui.session.Session;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The seller's view: every listing with units reserved and sold, the earnings and the sales behind them. */
@Controller
class MyListingsController {

    /** Sales of listings not on the page shown get their titles by id; this many at most. */
    private static final int MAX_TITLE_LOOKUPS = 50;

    private final Catalog catalog;

    MyListingsController(Catalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/my/listings")
    ModelAndView mine(Session session, @RequestParam(required = false) String cursor) {
        session.require(null);
        Page<OwnListing> listings = catalog.mine(session, cursor);
        Earnings earnings = catalog.earnings(session);
        Map<String, String> titles = new HashMap<>();
        listings.items().forEach(l -> titles.put(l.id(), l.title()));
        earnings.sales().stream()
                .map(Earnings.Sale::ticketId)
                .distinct()
                .filter(id -> !titles.containsKey(id))
                .limit(MAX_TITLE_LOOKUPS)
                .forEach(id -> {
                    try {
                        titles.put(id, catalog.listing(session, id).title());
                    } catch (ApiFailure unknown) {
                        // the sale still shows, without a title
                    }
                });
        var view = new ModelAndView("listings/mine");
        view.addObject("listings", listings.items());
        view.addObject("next", listings.nextCursor().orElse(null));
        view.addObject("cursor", cursor);
        view.addObject("earnings", earnings);
        view.addObject("titles", titles);
        view.addObject(
                "unitsSold",
                earnings.sales().stream().mapToInt(Earnings.Sale::quantity).sum());
        return view;
    }
}
