package dev.ticketing.platform.web.client;

import java.net.InetAddress;

/**
 * The address of the client a request comes from, as the trusted proxies in front of this service report it
 * ({@link TrustedProxies}). A controller parameter of this type receives it.
 */
public record ClientAddress(InetAddress address) {

    @Override
    public String toString() {
        return address.getHostAddress();
    }
}
