package dev.ticketing.tickets.listing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ListingChangeTest {

    private static final ListingDetails CURRENT = new ListingDetails("Concert", "Front row", new BigDecimal("20"), 5);

    @Test
    void leftOutDescriptionAndQuantityKeepTheCurrentOnes() {
        ListingDetails next = new ListingChange("Opera", new BigDecimal("30.5"), null, null).applyTo(CURRENT);
        assertThat(next).isEqualTo(new ListingDetails("Opera", "Front row", new BigDecimal("30.5"), 5));
    }

    @Test
    void givenDescriptionAndQuantityReplaceTheCurrentOnes() {
        ListingDetails next = new ListingChange("Opera", new BigDecimal("30.5"), "Back row", 2).applyTo(CURRENT);
        assertThat(next).isEqualTo(new ListingDetails("Opera", "Back row", new BigDecimal("30.5"), 2));
    }
}
