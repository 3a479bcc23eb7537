package dev.ticketing.tickets.listing;

import dev.ticketing.contracts.Events;
import dev.ticketing.platform.messaging.EventCatchUp;
import dev.ticketing.platform.messaging.Outbox;
import dev.ticketing.platform.web.pagination.Page;
import dev.ticketing.platform.web.pagination.PageRequest;
import dev.ticketing.tickets.listing.domain.EditResult;
import dev.ticketing.tickets.listing.domain.Listing;
import dev.ticketing.tickets.listing.domain.ListingChange;
import dev.ticketing.tickets.listing.domain.ListingDetails;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** The sellers' use cases on listings; every change commits together with its event in the outbox. */
@Service
class ListingService {

    /** Concurrent edits of one listing are rare; this many rounds lets every one of a burst land. */
    static final int MAX_EDIT_ATTEMPTS = 10;

    private static final Logger log = LoggerFactory.getLogger(ListingService.class);

    private final ListingRepository listings;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final EventCatchUp catchUp;

    ListingService(
            ListingRepository listings,
            Outbox outbox,
            TransactionTemplate transactions,
            Clock clock,
            EventCatchUp catchUp) {
        this.listings = listings;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
        this.catchUp = catchUp;
    }

    Listing create(String sellerId, ListingDetails details) {
        Listing listing = Listing.create(UUID.randomUUID(), sellerId, details, clock.instant());
        transactions.executeWithoutResult(status -> {
            listings.insert(listing);
            outbox.append(
                    Events.TICKET_CREATED, listing.id().toString(), listing.version(), ListingEvents.created(listing));
        });
        return listing;
    }

    /** The outcome of an edit request, including the cases the aggregate cannot know about. */
    sealed interface EditOutcome {
        record Decided(EditResult result) implements EditOutcome {}

        record UnknownListing() implements EditOutcome {}

        /** Others kept changing the listing faster than this edit could land: the client should try again. */
        record TooContended() implements EditOutcome {}
    }

    /**
     * Applies a seller's edit on the current version. If another change commits between our read and our write,
     * the write matches no row and the edit is decided again on the newer version, in a new transaction — so no
     * change is lost and every successful edit moves the version by exactly one.
     *
     * <p>First, outside the transaction, the reservations catch up with the orders placed on this listing
     * (bounded, docs/decisions/0014): an order placed a moment ago makes the listing reserved, so the edit is
     * refused.
     */
    EditOutcome edit(UUID id, String callerId, ListingChange change) {
        catchUp.awaitLatest(Events.ORDER_CREATED, id.toString());
        for (int attempt = 1; attempt <= MAX_EDIT_ATTEMPTS; attempt++) {
            Optional<EditOutcome> outcome = transactions.execute(status -> tryEdit(id, callerId, change));
            if (outcome.isPresent()) {
                return outcome.get();
            }
            log.debug("Listing {} changed during edit attempt {}, retrying", id, attempt);
        }
        return new EditOutcome.TooContended();
    }

    /** Empty when the listing changed under us and nothing was written. */
    private Optional<EditOutcome> tryEdit(UUID id, String callerId, ListingChange change) {
        Optional<Listing> current = listings.find(id);
        if (current.isEmpty()) {
            return Optional.of(new EditOutcome.UnknownListing());
        }
        // applied to the version read in this attempt, so a field left out keeps its latest value
        ListingDetails details = change.applyTo(current.get().details());
        EditResult result = current.get().edit(callerId, details, clock.instant());
        if (result instanceof EditResult.Edited(Listing edited)) {
            if (!listings.updateDetails(edited, current.get().version())) {
                return Optional.empty();
            }
            outbox.append(
                    Events.TICKET_UPDATED, edited.id().toString(), edited.version(), ListingEvents.updated(edited));
        }
        return Optional.of(new EditOutcome.Decided(result));
    }

    Optional<Listing> find(UUID id) {
        return listings.find(id);
    }

    Page<Listing> available(TitleSearch search, PageRequest page) {
        return Page.of(listings.available(search, page), page, ListingRepository::cursorOf);
    }

    Page<Listing> bySeller(String sellerId, PageRequest page) {
        return Page.of(listings.bySeller(sellerId, page), page, ListingRepository::cursorOf);
    }
}
