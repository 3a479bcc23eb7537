package dev.ticketing.web.ui.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** How pages write money, times and countdowns ({@code ${@fmt.credits(order.total)}} in templates). */
@Component("fmt")
public class Formats {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern(
                    "d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final Clock clock;

    Formats(Clock clock) {
        this.clock = clock;
    }

    /** An amount as the API's JSON number reads: {@code 25}, {@code 20.5}. */
    public String money(BigDecimal amount) {
        return amount == null ? "" : amount.stripTrailingZeros().toPlainString();
    }

    /** Always "credits", even for one: docs/ui.md's texts ({@code Balance: N credits}) are matched as written. */
    public String credits(BigDecimal amount) {
        return money(amount) + " credits";
    }

    /** A signed ledger amount: {@code +500}, {@code −25} (a real minus sign). */
    public String signed(BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        return amount.signum() < 0 ? "\u2212" + money(amount.negate()) : "+" + money(amount);
    }

    public String dateTime(Instant at) {
        return at == null ? "" : DATE_TIME.format(at);
    }

    public String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    public String iso(Instant at) {
        return at == null ? "" : at.toString();
    }

    /** Milliseconds until {@code at} (0 once it passed), for the countdown script. */
    public long millisUntil(Instant at) {
        return at == null
                ? 0
                : Math.max(0, Duration.between(clock.instant(), at).toMillis());
    }

    /** Minutes and seconds until {@code at}, {@code 14:59}; {@code expired} once it passed. */
    public String countdown(Instant at) {
        long millis = millisUntil(at);
        if (millis <= 0) {
            return "expired";
        }
        long seconds = (millis + 999) / 1000;
        return String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
    }

    /** {@code 1 ticket}, {@code 3 tickets}. */
    public String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
