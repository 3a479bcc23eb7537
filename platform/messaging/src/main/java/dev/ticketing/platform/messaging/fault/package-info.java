/**
 * Fault injection, one seam for every service (docs/decisions/0017): {@link
 * dev.ticketing.platform.messaging.fault.FaultInjection}. A plan enters with the {@code X-Fault-Injection} header of
 * {@code POST /api/orders}, travels as the {@code fault-injection} header of the order's events, is remembered per
 * order in {@code messaging_fault_plans} for the steps that do not carry it, and a {@code crash} halts the process
 * after the step's commit, once per (order, step), remembered in {@code messaging_fault_crashes}. Everything is off
 * unless {@code ticketing.faults-enabled=true}.
 */
package dev.ticketing.platform.messaging.fault;
