package dev.ticketing.launcher;

import io.nats.client.support.JsonParser;
import io.nats.client.support.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code $TICKETING_DATA_DIR/state.json}: what the running launcher supervises, so that {@code status}, {@code stop}
 * and tests can find each process (e.g. to kill a service and watch it come back). Replaced atomically.
 *
 * <pre>{"launcherPid":1,"phase":"running","url":"http://localhost:8080","startedAt":"...","readyAt":"...",
 *  "processes":[{"name":"auth","port":18081,"pid":2,"state":"running","ready":true,"restarts":0,...}]}</pre>
 */
final class StateFile {

    /** The whole state; {@code phase} is starting, running, stopping or stopped. */
    record Snapshot(
            long launcherPid,
            String phase,
            String url,
            Instant startedAt,
            Instant readyAt,
            List<ProcessState> processes) {

        Optional<ProcessState> process(String name) {
            return processes.stream().filter(p -> p.name().equals(name)).findFirst();
        }
    }

    private final Path file;

    StateFile(Path file) {
        this.file = file;
    }

    void write(Snapshot snapshot) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, toJson(snapshot), StandardCharsets.UTF_8);
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    Optional<Snapshot> read() {
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            return Optional.of(fromJson(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static String toJson(Snapshot s) {
        var json = new StringBuilder("{\n");
        json.append("  \"launcherPid\": ").append(s.launcherPid()).append(",\n");
        json.append("  \"phase\": ").append(string(s.phase())).append(",\n");
        json.append("  \"url\": ").append(string(s.url())).append(",\n");
        json.append("  \"startedAt\": ").append(string(s.startedAt())).append(",\n");
        json.append("  \"readyAt\": ").append(string(s.readyAt())).append(",\n");
        json.append("  \"processes\": [");
        for (int i = 0; i < s.processes().size(); i++) {
            ProcessState p = s.processes().get(i);
            json.append(i == 0 ? "\n" : ",\n")
                    .append("    {")
                    .append("\"name\": ")
                    .append(string(p.name()))
                    .append(", \"port\": ")
                    .append(p.port())
                    .append(", \"pid\": ")
                    .append(p.pid() == null ? "null" : p.pid().toString())
                    .append(", \"state\": ")
                    .append(string(p.state()))
                    .append(", \"ready\": ")
                    .append(p.ready())
                    .append(", \"restarts\": ")
                    .append(p.restarts())
                    .append(", \"startedAt\": ")
                    .append(string(p.startedAt()))
                    .append(", \"readyAt\": ")
                    .append(string(p.readyAt()))
                    .append(", \"lastExit\": ")
                    .append(string(p.lastExit()))
                    .append(", \"marker\": ")
                    .append(string(p.marker()))
                    .append(", \"lastRestartMillis\": ")
                    .append(p.lastRestart() == null ? "null" : p.lastRestart().toMillis())
                    .append('}');
        }
        return json.append(s.processes().isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
    }

    static Snapshot fromJson(String text) {
        JsonValue root = JsonParser.parseUnchecked(text);
        var processes = new ArrayList<ProcessState>();
        JsonValue list = root.map.get("processes");
        if (list != null && list.array != null) {
            for (JsonValue p : list.array) {
                processes.add(new ProcessState(
                        text(p, "name"),
                        (int) number(p, "port", 0),
                        optionalNumber(p, "pid"),
                        text(p, "state"),
                        Boolean.TRUE.equals(p.map.getOrDefault("ready", JsonValue.FALSE).bool),
                        (int) number(p, "restarts", 0),
                        instant(p, "startedAt"),
                        instant(p, "readyAt"),
                        text(p, "lastExit"),
                        text(p, "marker"),
                        Optional.ofNullable(optionalNumber(p, "lastRestartMillis"))
                                .map(Duration::ofMillis)
                                .orElse(null)));
            }
        }
        return new Snapshot(
                number(root, "launcherPid", 0),
                text(root, "phase"),
                text(root, "url"),
                instant(root, "startedAt"),
                instant(root, "readyAt"),
                List.copyOf(processes));
    }

    private static Long optionalNumber(JsonValue object, String key) {
        JsonValue value = object.map.get(key);
        return value == null || value.number == null ? null : value.number.longValue();
    }

    private static String text(JsonValue object, String key) {
        JsonValue value = object.map.get(key);
        return value == null ? null : value.string;
    }

    private static long number(JsonValue object, String key, long fallback) {
        Long value = optionalNumber(object, key);
        return value == null ? fallback : value;
    }

    private static Instant instant(JsonValue object, String key) {
        String value = text(object, key);
        return value == null ? null : Instant.parse(value);
    }

    private static String string(Object value) {
        if (value == null) {
            return "null";
        }
        var out = new StringBuilder("\"");
        for (char c : value.toString().toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u%04x".formatted((int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
