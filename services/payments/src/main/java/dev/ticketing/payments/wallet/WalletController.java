package dev.ticketing.payments.wallet;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketing.platform.security.CurrentUser;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's wallet and earnings (docs/api.md, payments table). */
@RestController
@RequestMapping("/api/payments")
class WalletController {

    static final String CURRENCY = "credits";

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record EntryView(Instant at, BigDecimal amount, String kind, String orderId) {}

    record WalletView(BigDecimal balance, String currency, List<EntryView> entries) {}

    /** A seller's sale; {@code ticketId} is the listing sold, under the wire's name. */
    record SaleView(String orderId, String ticketId, int quantity, BigDecimal amount, Instant at) {}

    record EarningsView(BigDecimal total, List<SaleView> sales) {}

    private final WalletQueries queries;

    WalletController(WalletQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/wallet")
    WalletView wallet(CurrentUser user) {
        return queries.wallet(user.id());
    }

    @GetMapping("/earnings")
    EarningsView earnings(CurrentUser user) {
        return queries.earnings(user.id());
    }
}
