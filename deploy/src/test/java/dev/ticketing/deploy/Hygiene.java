package dev.ticketing.deploy;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rules every rendered overlay follows (docs/deploy.md, "What the manifests promise"). Each rule returns what
 * breaks it, one line per offence naming the object and the field, so a failing test says what to fix.
 */
final class Hygiene {

    /** Names of settings that hold secrets: never a literal value, always a reference to a Secret. */
    static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(password|passwd|secret|token|credential|api_?key|private_?key).*");
    /** A password written into a text (a configuration file, a URL): {@code password: x}, {@code password=x}. */
    private static final Pattern LITERAL_PASSWORD =
            Pattern.compile("(?i)(password|passwd)\"?\\s*[:=]\\s*(?!\\$)[^\\s,}&]+");

    private Hygiene() {}

    static List<String> unknownFields(Manifests m) {
        return m.objects.stream().flatMap(o -> UnknownFields.of(o).stream()).toList();
    }

    static List<String> resources(Manifests m) {
        return eachContainer(m, (w, c) -> {
            var problems = new ArrayList<String>();
            ResourceRequirements r = c.getResources();
            Map<String, Quantity> requests = r == null || r.getRequests() == null ? Map.of() : r.getRequests();
            Map<String, Quantity> limits = r == null || r.getLimits() == null ? Map.of() : r.getLimits();
            if (!requests.containsKey("cpu")) {
                problems.add("no cpu request");
            }
            if (!requests.containsKey("memory")) {
                problems.add("no memory request");
            }
            if (!limits.containsKey("memory")) {
                problems.add("no memory limit");
            }
            return problems;
        });
    }

    static List<String> probes(Manifests m) {
        return eachContainer(m, (w, c) -> {
            var problems = new ArrayList<String>();
            if (c.getReadinessProbe() == null) {
                problems.add("no readiness probe");
            }
            if (c.getLivenessProbe() == null) {
                problems.add("no liveness probe");
            }
            return problems;
        });
    }

    /** Non-root, read-only root file system, no privilege escalation, no capabilities, seccomp RuntimeDefault. */
    static List<String> lockedDown(Manifests m) {
        return eachContainer(m, (w, c) -> {
            var problems = new ArrayList<String>();
            PodSecurityContext pod = Optional.ofNullable(w.template().getSpec().getSecurityContext())
                    .orElseGet(PodSecurityContext::new);
            SecurityContext own = Optional.ofNullable(c.getSecurityContext()).orElseGet(SecurityContext::new);
            Boolean runAsNonRoot = own.getRunAsNonRoot() != null ? own.getRunAsNonRoot() : pod.getRunAsNonRoot();
            if (!Boolean.TRUE.equals(runAsNonRoot)) {
                problems.add("runAsNonRoot is not true");
            }
            Long user = own.getRunAsUser() != null ? own.getRunAsUser() : pod.getRunAsUser();
            if (user != null && user == 0) {
                problems.add("runAsUser is 0");
            }
            if (!Boolean.TRUE.equals(own.getReadOnlyRootFilesystem())) {
                problems.add("readOnlyRootFilesystem is not true");
            }
            if (!Boolean.FALSE.equals(own.getAllowPrivilegeEscalation())) {
                problems.add("allowPrivilegeEscalation is not false");
            }
            if (Boolean.TRUE.equals(own.getPrivileged())) {
                problems.add("privileged");
            }
            List<String> dropped = Optional.ofNullable(own.getCapabilities())
                    .map(Capabilities::getDrop)
                    .orElse(List.of());
            if (!dropped.contains("ALL")) {
                problems.add("capabilities do not drop ALL");
            }
            List<String> added = Optional.ofNullable(own.getCapabilities())
                    .map(Capabilities::getAdd)
                    .orElse(List.of());
            if (added != null && !added.isEmpty()) {
                problems.add("capabilities added: " + added);
            }
            SeccompProfile seccomp =
                    own.getSeccompProfile() != null ? own.getSeccompProfile() : pod.getSeccompProfile();
            if (seccomp == null || !"RuntimeDefault".equals(seccomp.getType())) {
                problems.add("seccompProfile is not RuntimeDefault");
            }
            return problems;
        });
    }

