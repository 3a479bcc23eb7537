package dev.ticketing.orders.order;

import dev.ticketing.orders.order.domain.Order;
import java.math.BigDecimal;

/** An order with the current title and price of its listing, as the API shows it. */
record OrderView(Order order, String listingTitle, BigDecimal listingPrice) {}
