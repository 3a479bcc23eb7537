package dev.ticketing.platform.web.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpLiteralsTest {

    @Test
    void addressesAreParsedWithoutPortsOrBrackets() {
        assertThat(IpLiterals.parse("203.0.113.7"))
                .hasValueSatisfying(a -> assertThat(a.getHostAddress()).isEqualTo("203.0.113.7"));
        assertThat(IpLiterals.parse("203.0.113.7:80"))
                .hasValueSatisfying(a -> assertThat(a.getHostAddress()).isEqualTo("203.0.113.7"));
        assertThat(IpLiterals.parse("[2001:db8::1]:80"))
                .hasValueSatisfying(a -> assertThat(a.getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:1"));
        assertThat(IpLiterals.parse("::ffff:203.0.113.7"))
                .hasValueSatisfying(a -> assertThat(a.getHostAddress()).isEqualTo("203.0.113.7"));
    }

    @Test
    void namesAndOddFormsAreNoAddresses() {
        for (String text : new String[] {
            "localhost",
            "example.com",
            "unknown",
            "_hidden",
            "1.2.3",
            "01.2.3.4",
            "256.1.1.1",
            "1.2.3.4.5",
            "::g",
            ".1:2",
            "fe80::1%eth0",
            "",
            "1:2:3:4:5:6:7:8:9"
        }) {
            assertThat(IpLiterals.parse(text)).as(text).isEmpty();
        }
    }
}
