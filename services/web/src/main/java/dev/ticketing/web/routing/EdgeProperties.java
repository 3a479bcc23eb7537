package dev.ticketing.web.routing;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticketing.edge.*}.
 *
 * @param trustedProxies networks (CIDR) whose {@code X-Forwarded-For} the edge passes on, extended with their
 *                       address. None by default: the edge is the public entry, so every peer is a client and a
 *                       header it sends is dropped (set it when a load balancer stands in front of the edge).
 * @param quarantine     how long an instance of a service that refused a connection is passed over while the
 *                       service has others ({@link UpstreamInstances}); short, because a restarted instance should
 *                       get its share again soon, and one refused connection costs next to nothing.
 */
@ConfigurationProperties("ticketing.edge")
public record EdgeProperties(
        @DefaultValue({}) List<String> trustedProxies,
        @DefaultValue("2s") Duration quarantine) {}
