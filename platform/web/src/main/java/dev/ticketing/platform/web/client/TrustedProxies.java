package dev.ticketing.platform.web.client;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The proxies whose {@code X-Forwarded-For} entries are believed (docs/decisions/0011), as networks in CIDR
 * notation ({@code 127.0.0.0/8}, {@code 10.0.0.0/8}, {@code ::1}, {@code fd00::/8}). A proxy appends the address
 * it received a request from to the header; so the client is found by walking the header from the right, past the
 * trusted proxies, to the first address that is not one of them. Whatever lies further left was written by that
 * client and proves nothing, so a client cannot choose its address by sending its own header.
 */
public final class TrustedProxies {

    private final List<Network> networks;

    private TrustedProxies(List<Network> networks) {
        this.networks = List.copyOf(networks);
    }

    /** The given networks; an entry without a prefix length is one address. Fails on anything else. */
    public static TrustedProxies of(Collection<String> cidrs) {
        List<Network> networks = new ArrayList<>();
        for (String cidr : cidrs) {
            if (!cidr.isBlank()) {
                networks.add(Network.parse(cidr.trim()));
            }
        }
        return new TrustedProxies(networks);
    }

    /** No proxy at all: every {@code X-Forwarded-For} is ignored. */
    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    public boolean trusts(InetAddress address) {
        return networks.stream().anyMatch(network -> network.contains(address));
    }

    /**
     * The client's address: the peer itself unless it is a trusted proxy, else the rightmost entry of the
     * {@code X-Forwarded-For} header values (in the order received) that is not a trusted proxy, or the leftmost
     * when every entry is one. An entry that is not an IP address ends the walk at the proxy that wrote it: it is
     * the best address known, and lumping such clients together errs on the side of throttling them.
     */
    public InetAddress client(InetAddress peer, List<String> forwardedFor) {
        InetAddress current = peer;
        List<String> hops = ForwardedFor.hops(forwardedFor);
        for (int i = hops.size() - 1; i >= 0 && trusts(current); i--) {
            Optional<InetAddress> hop = IpLiterals.parse(hops.get(i));
            if (hop.isEmpty()) {
                return current;
            }
            current = hop.get();
        }
        return current;
    }

    /**
     * The {@code X-Forwarded-For} a proxy passes on: the incoming one extended with the peer when the peer is a
     * trusted proxy, otherwise the peer alone (what an untrusted client claims is dropped, not passed on).
     */
    public String forwardedFor(InetAddress peer, List<String> forwardedFor) {
        String self = peer.getHostAddress();
        if (!trusts(peer)) {
            return self;
        }
        List<String> hops = new ArrayList<>(ForwardedFor.hops(forwardedFor));
        hops.add(self);
        return String.join(", ", hops);
    }

    @Override
    public String toString() {
        return networks.toString();
    }

    /** An address block: the first {@code prefix} bits of {@code base}. */
    private record Network(byte[] base, int prefix, String text) {

        static Network parse(String cidr) {
            int slash = cidr.indexOf('/');
            String address = slash < 0 ? cidr : cidr.substring(0, slash);
            byte[] base = IpLiterals.parse(address)
                    .orElseThrow(() -> new IllegalArgumentException("Not an IP network: " + cidr))
                    .getAddress();
            int prefix = base.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(cidr.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Not an IP network: " + cidr, e);
                }
                if (prefix < 0 || prefix > base.length * 8) {
                    throw new IllegalArgumentException("Not an IP network: " + cidr);
                }
            }
            return new Network(base, prefix, cidr);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != base.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (bytes[i] != base[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (bytes[whole] & mask) == (base[whole] & mask);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
