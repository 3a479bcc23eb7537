package dev.ticketing.orders.order;

import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.orders.domain.Transition;
import dev.ticketing.orders.replica.ListingReplicas;
import dev.ticketing.platform.messaging.EventHandler;
import dev.ticketing.platform.messaging.InboundEvent;
import dev.ticketing.platform.messaging.ReplicaVersion;
import dev.ticketing.platform.messaging.RetryLater;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code TICKET.updated}: the listing's new details for the replica (in version order), and, when it names an
 * order ({@code data.orderId}), tickets' confirmation that it holds that order's units (docs/saga.md). The
 * confirmation is idempotent and holds even for an update the replica already has; it is decided first so
 * that this handler locks the order before the listing, like every other path that touches both.
 */
@Component
class TicketUpdatedHandler implements EventHandler<Events.TicketUpdated> {

    /** How long to wait for the missing earlier update (or the TICKET.created) before trying again. */
    static final Duration GAP_RETRY = Duration.ofMillis(500);

    private final ListingReplicas replicas;
    private final OrderTransitions transitions;

    TicketUpdatedHandler(ListingReplicas replicas, OrderTransitions transitions) {
        this.replicas = replicas;
        this.transitions = transitions;
    }

    @Override
    public EventType<Events.TicketUpdated> eventType() {
        return Events.TICKET_UPDATED;
    }

    @Override
    public void handle(InboundEvent<Events.TicketUpdated> event) {
        Events.TicketUpdated updated = event.data();
        UUID listingId = UUID.fromString(updated.id());
        OrderIds.parse(updated.orderId()).ifPresent(orderId ->
                transitions.apply(orderId, Timeline.Source.RESERVE, (order, now) -> order.ticketId().equals(listingId)
                        ? order.confirmReservation(now)
                        : new Transition.Illegal("tickets confirmed units of listing " + listingId
                                + " for an order of listing " + order.ticketId())));
        applyToReplica(updated, listingId);
    }

    private void applyToReplica(Events.TicketUpdated updated, UUID listingId) {
        OptionalLong current = replicas.version(listingId);
        if (current.isEmpty()) {
            throw new RetryLater("listing " + listingId + " not replicated yet", GAP_RETRY);
        }
        switch (ReplicaVersion.decide(current.getAsLong(), updated.version())) {
            case APPLY -> {
                if (!replicas.applyUpdate(updated)) {
                    throw new RetryLater("listing " + listingId + " changed concurrently", GAP_RETRY);
                }
            }
            case SKIP -> {
                // already applied: only the confirmation above mattered
            }
            case GAP -> throw new RetryLater("listing " + listingId + " is at version " + current.getAsLong()
                    + ", update " + updated.version() + " must wait for the ones before it", GAP_RETRY);
        }
    }
}