    /** Each workload runs as a ServiceAccount of its own, which exists, and mounts no API token it does not use. */
    static List<String> serviceAccounts(Manifests m) {
        var problems = new ArrayList<String>();
        var owners = new HashMap<String, String>();
        for (Manifests.Workload w : m.workloads()) {
            PodSpec spec = w.template().getSpec();
            String account = spec.getServiceAccountName();
            if (account == null || account.isBlank() || account.equals("default")) {
                problems.add(w.describe() + ": no ServiceAccount of its own (serviceAccountName " + account + ")");
                continue;
            }
            String other = owners.putIfAbsent(account, w.describe());
            if (other != null) {
                problems.add(w.describe() + ": shares ServiceAccount " + account + " with " + other);
            }
            if (m.find(ServiceAccount.class, account).isEmpty()) {
                problems.add(w.describe() + ": ServiceAccount " + account + " is not in the manifests");
            }
            if (!Boolean.FALSE.equals(spec.getAutomountServiceAccountToken())) {
                problems.add(
                        w.describe() + ": mounts a service account token (automountServiceAccountToken is not false)");
            }
        }
        return problems;
    }

    /** Every workload spreads its pods over machines and zones (a topology spread constraint that selects them). */
    static List<String> spread(Manifests m) {
        var problems = new ArrayList<String>();
        for (Manifests.Workload w : m.workloads()) {
            Map<String, String> labels = w.template().getMetadata().getLabels();
            List<String> keys =
                    Optional.ofNullable(w.template().getSpec().getTopologySpreadConstraints())
                            .orElse(List.of())
                            .stream()
                            .filter(c -> selects(c.getLabelSelector(), labels))
                            .map(c -> c.getTopologyKey())
                            .toList();
            for (String key : List.of("kubernetes.io/hostname", "topology.kubernetes.io/zone")) {
                if (!keys.contains(key)) {
                    problems.add(w.describe() + ": its pods are not spread over " + key);
                }
            }
        }
        return problems;
    }

    /** A tag or a digest, never {@code latest}; in production no snapshot either. */
    static List<String> pinnedImages(Manifests m, boolean release) {
        return eachContainer(m, (w, c) -> {
            String image = Objects.requireNonNullElse(c.getImage(), "");
            String afterRegistry = image.substring(image.lastIndexOf('/') + 1);
            boolean digest = image.contains("@sha256:");
            String tag = afterRegistry.contains(":") ? afterRegistry.substring(afterRegistry.indexOf(':') + 1) : "";
            if (!digest && tag.isEmpty()) {
                return List.of("image " + image + " has neither a tag nor a digest");
            }
            if (!digest && tag.equals("latest")) {
                return List.of("image " + image + " is not pinned (latest)");
            }
            if (release && image.contains("SNAPSHOT")) {
                return List.of("image " + image + " is a snapshot, not a release");
            }
            return List.of();
        });
    }

    /** Every workload has a PodDisruptionBudget that selects its pods. */
    static List<String> disruptionBudgets(Manifests m) {
        var problems = new ArrayList<String>();
        for (Manifests.Workload w : m.workloads()) {
            Map<String, String> labels = w.template().getMetadata().getLabels();
            boolean covered = m.all(PodDisruptionBudget.class).stream()
                    .anyMatch(pdb -> selects(pdb.getSpec().getSelector(), labels));
            if (!covered) {
                problems.add(w.describe() + ": no PodDisruptionBudget selects its pods " + labels);
            }
        }
        return problems;
    }

    /** At least two replicas of every Deployment, or an autoscaler that keeps at least two. */
    static List<String> highlyAvailable(Manifests m) {
        var problems = new ArrayList<String>();
        for (Deployment d : m.all(Deployment.class)) {
            String name = d.getMetadata().getName();
            int replicas = Optional.ofNullable(d.getSpec().getReplicas()).orElse(1);
            Optional<Integer> autoscaled = m.all(HorizontalPodAutoscaler.class).stream()
                    .filter(h -> h.getSpec().getScaleTargetRef().getKind().equals("Deployment")
                            && h.getSpec().getScaleTargetRef().getName().equals(name))
                    .map(h -> Optional.ofNullable(h.getSpec().getMinReplicas()).orElse(1))
                    .findFirst();
            if (autoscaled.map(min -> min < 2).orElse(replicas < 2)) {
                problems.add("Deployment " + name + ": fewer than 2 replicas ("
                        + autoscaled.map(min -> "autoscaler minimum " + min).orElse(replicas + "") + ")");
            }
        }
        return problems;
    }

