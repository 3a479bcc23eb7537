package dev.ticketing.platform.web.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP addresses written as text, never looked up in DNS: {@code 203.0.113.7}, {@code 203.0.113.7:4711},
 * {@code 2001:db8::1}, {@code [2001:db8::1]:4711}. An IPv4-mapped IPv6 address is the IPv4 address.
 */
final class IpLiterals {

    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("([0-9.]+):\\d{1,5}");
    private static final Pattern BRACKETED_IPV6 = Pattern.compile("\\[([0-9A-Fa-f:.]+)](:\\d{1,5})?");
    /** Starting with a hex digit or a colon keeps InetAddress on its literal path (anything else is resolved). */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    private IpLiterals() {}

    static Optional<InetAddress> parse(String text) {
        var withPort = IPV4_WITH_PORT.matcher(text);
        if (withPort.matches()) {
            text = withPort.group(1);
        }
        if (IPV4.matcher(text).matches()) {
            return literal(text);
        }
        var bracketed = BRACKETED_IPV6.matcher(text);
        if (bracketed.matches()) {
            text = bracketed.group(1);
        }
        // with a colon, InetAddress parses the text as an IPv6 literal and never resolves it
        if (text.indexOf(':') >= 0 && IPV6.matcher(text).matches()) {
            return literal(text);
        }
        return Optional.empty();
    }

    private static Optional<InetAddress> literal(String text) {
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
