package dev.ticketing.tickets.saga;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code ticketing.faults-enabled}: honour the orders' {@code fault-injection} header (test deployments only). */
@ConfigurationProperties("ticketing")
record FaultProperties(@DefaultValue("false") boolean faultsEnabled) {
}
