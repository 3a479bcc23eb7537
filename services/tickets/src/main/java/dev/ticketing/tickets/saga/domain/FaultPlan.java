package dev.ticketing.tickets.saga.domain;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The faults injected into one order's saga, read from its {@code fault-injection} header
 * ({@code step=mode[, step=mode…]}). Orders already refused malformed headers with a 400; what still reaches us
 * malformed (unknown step or mode, missing {@code =}) is ignored part by part rather than failing the event, since
 * a test aid must never break the saga. When a step is named twice, the first mention wins.
 */
public record FaultPlan(Map<FaultStep, FaultMode> modes) {

    public static final FaultPlan NONE = new FaultPlan(Map.of());

    public FaultPlan {
        modes = modes.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(modes));
    }

    public static FaultPlan parse(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        var modes = new EnumMap<FaultStep, FaultMode>(FaultStep.class);
        for (String part : header.split(",")) {
            String[] pair = part.split("=", -1);
            if (pair.length != 2) {
                continue;
            }
            Optional<FaultStep> step = FaultStep.named(pair[0].trim());
            Optional<FaultMode> mode = FaultMode.named(pair[1].trim());
            if (step.isPresent() && mode.isPresent()) {
                modes.putIfAbsent(step.get(), mode.get());
            }
        }
        return new FaultPlan(modes);
    }

    public Optional<FaultMode> modeOf(FaultStep step) {
        return Optional.ofNullable(modes.get(step));
    }

    public boolean has(FaultStep step, FaultMode mode) {
        return modes.get(step) == mode;
    }
}
