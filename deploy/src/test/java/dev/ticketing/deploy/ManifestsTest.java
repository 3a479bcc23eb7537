package dev.ticketing.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each overlay rendered by {@code kubectl kustomize}, parsed into the fabric8 Kubernetes model and held to the rules
 * of docs/deploy.md: no unknown field anywhere, the hygiene of every container and workload, and the services
 * configured as the launcher configures them locally.
 */
class ManifestsTest {

    private static final Set<String> OVERLAYS = Set.of("dev", "production");

    @Test
    void everyOverlayIsTested() throws java.io.IOException {
        try (var dirs = Files.list(Kubectl.OVERLAYS)) {
            assertThat(dirs.map(d -> d.getFileName().toString()).collect(Collectors.toSet()))
                    .isEqualTo(OVERLAYS);
        }
    }

    // --- the model -------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyObjectIsOfAKnownKindWithoutUnknownFields(String overlay) {
        Manifests m = Manifests.of(overlay);
        assertThat(m.objects).as("objects rendered").hasSizeGreaterThan(40);
        assertThat(Hygiene.unknownFields(m))
                .as("fields the Kubernetes model does not know")
                .isEmpty();
        // the only kinds the model does not type are CloudNativePG's, checked by oneDatabaseClusterPerService
        assertThat(m.all(GenericKubernetesResource.class))
                .extracting(GenericKubernetesResource::getKind)
                .containsOnly("Cluster");
    }

    // --- hygiene --------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyContainerHasRequestsAndAMemoryLimit(String overlay) {
        assertThat(Hygiene.resources(Manifests.of(overlay))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyContainerHasReadinessAndLivenessProbes(String overlay) {
        assertThat(Hygiene.probes(Manifests.of(overlay))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyContainerRunsLockedDown(String overlay) {
        assertThat(Hygiene.lockedDown(Manifests.of(overlay))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyWorkloadHasAServiceAccountOfItsOwn(String overlay) {
        assertThat(Hygiene.serviceAccounts(Manifests.of(overlay))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyWorkloadSpreadsOverMachinesAndZones(String overlay) {
        assertThat(Hygiene.spread(Manifests.of(overlay))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void imagesArePinned(String overlay) {
        assertThat(Hygiene.pinnedImages(Manifests.of(overlay), overlay.equals("production")))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyWorkloadHasADisruptionBudget(String overlay) {
        assertThat(Hygiene.disruptionBudgets(Manifests.of(overlay))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void networkPoliciesDenyByDefaultAndAllowWhatEachWorkloadNeeds(String overlay) {
        assertThat(Hygiene.networkPolicies(Manifests.of(overlay))).isEmpty();
    }

    /** Every connection the system needs passes the network policies, and a sample of those it must not make fails. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void networkPoliciesLetThroughWhatTheServicesNeedAndNothingElse(String overlay) {
        Manifests m = Manifests.of(overlay);
        String namespace = m.workload("nats").object().getMetadata().getNamespace();
        var network = new Reachability(namespace, m.all(NetworkPolicy.class));
        Function<String, Reachability.Pod> pod = name -> new Reachability.Pod(
                namespace, m.workload(name).template().getMetadata().getLabels());
        Function<String, Reachability.Pod> database = service -> new Reachability.Pod(
                namespace, Map.of("cnpg.io/cluster", service + "-db", "app.kubernetes.io/part-of", "ticketing"));
        var ingressController =
                new Reachability.Pod("ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"));
        var operator = new Reachability.Pod("cnpg-system", Map.of("app.kubernetes.io/name", "cloudnative-pg"));
        var dns = new Reachability.Pod("kube-system", Map.of("k8s-app", "kube-dns"));
        var prometheus = new Reachability.Pod("monitoring", Map.of("app.kubernetes.io/name", "prometheus"));
        var apiServer = new Reachability.Pod("(outside)", Map.of());
        record Connection(Reachability.Pod from, Reachability.Pod to, int port, String protocol, String what) {}
        var needed = new ArrayList<Connection>();
        var forbidden = new ArrayList<Connection>();
        needed.add(new Connection(ingressController, pod.apply("web"), 8080, "TCP", "ingress → web"));
        for (String service : List.of("auth", "tickets", "orders", "payments")) {
            int port = Manifests.BACKENDS.get(service);
            needed.add(new Connection(ingressController, pod.apply(service), port, "TCP", "ingress → " + service));
            needed.add(new Connection(pod.apply("web"), pod.apply(service), port, "TCP", "web → " + service));
            needed.add(new Connection(pod.apply(service), pod.apply("auth"), 18081, "TCP", service + " → auth (JWKS)"));
        }
        for (String service : Manifests.BACKENDS.keySet()) {
            needed.add(new Connection(
                    pod.apply(service), database.apply(service), 5432, "TCP", service + " → its database"));
            needed.add(new Connection(pod.apply(service), pod.apply("nats"), 4222, "TCP", service + " → nats"));
            needed.add(new Connection(
                    operator, database.apply(service), 8000, "TCP", "operator → " + service + "-db status"));
            needed.add(new Connection(operator, database.apply(service), 5432, "TCP", "operator → " + service + "-db"));
            needed.add(new Connection(
                    database.apply(service), database.apply(service), 5432, "TCP", service + "-db replication"));
            needed.add(new Connection(database.apply(service), apiServer, 443, "TCP", service + "-db → API server"));
            needed.add(new Connection(
                    prometheus, pod.apply(service), Manifests.BACKENDS.get(service), "TCP", "prometheus → " + service));
            forbidden.add(
                    new Connection(pod.apply("web"), database.apply(service), 5432, "TCP", "web → " + service + "-db"));
            forbidden.add(new Connection(
                    ingressController, database.apply(service), 5432, "TCP", "ingress → " + service + "-db"));
            for (String other : Manifests.BACKENDS.keySet()) {
                if (!other.equals(service)) {
                    forbidden.add(new Connection(
                            pod.apply(service), database.apply(other), 5432, "TCP", service + " → " + other + "-db"));
                }
            }
            forbidden.add(new Connection(pod.apply(service), apiServer, 443, "TCP", service + " → API server"));
        }
        needed.add(new Connection(pod.apply("nats"), pod.apply("nats"), 6222, "TCP", "nats routes"));
        needed.add(new Connection(
                prometheus, pod.apply("web"), Manifests.EDGE_MANAGEMENT_PORT, "TCP", "prometheus → web actuator"));
        needed.add(new Connection(prometheus, pod.apply("nats"), 8222, "TCP", "prometheus → nats monitor"));
        for (String workload : List.of("web", "auth", "tickets", "orders", "payments", "expiration", "nats")) {
            needed.add(new Connection(pod.apply(workload), dns, 53, "UDP", workload + " → DNS"));
        }
        forbidden.add(new Connection(
                ingressController, pod.apply("web"), Manifests.EDGE_MANAGEMENT_PORT, "TCP", "ingress → web actuator"));
        forbidden.add(new Connection(ingressController, pod.apply("expiration"), 18085, "TCP", "ingress → expiration"));
        forbidden.add(new Connection(ingressController, pod.apply("nats"), 4222, "TCP", "ingress → nats"));
        forbidden.add(new Connection(pod.apply("web"), pod.apply("nats"), 4222, "TCP", "web → nats"));
        forbidden.add(new Connection(pod.apply("web"), pod.apply("expiration"), 18085, "TCP", "web → expiration"));
        forbidden.add(new Connection(pod.apply("orders"), pod.apply("payments"), 18084, "TCP", "orders → payments"));
        forbidden.add(new Connection(pod.apply("expiration"), pod.apply("auth"), 18081, "TCP", "expiration → auth"));
        forbidden.add(new Connection(pod.apply("nats"), pod.apply("auth"), 18081, "TCP", "nats → auth"));
        forbidden.add(new Connection(pod.apply("web"), apiServer, 443, "TCP", "web → outside"));
        forbidden.add(new Connection(pod.apply("auth"), pod.apply("nats"), 6222, "TCP", "auth → nats routes"));

        var wrong = new ArrayList<String>();
        needed.stream()
                .filter(c -> !network.allows(c.from(), c.to(), c.port(), c.protocol()))
                .forEach(c -> wrong.add("blocked, but needed: " + c.what()));
        forbidden.stream()
                .filter(c -> network.allows(c.from(), c.to(), c.port(), c.protocol()))
                .forEach(c -> wrong.add("allowed, but not needed: " + c.what()));
        assertThat(wrong).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void noSecretIsWrittenInTheManifests(String overlay) {
        assertThat(Hygiene.noLiteralSecrets(Manifests.of(overlay))).isEmpty();
    }

    @Test
    void productionRunsEveryServiceTwice() {
        assertThat(Hygiene.highlyAvailable(Manifests.of("production"))).isEmpty();
    }

    /** Otherwise a request waiting for an event the other instance applied waits out its bound (decision 71). */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void aBackendRunningMoreThanOnceSignalsItsOtherInstances(String overlay) {
        Manifests m = Manifests.of(overlay);
        for (String service : Manifests.BACKENDS.keySet()) {
            int replicas = Optional.ofNullable(m.workload(service).replicas()).orElse(1);
            if (replicas > 1) {
                assertThat(environment(m, container(m, service)))
                        .as(service + " runs " + replicas + " times")
                        .containsEntry("TICKETING_MESSAGING_SIGNALOTHERINSTANCES", "true");
            }
        }
    }

    // --- configuration, as the launcher gives it locally ------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyBackendGetsItsDatabaseItsNatsUserAndTheSharedSettings(String overlay) {
        Manifests m = Manifests.of(overlay);
        int natsNodes = m.get(StatefulSet.class, "nats").getSpec().getReplicas();
        for (String service : Manifests.BACKENDS.keySet()) {
            Map<String, String> env = environment(m, container(m, service));
            assertThat(env)
                    .as(service)
                    .containsEntry("SERVER_ADDRESS", "0.0.0.0")
                    .containsEntry(
                            "SERVER_PORT", Manifests.BACKENDS.get(service).toString())
                    .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://" + service + "-db-rw:5432/" + service)
                    .containsEntry("SPRING_DATASOURCE_USERNAME", "secret " + service + "-db-app/username")
                    .containsEntry("SPRING_DATASOURCE_PASSWORD", "secret " + service + "-db-app/password")
                    .containsEntry("TICKETING_NATS_USER", service)
                    .containsEntry("TICKETING_NATS_PASSWORD", "secret nats-users/" + service)
                    // ticketing.nats.stream-replicas: as many replicas as NATS nodes
                    .containsEntry("TICKETING_NATS_STREAMREPLICAS", Integer.toString(natsNodes))
                    .containsKeys(
                            "TICKETING_RESERVATION_TTL",
                            "TICKETING_FAULTS_ENABLED",
                            "TICKETING_INITIAL_CREDITS",
                            "TICKETING_SECURITY_COOKIE_SECURE",
                            "TICKETING_CLIENTADDRESS_TRUSTEDPROXIES");
            assertThat(env.get("TICKETING_FAULTS_ENABLED"))
                    .as(service + " fault injection")
                    .isEqualTo("false");
            assertThat(env.get("TICKETING_CLIENTADDRESS_TRUSTEDPROXIES"))
                    .as(service + " trusted proxies")
                    .doesNotContain("127.0.0.0/8")
                    .matches("[0-9a-f.:/,]+");
            assertServiceUrl(m, env.get("TICKETING_NATS_URL"), "nats", "nats", 4222);
            assertServiceUrl(m, env.get("TICKETING_SECURITY_JWKS_URL"), "http", "auth", 18081);
            assertThat(URI.create(env.get("TICKETING_SECURITY_JWKS_URL")).getPath())
                    .isEqualTo("/api/users/.well-known/jwks.json");
        }
        assertThat(natsNodes).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void theEdgeRoutesToTheServicesAndServesItsActuatorApart(String overlay) {
        Manifests m = Manifests.of(overlay);
        Map<String, String> env = environment(m, container(m, Manifests.EDGE));
        for (String service : List.of("auth", "tickets", "orders", "payments")) {
            assertServiceUrl(
                    m,
                    env.get("TICKETING_ROUTES_" + service.toUpperCase() + "_URL"),
                    "http",
                    service,
                    Manifests.BACKENDS.get(service));
        }
        assertThat(env)
                .containsEntry("TICKETING_PORT", "8080")
                .containsEntry("MANAGEMENT_SERVER_PORT", Integer.toString(Manifests.EDGE_MANAGEMENT_PORT))
                .containsEntry("MANAGEMENT_SERVER_ADDRESS", "0.0.0.0")
                .doesNotContainKeys("SPRING_DATASOURCE_URL", "TICKETING_NATS_PASSWORD");
        assertServiceUrl(m, "http://web", "http", "web", 8080);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void probesAskTheActuatorHealthGroups(String overlay) {
        Manifests m = Manifests.of(overlay);
        Map<String, Integer> probed = new TreeMap<>(Manifests.BACKENDS);
        probed.put(Manifests.EDGE, Manifests.EDGE_MANAGEMENT_PORT);
        probed.forEach((service, port) -> {
            Container c = container(m, service);
            assertHttpProbe(c, c.getReadinessProbe(), "/actuator/health/readiness", port, service + " readiness");
            assertHttpProbe(c, c.getLivenessProbe(), "/actuator/health/liveness", port, service + " liveness");
            if (c.getStartupProbe() != null) {
                assertHttpProbe(c, c.getStartupProbe(), "/actuator/health/liveness", port, service + " startup");
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void theIngressRoutesLikeTheLocalEdge(String overlay) {
        Manifests m = Manifests.of(overlay);
        Ingress ingress = m.get(Ingress.class, "ticketing");
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getRules()).hasSize(1);
        Map<String, String> routes = new LinkedHashMap<>();
        for (HTTPIngressPath path :
                ingress.getSpec().getRules().getFirst().getHttp().getPaths()) {
            assertThat(path.getPathType()).as(path.getPath()).isEqualTo("Prefix");
            String service = path.getBackend().getService().getName();
            routes.put(path.getPath(), service);
            assertServicePort(
                    m,
                    service,
                    path.getBackend().getService().getPort().getName(),
                    service.equals(Manifests.EDGE) ? 8080 : Manifests.BACKENDS.get(service));
        }
        // docs/api.md: /api/users/** → auth, /api/tickets/** → tickets, ..., everything else → web
        assertThat(routes)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "/api/users",
                        "auth",
                        "/api/tickets",
                        "tickets",
                        "/api/orders",
                        "orders",
                        "/api/payments",
                        "payments",
                        "/",
                        "web"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyReferenceResolves(String overlay) {
        Manifests m = Manifests.of(overlay);
        Set<String> databaseSecrets = m.generic("postgresql.cnpg.io", "Cluster").stream()
                .map(c -> c.getMetadata().getName() + "-app")
                .collect(Collectors.toSet());
        for (Manifests.Workload w : m.workloads()) {
            for (Container c : w.template().getSpec().getContainers()) {
                for (EnvFromSource from : Optional.ofNullable(c.getEnvFrom()).orElse(List.of())) {
                    m.configMap(from.getConfigMapRef().getName());
                }
                for (EnvVar env : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                        String secret = env.getValueFrom().getSecretKeyRef().getName();
                        // the operator's secret of a cluster in these manifests, or the one secret made outside git
                        assertThat(databaseSecrets.contains(secret) || secret.equals("nats-users"))
                                .as(w.describe() + " " + env.getName() + " reads secret " + secret)
                                .isTrue();
                    }
                }
            }
            for (Volume volume :
                    Optional.ofNullable(w.template().getSpec().getVolumes()).orElse(List.of())) {
                if (volume.getConfigMap() != null) {
                    m.configMap(volume.getConfigMap().getName());
                }
            }
        }
        for (Service service : m.all(Service.class)) {
            Manifests.Workload target = m.workloads().stream()
                    .filter(w -> Hygiene.selects(
                            new LabelSelector(null, service.getSpec().getSelector()),
                            w.template().getMetadata().getLabels()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(
                            "Service " + service.getMetadata().getName() + " selects no workload"));
            for (ServicePort port : service.getSpec().getPorts()) {
                port(
                        target.template().getSpec().getContainers(),
                        port.getTargetPort().getStrVal(),
                        "Service " + service.getMetadata().getName());
            }
        }
    }

    // --- NATS -----------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void natsIsAThreeNodeJetStreamClusterLikeTheOfficialChart(String overlay) {
        Manifests m = Manifests.of(overlay);
        StatefulSet nats = m.get(StatefulSet.class, "nats");
        assertThat(nats.getSpec().getReplicas()).isEqualTo(3);
        Service headless = m.get(Service.class, nats.getSpec().getServiceName());
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(nats.getSpec().getVolumeClaimTemplates())
                .extracting(pvc -> pvc.getMetadata().getName())
                .containsExactly("data");
        PodDisruptionBudget pdb = m.get(PodDisruptionBudget.class, "nats");
        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(2);

        Container server =
                nats.getSpec().getTemplate().getSpec().getContainers().getFirst();
        String config = natsConfig(m);
        // server_name from the pod name, through the environment
        assertThat(config).containsPattern("(?m)^server_name: \\$SERVER_NAME$");
        assertThat(server.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("SERVER_NAME");
            assertThat(e.getValue()).isEqualTo("$(POD_NAME)");
        });
        assertThat(server.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("POD_NAME");
            assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        });
        // a route to every node through the headless Service
        Matcher routes = Pattern.compile("\"nats://([a-z0-9-]+)-(\\d+)\\.([a-z0-9-]+):6222\"")
                .matcher(config);
        var nodes = new TreeSet<Integer>();
        while (routes.find()) {
            assertThat(routes.group(1)).isEqualTo("nats");
            assertThat(routes.group(3)).isEqualTo(headless.getMetadata().getName());
            nodes.add(Integer.valueOf(routes.group(2)));
        }
        assertThat(nodes).containsExactly(0, 1, 2);
        // JetStream on the volume, fsync before every acknowledgement
        String dataPath = server.getVolumeMounts().stream()
                .filter(v -> v.getName().equals("data"))
                .findFirst()
                .orElseThrow()
                .getMountPath();
        assertThat(config)
                .contains("store_dir: \"" + dataPath + "\"")
                .containsPattern("(?m)^\\s*sync_interval: always$");
        // the chart's health probes
        assertThat(server.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/healthz?js-server-only=true");
        assertThat(server.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz?js-enabled-only=true");
        assertThat(server.getStartupProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(server.getImage()).matches("nats:2\\.(1[2-9]|[2-9]\\d)\\.\\d+(-alpine)?");
    }

    // --- PostgreSQL -----------------------------------------------------------------------------------------------

    /** The fields of a CloudNativePG 1.30 Cluster's spec that the manifests may use (its CRD, checked by hand). */
    private static final Set<String> CLUSTER_SPEC_FIELDS = Set.of(
            "instances",
            "imageName",
            "primaryUpdateStrategy",
            "bootstrap",
            "storage",
            "resources",
            "affinity",
            "inheritedMetadata",
            "postgresql",
            "monitoring",
            "enableSuperuserAccess",
            "enablePDB",
            "topologySpreadConstraints",
            "minSyncReplicas",
            "maxSyncReplicas");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void oneDatabaseClusterPerServiceOwnedByTheServicesRole(String overlay) {
        Manifests m = Manifests.of(overlay);
        Map<String, GenericKubernetesResource> clusters = m.generic("postgresql.cnpg.io", "Cluster").stream()
                .collect(Collectors.toMap(c -> c.getMetadata().getName(), c -> c));
        assertThat(clusters.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        Manifests.BACKENDS.keySet().stream().map(s -> s + "-db").toList());
        for (String service : Manifests.BACKENDS.keySet()) {
            GenericKubernetesResource cluster = clusters.get(service + "-db");
            assertThat(cluster.getApiVersion()).isEqualTo("postgresql.cnpg.io/v1");
            Map<String, Object> spec = cluster.get("spec");
            assertThat(spec.keySet()).as(service + "-db spec").isSubsetOf(CLUSTER_SPEC_FIELDS);
            assertThat((Object) cluster.get("spec", "bootstrap", "initdb", "database"))
                    .isEqualTo(service);
            assertThat((Object) cluster.get("spec", "bootstrap", "initdb", "owner"))
                    .isEqualTo(service);
            Map<String, Object> initdb = cluster.get("spec", "bootstrap", "initdb");
            assertThat(initdb).as(service + " initdb").containsOnlyKeys("database", "owner");
            assertThat((Object) cluster.get("spec", "enableSuperuserAccess"))
                    .as(service + " superuser")
                    .isNotEqualTo(true);
            assertThat((String) cluster.get("spec", "imageName"))
                    .matches("ghcr.io/cloudnative-pg/postgresql:18\\.\\d+.*");
            assertThat((Object) cluster.get("spec", "storage", "size")).isNotNull();
        }
    }

    @Test
    void productionReplicatesEveryDatabaseSynchronously() {
        for (GenericKubernetesResource cluster : Manifests.of("production").generic("postgresql.cnpg.io", "Cluster")) {
            assertThat((Object) cluster.get("spec", "instances"))
                    .as(cluster.getMetadata().getName())
                    .isEqualTo(3);
            Map<String, Object> synchronous = cluster.get("spec", "postgresql", "synchronous");
            assertThat(synchronous)
                    .as(cluster.getMetadata().getName())
                    .containsEntry("method", "any")
                    .containsEntry("number", 1)
                    .containsEntry("dataDurability", "required");
        }
    }

    @Test
    void productionServesHttpsOnlyWithSecureCookies() {
        Manifests m = Manifests.of("production");
        Ingress ingress = m.get(Ingress.class, "ticketing");
        assertThat(ingress.getSpec().getTls()).hasSize(1);
        assertThat(ingress.getSpec().getTls().getFirst().getHosts())
                .containsExactly(ingress.getSpec().getRules().getFirst().getHost());
        for (String service : Manifests.BACKENDS.keySet()) {
            assertThat(environment(m, container(m, service))).containsEntry("TICKETING_SECURITY_COOKIE_SECURE", "true");
        }
        assertThat(environment(m, container(m, Manifests.EDGE)))
                .containsEntry("TICKETING_SECURITY_COOKIE_SECURE", "true");
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    static Container container(Manifests m, String workload) {
        return m.workload(workload).template().getSpec().getContainers().getFirst();
    }

    /** The nats-server configuration file of the NATS StatefulSet (its ConfigMap volume). */
    static String natsConfig(Manifests m) {
        String name = m.get(StatefulSet.class, "nats").getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getConfigMap() != null)
                .findFirst()
                .orElseThrow()
                .getConfigMap()
                .getName();
        return m.configMap(name).getData().get("nats.conf");
    }

    /**
     * The container's environment as the kubelet makes it: the ConfigMaps of envFrom in order, then env; a value from
     * a Secret reads {@code secret <name>/<key>}.
     */
    static Map<String, String> environment(Manifests m, Container c) {
        var env = new LinkedHashMap<String, String>();
        for (EnvFromSource from : Optional.ofNullable(c.getEnvFrom()).orElse(List.of())) {
            ConfigMap map = m.configMap(from.getConfigMapRef().getName());
            env.putAll(Optional.ofNullable(map.getData()).orElse(Map.of()));
        }
        for (EnvVar var : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
            if (var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null) {
                env.put(
                        var.getName(),
                        "secret " + var.getValueFrom().getSecretKeyRef().getName() + "/"
                                + var.getValueFrom().getSecretKeyRef().getKey());
            } else {
                env.put(var.getName(), var.getValue());
            }
        }
        return env;
    }

    /** The URL names a Service of the manifests (port 80 for http without a port) that reaches this container port. */
    private static void assertServiceUrl(Manifests m, String url, String scheme, String service, int containerPort) {
        assertThat(url).as("URL of " + service).isNotNull();
        URI uri = URI.create(url);
        assertThat(uri.getScheme()).as(url).isEqualTo(scheme);
        assertThat(uri.getHost()).as(url).isEqualTo(service);
        int port = uri.getPort() != -1 ? uri.getPort() : 80;
        ServicePort servicePort = m.get(Service.class, service).getSpec().getPorts().stream()
                .filter(p -> p.getPort() == port)
                .findFirst()
                .orElseThrow(() -> new AssertionError(url + ": Service " + service + " has no port " + port));
        assertServicePort(m, service, servicePort.getName(), containerPort);
    }

    private static void assertServicePort(Manifests m, String service, String portName, int containerPort) {
        Service s = m.get(Service.class, service);
        ServicePort port = s.getSpec().getPorts().stream()
                .filter(p -> p.getName().equals(portName))
                .findFirst()
                .orElseThrow(() -> new AssertionError("Service " + service + " has no port " + portName));
        String target = port.getTargetPort().getStrVal();
        Manifests.Workload workload = m.workloads().stream()
                .filter(w -> Hygiene.selects(
                        new LabelSelector(null, s.getSpec().getSelector()),
                        w.template().getMetadata().getLabels()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("Service " + service + " selects no workload"));
        assertThat(port(workload.template().getSpec().getContainers(), target, "Service " + service)
                        .getContainerPort())
                .as("Service " + service + " port " + portName)
                .isEqualTo(containerPort);
    }

    private static ContainerPort port(List<Container> containers, String name, String what) {
        return containers.stream()
                .flatMap(c -> Optional.ofNullable(c.getPorts()).orElse(List.of()).stream())
                .filter(p -> name.equals(p.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(what + ": no container port named " + name));
    }

    private static void assertHttpProbe(Container c, Probe probe, String path, int port, String what) {
        assertThat(probe).as(what).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get).as(what + " is an HTTP probe").isNotNull();
        assertThat(get.getPath()).as(what).isEqualTo(path);
        int probedPort = get.getPort().getIntVal() != null
                ? get.getPort().getIntVal()
                : port(List.of(c), get.getPort().getStrVal(), what).getContainerPort();
        assertThat(probedPort).as(what + " port").isEqualTo(port);
    }
}
