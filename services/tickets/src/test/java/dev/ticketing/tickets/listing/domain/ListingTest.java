package dev.ticketing.tickets.listing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ListingTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00.123456789Z");
    private static final String SELLER = "seller-1";

    private static ListingDetails details(int quantity) {
        return new ListingDetails("Concert", "front row", new BigDecimal("20.5"), quantity);
    }

    private static Listing listing(int quantity, int reserved, int sold) {
        Listing created = Listing.create(UUID.randomUUID(), SELLER, details(quantity), NOW);
        return new Listing(created.id(), SELLER, created.details(), reserved, sold, 3, null, NOW, NOW);
    }

    @Test
    void createdListingHasVersionZeroAndEverythingAvailable() {
        Listing listing = Listing.create(UUID.randomUUID(), SELLER, details(4), NOW);
        assertThat(listing.version()).isZero();
        assertThat(listing.available()).isEqualTo(4);
        assertThat(listing.pendingOrder()).isEmpty();
        assertThat(listing.details().price())
                .isEqualByComparingTo("20.50")
                .extracting(BigDecimal::scale)
                .isEqualTo(2);
        assertThat(listing.createdAt()).isEqualTo(Instant.parse("2026-11-21T10:00:00.123456Z"));
    }

    @Test
    void sellerEditMovesVersionByOne() {
        Listing listing = listing(5, 0, 2);
        EditResult result = listing.edit(SELLER, details(2), NOW.plusSeconds(1));
        assertThat(result).isInstanceOfSatisfying(EditResult.Edited.class, edited -> {
            assertThat(edited.listing().version()).isEqualTo(4);
            assertThat(edited.listing().details().quantity()).isEqualTo(2);
            assertThat(edited.listing().available()).isZero();
            assertThat(edited.listing().createdAt()).isEqualTo(listing.createdAt());
        });
    }

    @Test
    void reservedListingCannotBeEditedEvenByAnotherUser() {
        assertThat(listing(5, 1, 0).edit("someone-else", details(5), NOW)).isInstanceOf(EditResult.Reserved.class);
        assertThat(listing(5, 1, 0).edit(SELLER, details(5), NOW)).isInstanceOf(EditResult.Reserved.class);
    }

    @Test
    void onlyTheSellerMayEdit() {
        assertThat(listing(5, 0, 0).edit("someone-else", details(5), NOW)).isInstanceOf(EditResult.NotOwner.class);
    }

    @Test
    void quantityCannotGoBelowSold() {
        assertThat(listing(5, 0, 3).edit(SELLER, details(2), NOW)).isEqualTo(new EditResult.BelowSold(3));
        assertThat(listing(5, 0, 3).edit(SELLER, details(3), NOW)).isInstanceOf(EditResult.Edited.class);
    }

    @Test
    void stockInvariantsAreEnforced() {
        assertThatThrownBy(() -> listing(2, 2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> listing(2, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ListingDetails("t", null, new BigDecimal("1.234"), 1))
                .isInstanceOf(ArithmeticException.class);
    }
}
