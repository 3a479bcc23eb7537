package dev.ticketing.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Resident memory of a process, from {@code /proc/<pid>/status} (VmRSS). */
final class Rss {

    private Rss() {
    }

    /** Bytes resident, or empty when the process is gone (or this is not Linux). */
    static OptionalLong of(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(parseKb(line) * 1024);
                }
            }
            return OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * A process and all its descendants (PostgreSQL runs one process per connection). Shared memory is counted
     * once per process, so this is an upper bound.
     */
    static OptionalLong ofTree(long pid) {
        OptionalLong root = of(pid);
        if (root.isEmpty()) {
            return root;
        }
        long total = root.getAsLong() + ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                .mapToLong(child -> of(child.pid()).orElse(0)).sum();
        return OptionalLong.of(total);
    }

    static long parseKb(String statusLine) {
        String digits = statusLine.replaceAll("[^0-9]", "");
        return Long.parseLong(digits);
    }

    static String format(long bytes) {
        double mib = bytes / (1024.0 * 1024.0);
        return mib >= 1024 ? "%.2f GiB".formatted(mib / 1024) : "%.0f MiB".formatted(mib);
    }
}
