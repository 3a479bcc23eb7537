package dev.ticketing.launcher;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Output lines prefixed with the name of the process they come from, coloured on a terminal. */
final class Console {

    private static final List<String> COLOURS = List.of("36", "32", "33", "35", "34", "96", "92", "93", "95", "94");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final int WIDTH = 10;

    private final PrintStream out;
    private final boolean colour;
    private final Map<String, String> colours = new ConcurrentHashMap<>();

    Console(PrintStream out, boolean colour) {
        this.out = out;
        this.colour = colour;
    }

    /** A line of a process's own output. */
    synchronized void line(String source, String text) {
        String name = "%-" + WIDTH + "s|";
        String prefix = name.formatted(source);
        if (colour) {
            String code = colours.computeIfAbsent(source, s -> COLOURS.get(colours.size() % COLOURS.size()));
            prefix = "\u001b[" + code + "m" + prefix + "\u001b[0m";
        }
        out.println(prefix + " " + text);
        out.flush();
    }

    /** A message of the launcher itself, with a time stamp. */
    void launcher(String message) {
        line("launcher", LocalTime.now().format(TIME) + " " + message);
    }

    /** A message that must not be missed. */
    void warn(String message) {
        launcher((colour ? "\u001b[1;31mWARNING\u001b[0m " : "WARNING ") + message);
    }
}
