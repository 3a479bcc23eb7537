package dev.ticketing.bench;

import java.util.ArrayList;
import java.util.List;

/** Listings put up for a run through the API, by its sellers. */
final class Market {

    /**
     * The price of every unit: the smallest the API accepts, so that a new user's 500 credits pay for 50,000
     * purchases and no wallet runs dry however fast the system gets. The amount changes none of the work.
     */
    static final String PRICE = "0.01";

    private Market() {}

    /** {@code count} listings of {@code units} units each, listed by the sellers in turn; their ids. */
    static List<String> list(Api api, List<Population.User> sellers, int count, int units, String title) {
        var ids = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            Population.User seller = sellers.get(i % sellers.size());
            Api.Response response = api.listTicket(seller.token(), title + " " + (i + 1), PRICE, units);
            if (response.status() != 201) {
                throw new IllegalStateException("Listing failed: " + response.status() + " " + response.body());
            }
            ids.add(response.json().path("id").asString());
        }
        return List.copyOf(ids);
    }
}
