package dev.ticketing.platform.web.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private static final TrustedProxies LOOPBACK = TrustedProxies.of(List.of("127.0.0.0/8", "::1"));

    @Test
    void aPeerThatIsNoTrustedProxyIsTheClientWhateverItClaims() {
        assertThat(LOOPBACK.client(ip("198.51.100.4"), List.of("203.0.113.7"))).isEqualTo(ip("198.51.100.4"));
    }

    @Test
    void behindATrustedProxyTheClientIsTheAddressItForwarded() {
        assertThat(LOOPBACK.client(ip("127.0.0.1"), List.of("203.0.113.7"))).isEqualTo(ip("203.0.113.7"));
    }

    @Test
    void whatTheClientWroteLeftOfItsOwnAddressIsIgnored() {
        // the client sent "X-Forwarded-For: 6.6.6.6"; a proxy that appends made it "6.6.6.6, 203.0.113.7"
        assertThat(LOOPBACK.client(ip("127.0.0.1"), List.of("6.6.6.6, 203.0.113.7")))
                .isEqualTo(ip("203.0.113.7"));
        assertThat(LOOPBACK.client(ip("127.0.0.1"), List.of("6.6.6.6", "203.0.113.7")))
                .isEqualTo(ip("203.0.113.7"));
    }

    @Test
    void trustedProxiesInTheChainAreSkipped() {
        var proxies = TrustedProxies.of(List.of("127.0.0.0/8", "10.0.0.0/8"));
        assertThat(proxies.client(ip("127.0.0.1"), List.of("6.6.6.6, 203.0.113.7, 10.1.2.3, 10.9.9.9")))
                .isEqualTo(ip("203.0.113.7"));
    }

    @Test
    void whenEveryHopIsTrustedTheLeftmostIsTheClient() {
        assertThat(LOOPBACK.client(ip("127.0.0.1"), List.of("127.0.0.2, 127.0.0.3")))
                .isEqualTo(ip("127.0.0.2"));
        assertThat(LOOPBACK.client(ip("127.0.0.1"), List.of())).isEqualTo(ip("127.0.0.1"));
    }

    @Test
    void anEntryThatIsNoAddressStopsAtTheProxyThatWroteIt() {
        assertThat(LOOPBACK.client(ip("127.0.0.1"), List.of("unknown"))).isEqualTo(ip("127.0.0.1"));
        assertThat(LOOPBACK.client(ip("127.0.0.1"), List.of("203.0.113.7, evil.example.com")))
                .isEqualTo(ip("127.0.0.1"));
    }

    @Test
    void portsBracketsAndIpv6AreUnderstood() {
        assertThat(LOOPBACK.client(ip("::1"), List.of("203.0.113.7:4711"))).isEqualTo(ip("203.0.113.7"));
        assertThat(LOOPBACK.client(ip("::1"), List.of("[2001:db8::1]:4711"))).isEqualTo(ip("2001:db8::1"));
        assertThat(LOOPBACK.client(ip("0:0:0:0:0:0:0:1"), List.of("2001:db8::1")))
                .isEqualTo(ip("2001:db8::1"));
    }

    @Test
    void networksMatchOnTheirPrefix() {
        var proxies = TrustedProxies.of(List.of("10.0.0.0/8", "192.168.4.0/23", "fd00::/8", "203.0.113.7"));
        assertThat(proxies.trusts(ip("10.255.0.1"))).isTrue();
        assertThat(proxies.trusts(ip("11.0.0.1"))).isFalse();
        assertThat(proxies.trusts(ip("192.168.5.200"))).isTrue();
        assertThat(proxies.trusts(ip("192.168.6.1"))).isFalse();
        assertThat(proxies.trusts(ip("fdab::1"))).isTrue();
        assertThat(proxies.trusts(ip("fe80::1"))).isFalse();
        assertThat(proxies.trusts(ip("203.0.113.7"))).isTrue();
        assertThat(proxies.trusts(ip("203.0.113.8"))).isFalse();
        assertThat(TrustedProxies.none().trusts(ip("127.0.0.1"))).isFalse();
    }

    @Test
    void aMalformedNetworkIsRefusedAtStartUp() {
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustedProxies.of(List.of("proxy.internal")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aProxyPassesOnOnlyWhatItCanVouchFor() {
        assertThat(LOOPBACK.forwardedFor(ip("198.51.100.4"), List.of("6.6.6.6")))
                .isEqualTo("198.51.100.4");
        assertThat(TrustedProxies.none().forwardedFor(ip("127.0.0.1"), List.of("6.6.6.6")))
                .isEqualTo("127.0.0.1");
        assertThat(LOOPBACK.forwardedFor(ip("127.0.0.1"), List.of("203.0.113.7", "10.0.0.1")))
                .isEqualTo("203.0.113.7, 10.0.0.1, 127.0.0.1");
    }

    private static InetAddress ip(String literal) {
        return IpLiterals.parse(literal).orElseThrow();
    }
}
