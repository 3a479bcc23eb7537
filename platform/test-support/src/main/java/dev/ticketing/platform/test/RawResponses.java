package dev.ticketing.platform.test;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** Reads an HTTP/1.1 response off the wire ({@code Connection: close}): status, headers, plain or chunked body. */
final class RawResponses {

    private RawResponses() {}

    static Http.Response parse(byte[] bytes) {
        int headEnd = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (headEnd < 0) {
            throw new IllegalStateException("Not an HTTP response: " + new String(bytes, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        byte[] rest = java.util.Arrays.copyOfRange(bytes, headEnd + 4, bytes.length);
        boolean chunked = headers.getOrDefault("Transfer-Encoding", List.of()).stream()
                .anyMatch(v -> v.equalsIgnoreCase("chunked"));
        String text = new String(chunked ? unchunk(rest) : rest, StandardCharsets.UTF_8);
        boolean json = headers.getOrDefault("Content-Type", List.of()).stream().anyMatch(v -> v.contains("json"));
        JsonNode body = json && !text.isEmpty() ? Http.JSON.readTree(text) : null;
        return new Http.Response(status, body, HttpHeaders.of(headers, (name, value) -> true), text);
    }

    private static byte[] unchunk(byte[] body) {
        var out = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOf(body, "\r\n".getBytes(StandardCharsets.US_ASCII), at);
            String sizeLine = new String(body, at, lineEnd - at, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
