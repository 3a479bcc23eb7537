package dev.ticketing.orders.replica;

import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.platform.messaging.EventHandler;
import dev.ticketing.platform.messaging.InboundEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** {@code TICKET.created} → a new listing in the replica; a repeat (or one overtaken by its updates) is a no-op. */
@Component
class ListingCreatedHandler implements EventHandler<Events.TicketCreated> {

    private static final Logger log = LoggerFactory.getLogger(ListingCreatedHandler.class);

    private final ListingReplicas replicas;

    ListingCreatedHandler(ListingReplicas replicas) {
        this.replicas = replicas;
    }

    @Override
    public EventType<Events.TicketCreated> eventType() {
        return Events.TICKET_CREATED;
    }

    @Override
    public void handle(InboundEvent<Events.TicketCreated> event) {
        if (!replicas.insertIfAbsent(event.data())) {
            log.debug("Listing {} already replicated", event.data().id());
        }
    }
}
