package dev.ticketing.contracts;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The faults injected into one order's saga: the value of the {@code X-Fault-Injection} request header, which the
 * orders service remembers for the order and sends as the {@code fault-injection} header of every event of the order
 * ({@code step=mode[, step=mode…]}, docs/saga.md). The services read and apply it through one seam, the
 * {@code FaultInjection} of platform-messaging (docs/decisions/0017).
 *
 * <p>{@link #parseStrict} is for the edge of the system, where a malformed header is the client's mistake and is
 * refused with the reason; {@link #parse} is for consumers of events, which ignore malformed parts so that a test
 * aid can never break a saga (there, when a step is named twice, the first mention wins). Case and spaces around
 * names do not matter.
 */
public record FaultPlan(Map<Step, Mode> faults) {

    public static final FaultPlan NONE = new FaultPlan(Map.of());

    /** What a valid header looks like, for error messages. */
    public static final String SYNTAX = "expected step=mode[, step=mode...] with step create|reserve|payment|delivery "
            + "and mode fail|timeout|crash, each step at most once";

    /** A saga step a fault can be injected into. */
    public enum Step {
        CREATE,
        RESERVE,
        PAYMENT,
        DELIVERY;

        /** The name in the header, e.g. {@code reserve}. */
        public String token() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How an injected fault behaves. */
    public enum Mode {
        /** The step fails with an error that is not a business rejection: outcome UNKNOWN. */
        FAIL,
        /** The step answers after its deadline: outcome TIMEOUT, and the late answer is compensated. */
        TIMEOUT,
        /** The process halts right after the step committed, once; after the restart the saga succeeds. */
        CRASH
    }

    public FaultPlan {
        faults = faults.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(faults));
    }

    /** Thrown by {@link #parseStrict} with a message fit for the client. */
    public static final class MalformedFaultPlan extends IllegalArgumentException {

        MalformedFaultPlan(String message) {
            super(message);
        }
    }

    /** Reads a header, ignoring parts it does not understand. */
    public static FaultPlan parse(String header) {
        return read(header, false);
    }

    /** Reads a header, refusing anything that is not {@code step=mode[, step=mode…]} with known names. */
    public static FaultPlan parseStrict(String header) {
        return read(header, true);
    }

    public Optional<Mode> modeFor(Step step) {
        return Optional.ofNullable(faults.get(step));
    }

    public boolean has(Step step, Mode mode) {
        return faults.get(step) == mode;
    }

    public boolean isEmpty() {
        return faults.isEmpty();
    }

    /** The canonical header value, e.g. {@code reserve=crash, delivery=fail}, or empty for no plan. */
    public Optional<String> header() {
        if (faults.isEmpty()) {
            return Optional.empty();
        }
        var text = new StringBuilder();
        faults.forEach((step, mode) -> {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(step.token()).append('=').append(mode.name().toLowerCase(Locale.ROOT));
        });
        return Optional.of(text.toString());
    }

    private static FaultPlan read(String header, boolean strict) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        var faults = new EnumMap<Step, Mode>(Step.class);
        for (String part : header.split(",", strict ? -1 : 0)) {
            String[] pair = part.split("=", -1);
            Optional<Step> step = pair.length == 2 ? constant(Step.class, pair[0]) : Optional.empty();
            Optional<Mode> mode = pair.length == 2 ? constant(Mode.class, pair[1]) : Optional.empty();
            if (strict) {
                requireWellFormed(part, pair, step, mode, faults);
            }
            if (step.isPresent() && mode.isPresent()) {
                faults.putIfAbsent(step.get(), mode.get());
            }
        }
        return new FaultPlan(faults);
    }

    private static void requireWellFormed(
            String part, String[] pair, Optional<Step> step, Optional<Mode> mode, Map<Step, Mode> seen) {
        if (pair.length != 2) {
            throw malformed("'" + part.trim() + "' is not step=mode");
        }
        if (step.isEmpty()) {
            throw malformed("unknown step '" + pair[0].trim() + "'");
        }
        if (mode.isEmpty()) {
            throw malformed("unknown mode '" + pair[1].trim() + "'");
        }
        if (seen.containsKey(step.get())) {
            throw malformed("step '" + pair[0].trim() + "' given twice");
        }
    }

    private static MalformedFaultPlan malformed(String problem) {
        return new MalformedFaultPlan("Invalid X-Fault-Injection header: " + problem + "; " + SYNTAX);
    }

    private static <E extends Enum<E>> Optional<E> constant(Class<E> type, String text) {
        String name = text.trim().toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
