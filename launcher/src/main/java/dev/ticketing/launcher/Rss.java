package dev.ticketing.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Resident memory of a process ({@code /proc/<pid>/status}, VmRSS) or of a process tree (shared pages counted once). */
final class Rss {

    private Rss() {}

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
     * A process and all its descendants (PostgreSQL runs one process per connection), with the memory they share
     * counted once: the sum of their proportional set sizes, where a page shared by n processes counts 1/n in each.
     * Their RSS added up counted PostgreSQL's shared buffers and libraries once per process: on a quiet stack about
     * 240 MiB for 17 processes that hold about 55 MiB.
     */
    static OptionalLong ofTree(long pid) {
        OptionalLong root = proportional(pid);
        if (root.isEmpty()) {
            return root;
        }
        long total = root.getAsLong()
                + ProcessHandle.of(pid).stream()
                        .flatMap(ProcessHandle::descendants)
                        .mapToLong(child -> proportional(child.pid()).orElse(0))
                        .sum();
        return OptionalLong.of(total);
    }

    /** Proportional set size ({@code Pss} of {@code /proc/<pid>/smaps_rollup}), or its RSS where that is unreadable. */
    static OptionalLong proportional(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return OptionalLong.of(parseKb(line) * 1024);
                }
            }
            return of(pid);
        } catch (IOException | RuntimeException e) {
            return of(pid);
        }
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
