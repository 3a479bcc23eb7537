package dev.ticketing.web.home;

import dev.ticketing.web.routing.RoutesProperties;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** Reads the available listings from the tickets service's public API, server-side. */
@Component
class TicketCatalog {

    private static final Logger log = LoggerFactory.getLogger(TicketCatalog.class);
    private final RestClient tickets;

    TicketCatalog(RestClient.Builder builder, RoutesProperties routes) {
        this.tickets = builder.baseUrl(routes.ticketsUrl()).build();
    }

    /** The available listings, or empty when the tickets service cannot answer right now. */
    Optional<List<Listing>> available() {
        try {
            Listing[] listings = tickets.get().uri("/api/tickets").retrieve().body(Listing[].class);
            return Optional.of(listings == null ? List.of() : Arrays.asList(listings));
        } catch (RestClientException e) {
            log.warn("Could not list tickets: {}", e.toString());
            return Optional.empty();
        }
    }
}
