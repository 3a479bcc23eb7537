package dev.ticketing.web.ui.orders;

import java.time.Instant;

/** One step the order's saga took ({@code GET /api/orders/{id}/timeline}), in the services' own words. */
record TimelineEntry(Instant at, String step, String service, String detail) {}
