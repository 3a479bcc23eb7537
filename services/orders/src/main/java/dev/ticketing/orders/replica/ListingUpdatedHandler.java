package dev.ticketing.orders.replica;

import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.platform.messaging.EventHandler;
import dev.ticketing.platform.messaging.InboundEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code TICKET.updated}: a seller changed a listing's details. The event carries all of them, so the replica
 * takes the newest version it has seen and skips older ones; nothing is ever put off for a missing version (a
 * version also counts stock movements, which no event carries), and an update that overtook the listing's
 * {@code TICKET.created} creates the replica itself.
 */
@Component
class ListingUpdatedHandler implements EventHandler<Events.TicketUpdated> {

    private static final Logger log = LoggerFactory.getLogger(ListingUpdatedHandler.class);

    private final ListingReplicas replicas;

    ListingUpdatedHandler(ListingReplicas replicas) {
        this.replicas = replicas;
    }

    @Override
    public EventType<Events.TicketUpdated> eventType() {
        return Events.TICKET_UPDATED;
    }

    /** The listing's replica row, which completions and cancellations also move (see {@link ListingReplicas}). */
    @Override
    public String lockKey(InboundEvent<Events.TicketUpdated> event) {
        return String.valueOf(event.data().id());
    }

    @Override
    public void handle(InboundEvent<Events.TicketUpdated> event) {
        if (!replicas.applyNewer(event.data())) {
            log.debug(
                    "Listing {} is already at version {} or newer",
                    event.data().id(),
                    event.data().version());
        }
    }
}
