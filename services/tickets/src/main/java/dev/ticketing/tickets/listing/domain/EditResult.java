package dev.ticketing.tickets.listing.domain;

/** The outcome of a seller editing a listing: the edited listing or the business rule that refused it. */
public sealed interface EditResult {

    /** The edit applied; {@code listing} carries the next version. */
    record Edited(Listing listing) implements EditResult {}

    /** Units are held by a pending order, so the terms it was made under must not change. */
    record Reserved() implements EditResult {}

    /** Only the seller may edit a listing. */
    record NotOwner() implements EditResult {}

    /** The new quantity would be lower than the units already sold. */
    record BelowSold(int sold) implements EditResult {}
}
