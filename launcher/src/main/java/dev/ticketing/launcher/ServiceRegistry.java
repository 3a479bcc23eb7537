package dev.ticketing.launcher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The services {@code ./ticketing} runs, in start order. A service whose jar is not built yet is skipped. */
final class ServiceRegistry {

    static final String JWKS_PATH = "/api/users/.well-known/jwks.json";
    /** The web edge's actuator, on loopback only: the public port serves no {@code /actuator/**}. */
    static final int WEB_MANAGEMENT_PORT = 18080;
    /** How long a starting service waits for its database before it gives up (and the supervisor restarts it). */
    static final java.time.Duration DATABASE_WAIT = java.time.Duration.ofSeconds(60);

    private ServiceRegistry() {}

    /** A service behind the edge, and the port of its first instance. */
    private record Backend(String name, int port) {}

    /** The services behind the edge, in start order. */
    private static final List<Backend> BACKENDS = List.of(
            new Backend("auth", 18081),
            new Backend("tickets", 18082),
            new Backend("orders", 18083),
            new Backend("payments", 18084),
            new Backend("expiration", 18085));
    /** Instance n of a service listens this much above instance n - 1 (orders: 18083, 18183, ...). */
    static final int INSTANCE_PORT_STEP = 100;

    /**
     * Every service process in start order: with {@code TICKETING_REPLICAS} above 1, that many instances of each
     * service behind the edge ({@code orders-1}, {@code orders-2}, ...), each on its own port; one edge, which
     * balances across them (the public port is one).
     */
    static List<ServiceSpec> services(Config config) {
        var all = new java.util.ArrayList<ServiceSpec>();
        for (Backend backend : BACKENDS) {
            for (int n = 1; n <= config.replicas(); n++) {
                int port = config.internalPort(backend.port() + (n - 1) * INSTANCE_PORT_STEP);
                all.add(
                        config.replicas() == 1
                                ? ServiceSpec.backend(backend.name(), port)
                                : ServiceSpec.instance(backend.name(), n, port));
            }
        }
        all.add(ServiceSpec.edge("web", config.webPort(), config.internalPort(WEB_MANAGEMENT_PORT)));
        return List.copyOf(all);
    }

    /** The services that own a database (the database is named after the service). */
    static List<String> databases(Config config) {
        return backendNames();
    }

    private static List<String> backendNames() {
        return BACKENDS.stream().map(Backend::name).toList();
    }

    /** The instances of one service. */
    static List<ServiceSpec> instances(Config config, String name) {
        return services(config).stream().filter(s -> s.name().equals(name)).toList();
    }

    /** Defaults of the TICKETING_* settings the services read (docs/development.md); the environment wins. */
    static final Map<String, String> DEFAULTS = Map.of(
            "TICKETING_RESERVATION_TTL", "15m",
            "TICKETING_FAULTS_ENABLED", "false",
            "TICKETING_INITIAL_CREDITS", "500",
            "TICKETING_SECURITY_COOKIE_SECURE", "false");

    /**
     * The environment of one service process: every TICKETING_* variable of the launcher, defaults, and the
     * addresses of its database (with its own role), NATS (with its own user, unless NATS is external), the auth
     * JWKS and (for the edge) the upstream services.
     *
     * @param database  the service's own credentials on the database server (ignored for the edge)
     * @param natsLogin the service's NATS user and password; empty for an external NATS, whose credentials come
     *                  from TICKETING_NATS_USER / TICKETING_NATS_PASSWORD
     */
    static Map<String, String> environment(
            ServiceSpec service,
            Config config,
            Database database,
            String natsUrl,
            java.util.Optional<NatsLogin> natsLogin) {
        var env = new LinkedHashMap<String, String>();
        env.putAll(DEFAULTS);
        config.env().forEach((name, value) -> {
            if (name.startsWith("TICKETING_")) {
                env.put(name, value);
            }
        });
        env.put("SERVER_PORT", Integer.toString(service.port()));
        env.put("SERVER_ADDRESS", service.bindAddress());
        if (service.separateManagementPort()) {
            env.put("MANAGEMENT_SERVER_PORT", Integer.toString(service.managementPort()));
            env.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
        }
        env.put("TICKETING_NATS_URL", natsUrl);
        natsLogin.ifPresent(login -> {
            env.put("TICKETING_NATS_USER", login.user());
            env.put("TICKETING_NATS_PASSWORD", login.password());
        });
        env.put("TICKETING_SECURITY_JWKS_URL", jwksUrl(config));
        if (TraceStore.local(config)) { // spans to the launcher's trace store (decision 61)
            env.put("TICKETING_ZIPKIN_ENDPOINT", TraceStore.spansEndpoint(config));
            env.put("TICKETING_TRACES_URL", "http://localhost:" + TraceStore.port(config) + "/zipkin/");
        }
        if (config.natsCluster()) { // every stream on three nodes, so that it outlives the loss of one
            env.putIfAbsent("TICKETING_NATS_STREAMREPLICAS", Integer.toString(Math.min(3, config.natsNodes())));
        }
        if (config.replicas() > 1) { // a waiter is woken when another instance applied what it waits for
            env.putIfAbsent("TICKETING_MESSAGING_SIGNALOTHERINSTANCES", "true");
        }
        if (service.edge()) {
            for (String upstream : backendNames()) {
                // the edge balances across the instances (a comma-separated list)
                env.put(
                        "TICKETING_ROUTES_" + upstream.toUpperCase() + "_URL",
                        String.join(
                                ",",
                                instances(config, upstream).stream()
                                        .map(ServiceSpec::url)
                                        .toList()));
            }
        } else {
            env.put("SPRING_DATASOURCE_URL", database.url(service.name()));
            env.put("SPRING_DATASOURCE_USERNAME", database.user());
            env.put("SPRING_DATASOURCE_PASSWORD", database.password());
            // the pool waits for its database (PostgreSQL still starting, the role not yet made) instead of failing
            // the start: the launcher starts services beside PostgreSQL, and a restart may meet it restarting too
            env.put("SPRING_DATASOURCE_HIKARI_INITIALIZATIONFAILTIMEOUT", Long.toString(DATABASE_WAIT.toMillis()));
        }
        return env;
    }

    /**
     * Where the services fetch auth's public keys: from auth itself, or with several instances of auth through the
     * edge, which balances across them, as a Kubernetes Service does: a service (re)started while one instance of
     * auth is down still gets the keys, and with them can verify access tokens.
     */
    static String jwksUrl(Config config) {
        return config.replicas() > 1
                ? "http://127.0.0.1:" + config.webPort() + JWKS_PATH
                : byName(config, "auth").url() + JWKS_PATH;
    }

    /**
     * Where {@code status} probes a running process (from the state file) for readiness: the web edge's own
     * management port (it moves with {@code TICKETING_PORT_OFFSET}, like the other internal ports), else the port
     * the process serves.
     */
    static int probePort(Config config, String name, int servedPort) {
        return services(config).stream()
                .filter(s -> s.process().equals(name) && s.separateManagementPort())
                .findFirst()
                .map(ServiceSpec::managementPort)
                .orElse(servedPort);
    }

    static ServiceSpec byName(Config config, String name) {
        return services(config).stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + name));
    }

    /** A NATS user name and password. */
    record NatsLogin(String user, String password) {}
}
