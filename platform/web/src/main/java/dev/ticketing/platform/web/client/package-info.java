/**
 * Who is calling: {@link dev.ticketing.platform.web.client.ClientAddress} for controllers, resolved from the peer
 * and {@code X-Forwarded-For} through {@link dev.ticketing.platform.web.client.TrustedProxies}, which the edge also
 * uses to decide what it forwards (docs/decisions/0011).
 */
package dev.ticketing.platform.web.client;