    /** A policy that denies everything to every pod, and for every workload a policy that says what it may do. */
    static List<String> networkPolicies(Manifests m) {
        var problems = new ArrayList<String>();
        List<NetworkPolicy> policies = m.all(NetworkPolicy.class);
        boolean defaultDeny = policies.stream()
                .anyMatch(p -> isEmpty(p.getSpec().getPodSelector())
                        && p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                        && (p.getSpec().getIngress() == null
                                || p.getSpec().getIngress().isEmpty())
                        && (p.getSpec().getEgress() == null
                                || p.getSpec().getEgress().isEmpty()));
        if (!defaultDeny) {
            problems.add("no default-deny NetworkPolicy (every pod, Ingress and Egress, no rule)");
        }
        for (Manifests.Workload w : m.workloads()) {
            Map<String, String> labels = w.template().getMetadata().getLabels();
            boolean own = policies.stream()
                    .anyMatch(p -> !isEmpty(p.getSpec().getPodSelector())
                            && selects(p.getSpec().getPodSelector(), labels));
            if (!own) {
                problems.add(w.describe() + ": no NetworkPolicy of its own says what it may reach");
            }
        }
        return problems;
    }

    /**
     * No secret in the manifests: no Secret with data, no literal value for a setting named like a secret, no
     * password in a configuration file or URL (a {@code $VARIABLE} is a reference, not a literal).
     */
    static List<String> noLiteralSecrets(Manifests m) {
        var problems = new ArrayList<String>();
        for (Secret secret : m.all(Secret.class)) {
            boolean data = secret.getData() != null && !secret.getData().isEmpty();
            boolean stringData =
                    secret.getStringData() != null && !secret.getStringData().isEmpty();
            if (data || stringData) {
                problems.add("Secret " + secret.getMetadata().getName() + ": literal data in the manifests");
            }
        }
        for (ConfigMap map : m.all(ConfigMap.class)) {
            Map<String, String> data = Optional.ofNullable(map.getData()).orElse(Map.of());
            data.forEach((key, value) -> {
                if (SECRET_NAME.matcher(key).matches() && !value.isBlank()) {
                    problems.add("ConfigMap " + map.getMetadata().getName() + ": " + key + " looks like a secret");
                }
                LITERAL_PASSWORD
                        .matcher(value)
                        .results()
                        .forEach(r -> problems.add("ConfigMap "
                                + map.getMetadata().getName() + ": " + key + " holds a password: " + r.group()));
            });
        }
        problems.addAll(eachContainer(m, (w, c) -> {
            var found = new ArrayList<String>();
            for (EnvVar env : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
                String value = env.getValue();
                if (value == null || value.isEmpty()) {
                    continue;
                }
                if (SECRET_NAME.matcher(env.getName()).matches()) {
                    found.add("env " + env.getName() + " has a literal value");
                }
                if (LITERAL_PASSWORD.matcher(value).find()) {
                    found.add("env " + env.getName() + " holds a password");
                }
            }
            return found;
        }));
        return problems;
    }

    /** Whether a selector's labels and expressions match these labels (the kinds of expressions we use). */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null || labels == null) {
            return false;
        }
        boolean byLabels = Optional.ofNullable(selector.getMatchLabels()).orElse(Map.of()).entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        boolean byExpressions = Optional.ofNullable(selector.getMatchExpressions()).orElse(List.of()).stream()
                .allMatch(e -> switch (e.getOperator()) {
                    case "In" -> e.getValues().contains(labels.get(e.getKey()));
                    case "NotIn" -> !e.getValues().contains(labels.get(e.getKey()));
                    case "Exists" -> labels.containsKey(e.getKey());
                    case "DoesNotExist" -> !labels.containsKey(e.getKey());
                    default -> throw new IllegalArgumentException("Unknown operator " + e.getOperator());
                });
        return byLabels && byExpressions;
    }

    static boolean isEmpty(LabelSelector selector) {
        return selector == null
                || ((selector.getMatchLabels() == null
                                || selector.getMatchLabels().isEmpty())
                        && (selector.getMatchExpressions() == null
                                || selector.getMatchExpressions().isEmpty()));
    }

    /** Every container of every workload, init containers included. */
    static List<String> eachContainer(Manifests m, ContainerRule rule) {
        return m.workloads().stream()
                .flatMap(w -> {
                    PodSpec spec = w.template().getSpec();
                    return Stream.concat(
                                    Optional.ofNullable(spec.getInitContainers()).orElse(List.of()).stream(),
                                    spec.getContainers().stream())
                            .flatMap(c -> rule.check(w, c).stream()
                                    .map(p -> w.describe() + ", container " + c.getName() + ": " + p));
                })
                .toList();
    }

    @FunctionalInterface
    interface ContainerRule {
        List<String> check(Manifests.Workload workload, Container container);
    }
}
