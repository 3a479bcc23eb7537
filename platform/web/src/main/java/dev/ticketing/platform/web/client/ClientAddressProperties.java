package dev.ticketing.platform.web.client;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticketing.client-address.*}.
 *
 * @param trustedProxies networks (CIDR) whose {@code X-Forwarded-For} a service believes when they are its peer.
 *                       By default the loopback, where the local edge runs; in a cluster, the ingress's network.
 */
@ConfigurationProperties("ticketing.client-address")
public record ClientAddressProperties(
        @DefaultValue({"127.0.0.0/8", "::1"}) List<String> trustedProxies) {}
