package dev.ticketing.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One overlay, rendered and parsed: every object typed by the fabric8 Kubernetes model where the model knows its kind
 * (CloudNativePG's {@code Cluster} stays a {@link GenericKubernetesResource}).
 */
final class Manifests {

    /** The services and the ports they serve (docs/development.md); web's actuator has its own, 18080. */
    static final Map<String, Integer> BACKENDS =
            Map.of("auth", 18081, "tickets", 18082, "orders", 18083, "payments", 18084, "expiration", 18085);

    static final String EDGE = "web";
    static final int EDGE_MANAGEMENT_PORT = 18080;

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Map<String, Manifests> PARSED = new ConcurrentHashMap<>();

    final String overlay;
    final List<HasMetadata> objects;

    private Manifests(String overlay, List<HasMetadata> objects) {
        this.overlay = overlay;
        this.objects = List.copyOf(objects);
    }

    static Manifests of(String overlay) {
        return PARSED.computeIfAbsent(overlay, o -> parse(o, Kubectl.kustomize(o)));
    }

    static Manifests parse(String overlay, String yaml) {
        var objects = new ArrayList<HasMetadata>();
        for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
            if (!document.isBlank()) {
                Object parsed = SERIALIZATION.unmarshal(document);
                if (!(parsed instanceof HasMetadata object)) {
                    throw new AssertionError(overlay + ": not a Kubernetes object: " + document);
                }
                objects.add(object);
            }
        }
        return new Manifests(overlay, objects);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream()
                .filter(o -> o.getMetadata().getName().equals(name))
                .findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name)
                .orElseThrow(() -> new AssertionError(
                        overlay + ": no " + type.getSimpleName() + " " + name + " in the rendered manifests"));
    }

    List<GenericKubernetesResource> generic(String apiGroup, String kind) {
        return all(GenericKubernetesResource.class).stream()
                .filter(r -> r.getKind().equals(kind) && r.getApiVersion().startsWith(apiGroup + "/"))
                .toList();
    }

    /** Deployments and StatefulSets: what runs pods. */
    List<Workload> workloads() {
        var workloads = new ArrayList<Workload>();
        all(Deployment.class)
                .forEach(d -> workloads.add(new Workload(
                        "Deployment",
                        d.getMetadata().getName(),
                        d.getSpec().getReplicas(),
                        d.getSpec().getTemplate(),
                        d)));
        all(StatefulSet.class)
                .forEach(s -> workloads.add(new Workload(
                        "StatefulSet",
                        s.getMetadata().getName(),
                        s.getSpec().getReplicas(),
                        s.getSpec().getTemplate(),
                        s)));
        return workloads;
    }

    Workload workload(String name) {
        return workloads().stream()
                .filter(w -> w.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no workload " + name));
    }

    /**
     * A ConfigMap by the name the kustomization gives it; the generated one carries a hash suffix
     * ({@code ticketing-config-c64bt72bmm}), which the references in the workloads carry too.
     */
    ConfigMap configMap(String name) {
        return find(ConfigMap.class, name).orElseThrow(() -> new AssertionError(overlay + ": no ConfigMap " + name));
    }

    /** The generated ConfigMap whose name without its hash suffix is {@code base}. */
    ConfigMap generatedConfigMap(String base) {
        return all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().matches(Pattern.quote(base) + "-[a-z0-9]{10}"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no generated ConfigMap " + base));
    }

    record Workload(String kind, String name, Integer replicas, PodTemplateSpec template, HasMetadata object) {

        String describe() {
            return kind + " " + name;
        }
    }
}
