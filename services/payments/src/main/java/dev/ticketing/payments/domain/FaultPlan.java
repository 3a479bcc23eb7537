package dev.ticketing.payments.domain;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The faults injected into one order's saga, parsed from {@code step=mode[, step=mode…]} (the
 * {@code X-Fault-Injection} header the orders service forwards as the {@code fault-injection} message header).
 * Parsing never fails: unknown steps or modes and malformed parts are ignored, because a test deployment's typo
 * must not break a real order; the first mode given for a step wins.
 */
public record FaultPlan(Map<Step, Mode> faults) {

    public static final FaultPlan NONE = new FaultPlan(Map.of());

    public enum Step { CREATE, RESERVE, PAYMENT, DELIVERY }

    public enum Mode { FAIL, TIMEOUT, CRASH }

    public FaultPlan {
        faults = Collections.unmodifiableMap(faults.isEmpty() ? Map.of() : new EnumMap<>(faults));
    }

    public static FaultPlan parse(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        Map<Step, Mode> faults = new EnumMap<>(Step.class);
        for (String part : header.split(",")) {
            String[] pair = part.split("=", -1);
            if (pair.length != 2) {
                continue;
            }
            Optional<Step> step = constant(Step.class, pair[0]);
            Optional<Mode> mode = constant(Mode.class, pair[1]);
            if (step.isPresent() && mode.isPresent()) {
                faults.putIfAbsent(step.get(), mode.get());
            }
        }
        return new FaultPlan(faults);
    }

    public Optional<Mode> modeFor(Step step) {
        return Optional.ofNullable(faults.get(step));
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
