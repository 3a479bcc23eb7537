package dev.ticketing.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL 18 run from the binaries of a Maven artifact ({@link PostgresBinaries}), with one database per
 * service.
 *
 * <p>Every connection needs a password (SCRAM), the superuser's included; unix sockets are off, TCP listens on
 * 127.0.0.1 only. A data folder is created by {@code initdb} in a temporary folder and renamed into place, so a
 * start that dies half-way never leaves a folder that looks initialised. A data folder from an earlier version
 * that still trusts every local connection is switched to passwords on its first start.
 *
 * <p>When run as root, {@code initdb} and {@code postgres} (which refuse root) run in a new user namespace
 * ({@code unshare -U}), where they are an unprivileged user.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String SUPERUSER = "postgres";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String HBA_HEADER = "# Written by Ticketing: a password (SCRAM) for every connection.";
    private static final long PG_CTL_TIMEOUT_SECONDS = 120;

    /**
     * How to run a server.
     *
     * @param dataDir           the data folder (created by initdb when it holds no cluster yet)
     * @param port              the port, or 0 for a free one (kept across restarts)
     * @param durable           fsync and synchronous_commit on
     * @param superuserPassword the password of {@value #SUPERUSER}; set at initdb, and on a folder that had none
     * @param logFile           where the server writes its log
     * @param settings          extra server settings ({@code -c name=value}), e.g. {@code shared_buffers}
     */
    public record Options(
            Path dataDir,
            int port,
            boolean durable,
            String superuserPassword,
            Path logFile,
            Map<String, String> settings) {

        public Options {
            settings = Map.copyOf(settings);
            if (superuserPassword == null || superuserPassword.isBlank()) {
                throw new IllegalArgumentException("the superuser needs a password");
            }
        }

        /** A server on {@code dataDir} with a random superuser password and its log beside the data folder. */
        public static Options of(Path dataDir, int port, boolean durable) {
            return new Options(
                    dataDir,
                    port,
                    durable,
                    randomPassword(),
                    dataDir.resolveSibling(dataDir.getFileName() + ".log"),
                    Map.of());
        }

        public Options withSettings(Map<String, String> more) {
            var all = new LinkedHashMap<>(settings);
            all.putAll(more);
            return new Options(dataDir, port, durable, superuserPassword, logFile, all);
        }
    }

    private final Options options;
    private final Path binaries;
    private int port;
    private boolean running;

    private EmbeddedPostgresServer(Options options, Path binaries) {
        this.options = options;
        this.binaries = binaries;
        this.port = options.port();
    }

    /** Starts PostgreSQL on {@code dataDir} with a random superuser password, keeping existing data. */
    public static EmbeddedPostgresServer start(Path dataDir, int port, boolean durable) {
        return start(Options.of(dataDir, port, durable));
    }

    public static EmbeddedPostgresServer start(Options options) {
        var server = new EmbeddedPostgresServer(options, PostgresBinaries.install(CacheDirectory.root()));
        server.launch();
        return server;
    }

    /** A random password fit for a configuration file or an environment variable (URL-safe Base64, 144 bits). */
    public static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return options.dataDir();
    }

    public String superuserPassword() {
        return options.superuserPassword();
    }

    /** A JDBC URL for a database of this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates the database unless it exists. Names are restricted to lower-case identifiers. */
    public void createDatabaseIfMissing(String database) {
        requireIdentifier(database);
        try (Connection c = connect("postgres");
                var exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                c.createStatement().execute("create database " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database, e);
        }
    }

    /** Drops the database, ending its open sessions first. */
    public void dropDatabase(String database) {
        requireIdentifier(database);
        try (Connection c = connect("postgres")) {
            c.createStatement().execute("drop database if exists " + database + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop database " + database, e);
        }
    }

    /** A connection as the superuser. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, options.superuserPassword());
    }

    /** Stops the server (fast shutdown) and starts it again on the same port and data. */
    public void restart() {
        stop();
        launch();
    }

    /** Stops the server (fast shutdown); a server that was killed meanwhile is simply gone. */
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            pgCtl(
                    List.of(
                            "stop",
                            "-D",
                            dataDir().toString(),
                            "-m",
                            "fast",
                            "-w",
                            "-t",
                            Long.toString(PG_CTL_TIMEOUT_SECONDS)),
                    "stop");
        } catch (IllegalStateException e) {
            if (postmasterPid().isPresent()) {
                throw e;
            }
        }
    }

    /** The PID of the running postmaster, from {@code postmaster.pid}, if it is alive. */
    public java.util.OptionalLong postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(dataDir().resolve("postmaster.pid"));
            if (lines.isEmpty()) {
                return java.util.OptionalLong.empty();
            }
            long pid = Long.parseLong(lines.getFirst().trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent()
                    ? java.util.OptionalLong.of(pid)
                    : java.util.OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return java.util.OptionalLong.empty();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** A setting as the running server reports it ({@code SHOW name}). */
    public String show(String setting) {
        requireIdentifier(setting);
        try (Connection c = connect("postgres");
                var rs = c.createStatement().executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void launch() {
        try {
            if (port == 0) {
                port = freePort();
            }
            if (!Files.exists(dataDir().resolve("PG_VERSION"))) {
                initdb();
            }
            boolean trustsEveryone =
                    !Files.readString(dataDir().resolve("pg_hba.conf")).startsWith(HBA_HEADER);
            Files.createDirectories(options.logFile().toAbsolutePath().getParent());
            pgCtl(
                    List.of(
                            "start",
                            "-D",
                            dataDir().toString(),
                            "-l",
                            options.logFile().toAbsolutePath().toString(),
                            "-w",
                            "-t",
                            Long.toString(PG_CTL_TIMEOUT_SECONDS),
                            "-o",
                            serverOptions()),
                    "start");
            running = true;
            if (trustsEveryone) {
                requirePasswords();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL in " + dataDir(), e);
        }
    }

    /**
     * initdb in a temporary folder beside the data folder, renamed into place once complete. The builtin
     * {@code C.UTF-8} locale: byte-order collation (fast, the same on every machine) with Unicode case mapping,
     * so that case-insensitive search folds {@code É} to {@code é}; it needs no operating-system locale.
     */
    private void initdb() throws IOException {
        Path dataDir = dataDir().toAbsolutePath();
        Files.createDirectories(dataDir.getParent());
        if (Files.isDirectory(dataDir) && isEmpty(dataDir)) {
            Files.delete(dataDir);
        } else if (Files.exists(dataDir)) {
            // never initialised completely (initdb renames its result into place): set it aside
            Files.move(
                    dataDir,
                    dataDir.resolveSibling(dataDir.getFileName() + ".incomplete-" + System.currentTimeMillis()));
        }
        Path initializing = Files.createTempDirectory(dataDir.getParent(), "." + dataDir.getFileName() + "-initdb-");
        Path cluster = initializing.resolve("data");
        Path passwordFile = Files.createTempFile(
                initializing,
                "pw",
                "",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(passwordFile, options.superuserPassword());
            run(
                    command(
                            "initdb",
                            "-D",
                            cluster.toString(),
                            "-U",
                            SUPERUSER,
                            "-E",
                            "UTF8",
                            "--locale=C",
                            "--locale-provider=builtin",
                            "--builtin-locale=C.UTF-8",
                            "--auth=scram-sha-256",
                            "--pwfile=" + passwordFile),
                    "initdb",
                    initializing.resolve("initdb.log"));
            Files.writeString(cluster.resolve("pg_hba.conf"), hbaConf());
            Files.move(cluster, dataDir, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Folders.deleteRecursively(initializing);
        }
    }

    /**
     * A data folder made by an earlier version trusted every local connection and its superuser had no password:
     * give the superuser its password while trust still lets us in, then require passwords from everyone.
     */
    private void requirePasswords() throws IOException {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
                var alter = c.createStatement()) {
            alter.execute("alter role " + SUPERUSER + " password " + quote(options.superuserPassword()));
            Files.writeString(dataDir().resolve("pg_hba.conf"), hbaConf());
            alter.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not switch " + dataDir() + " to password authentication", e);
        }
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (var entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }

    private static String hbaConf() {
        return HBA_HEADER + "\n" + "host all all 127.0.0.1/32 scram-sha-256\n" + "host all all ::1/128 scram-sha-256\n";
    }

    private String serverOptions() {
        var settings = new LinkedHashMap<String, String>();
        settings.put("listen_addresses", "127.0.0.1");
        settings.put("unix_socket_directories", "''");
        settings.put("timezone", "UTC");
        settings.put("max_connections", "200");
        settings.put("fsync", options.durable() ? "on" : "off");
        settings.put("synchronous_commit", options.durable() ? "on" : "off");
        settings.put("full_page_writes", options.durable() ? "on" : "off");
        settings.putAll(options.settings());
        var text = new StringBuilder("-p ").append(port);
        settings.forEach((name, value) -> {
            requireIdentifier(name);
            if (!value.matches("[A-Za-z0-9_.:/'-]*")) {
                throw new IllegalArgumentException("Unsafe value for " + name + ": " + value);
            }
            text.append(" -c ").append(name).append('=').append(value);
        });
        return text.toString();
    }

    private void pgCtl(List<String> arguments, String what) {
        var all = new ArrayList<String>();
        all.add("pg_ctl");
        all.addAll(arguments);
        run(command(all.toArray(String[]::new)), "pg_ctl " + what, null);
    }

    /** The command line of a PostgreSQL program, in a user namespace when we are root. */
    private List<String> command(String... programAndArguments) {
        var command = new ArrayList<String>();
        if (UserNamespace.needed()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(binaries.resolve("bin").resolve(programAndArguments[0]).toString());
        command.addAll(List.of(programAndArguments).subList(1, programAndArguments.length));
        return command;
    }

    private static void run(List<String> command, String what, Path output) {
        try {
            Path out = output != null ? output : Files.createTempFile("ticketing-pg", ".out");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            try {
                if (!process.waitFor(PG_CTL_TIMEOUT_SECONDS + 30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(what + " did not finish: " + Files.readString(out));
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(what + " failed (exit " + process.exitValue() + "): "
                            + Files.readString(out).strip());
                }
            } finally {
                if (output == null) {
                    Files.deleteIfExists(out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A string literal for SQL (the passwords we generate never contain quotes, but be safe). */
    static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Refuses anything but a plain lower-case SQL identifier (names we put into SQL text). */
    public static void requireIdentifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain lower-case identifier: " + name);
        }
    }
}
