package dev.ticketing.platform.messaging.fault;

import dev.ticketing.contracts.FaultPlan;
import dev.ticketing.contracts.FaultPlan.Step;
import dev.ticketing.contracts.Headers;
import dev.ticketing.platform.messaging.InboundEvent;
import java.util.Map;
import java.util.Optional;

/**
 * The one seam of fault injection (docs/saga.md "Fault injection", docs/decisions/0017): where a service reads an
 * order's fault plan and where an injected crash happens. Every service goes through it, so that there is one
 * place that decides whether faults are honoured at all, one place where a plan is remembered for the order's
 * later steps, and one way a crash fires once.
 *
 * <p>Off unless {@code ticketing.faults-enabled=true}: every plan is then {@link FaultPlan#NONE}, nothing is
 * read or written, and {@link #crashOnceAfterCommit} does nothing, so a production deployment can neither be
 * halted through a header nor pay a query for the feature.
 */
public final class FaultInjection {

    private final boolean enabled;
    private final FaultPlans plans;
    private final CrashOnce crashes;

    FaultInjection(boolean enabled, FaultPlans plans, CrashOnce crashes) {
        this.enabled = enabled;
        this.plans = plans;
        this.crashes = crashes;
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * The plan of an {@code X-Fault-Injection} request header (orders, where a plan enters the system). A malformed
     * header is the client's mistake: it throws {@link FaultPlan.MalformedFaultPlan} with a message for the client.
     */
    public FaultPlan fromRequest(String header) {
        return enabled ? FaultPlan.parseStrict(header) : FaultPlan.NONE;
    }

    /**
     * The plan of an order's event: the {@code fault-injection} header it carries, or else the plan remembered for
     * the order (an event published without the header). Malformed parts are ignored: a test aid never breaks a
     * saga.
     */
    public FaultPlan plan(String orderId, InboundEvent<?> event) {
        if (!enabled) {
            return FaultPlan.NONE;
        }
        Optional<String> header = Optional.ofNullable(event.headers().get(Headers.FAULT_INJECTION));
        return header.isPresent() ? FaultPlan.parse(header.get()) : plan(orderId);
    }

    /** The plan remembered for the order: for a step that no event starts, e.g. a payment request. */
    public FaultPlan plan(String orderId) {
        return enabled ? plans.of(orderId).map(FaultPlan::parse).orElse(FaultPlan.NONE) : FaultPlan.NONE;
    }

    /**
     * Remembers the order's plan for its later steps and events, in the caller's transaction, so that it exists
     * exactly when the step that saw it committed. The first plan remembered for an order stays.
     */
    public void remember(String orderId, FaultPlan plan) {
        if (enabled) {
            plan.header().ifPresent(text -> plans.remember(orderId, text));
        }
    }

    /** The headers that carry the order's remembered plan on its events: none when it has no plan. */
    public Map<String, String> headers(String orderId) {
        return plan(orderId)
                .header()
                .map(text -> Map.of(Headers.FAULT_INJECTION, text))
                .orElse(Map.of());
    }

    /**
     * Halts the process right after the caller's transaction commits, unless this crash of the order's step
     * happened before. Call it inside the step's transaction, after the step's other work (the halt comes after
     * every other after-commit action, such as waking the outbox relay). A rolled-back step does not crash and does
     * not use the crash up.
     */
    public void crashOnceAfterCommit(String orderId, Step step) {
        if (enabled) {
            crashes.afterCommit(orderId, step);
        }
    }
}
