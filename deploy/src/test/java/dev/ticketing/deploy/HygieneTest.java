package dev.ticketing.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The rules themselves: each one catches what it is there for (so a green ManifestsTest means something). */
class HygieneTest {

    /** A Deployment that breaks every rule once, and a literal Secret. */
    private static final Manifests CARELESS = Manifests.parse("careless", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: careless
            spec:
              replicas: 1
              selector:
                matchLabels:
                  app: careless
              template:
                metadata:
                  labels:
                    app: careless
                spec:
                  containers:
                    - name: app
                      image: example/careless:latest
                      resourcez:
                        requests:
                          cpu: 100m
                      env:
                        - name: DB_PASSWORD
                          value: hunter2
                        - name: DATABASE_URL
                          value: jdbc:postgresql://db/app?user=app&password=hunter2
                      securityContext:
                        runAsNonRoot: true
                        capabilities:
                          add: [NET_ADMIN]
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: careless
            stringData:
              password: hunter2
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: careless
            data:
              app.conf: |
                password: hunter2
              API_TOKEN: abc
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: allow-everything
            spec:
              podSelector: {}
              policyTypes: [Ingress]
              ingress:
                - {}
            """);

    @Test
    void aTypoIsAnUnknownField() {
        assertThat(Hygiene.unknownFields(CARELESS))
                .containsExactly(
                        "Deployment careless: spec.template.spec.containers[0].resourcez = {requests={cpu=100m}}");
    }

    @Test
    void aValueOfTheWrongTypeDoesNotParse() {
        assertThatThrownBy(() -> Manifests.parse("wrong", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: wrong
                spec:
                  ports:
                    - port: eighty
                """))
                .hasMessageContaining("\"eighty\"")
                .hasMessageContaining("ServicePort[\"port\"]");
    }

    @Test
    void everyRuleCatchesItsOffence() {
        assertThat(Hygiene.resources(CARELESS))
                .containsExactly(
                        "Deployment careless, container app: no cpu request",
                        "Deployment careless, container app: no memory request",
                        "Deployment careless, container app: no memory limit");
        assertThat(Hygiene.probes(CARELESS))
                .containsExactly(
                        "Deployment careless, container app: no readiness probe",
                        "Deployment careless, container app: no liveness probe");
        assertThat(Hygiene.lockedDown(CARELESS))
                .containsExactly(
                        "Deployment careless, container app: readOnlyRootFilesystem is not true",
                        "Deployment careless, container app: allowPrivilegeEscalation is not false",
                        "Deployment careless, container app: capabilities do not drop ALL",
                        "Deployment careless, container app: capabilities added: [NET_ADMIN]",
                        "Deployment careless, container app: seccompProfile is not RuntimeDefault");
        assertThat(Hygiene.serviceAccounts(CARELESS))
                .containsExactly("Deployment careless: no ServiceAccount of its own (serviceAccountName null)");
        assertThat(Hygiene.spread(CARELESS))
                .containsExactly(
                        "Deployment careless: its pods are not spread over kubernetes.io/hostname",
                        "Deployment careless: its pods are not spread over topology.kubernetes.io/zone");
        assertThat(Hygiene.pinnedImages(CARELESS, false))
                .containsExactly(
                        "Deployment careless, container app: image example/careless:latest is not pinned (latest)");
        assertThat(Hygiene.disruptionBudgets(CARELESS))
                .containsExactly("Deployment careless: no PodDisruptionBudget selects its pods {app=careless}");
        assertThat(Hygiene.highlyAvailable(CARELESS)).containsExactly("Deployment careless: fewer than 2 replicas (1)");
        assertThat(Hygiene.networkPolicies(CARELESS))
                .containsExactly(
                        "no default-deny NetworkPolicy (every pod, Ingress and Egress, no rule)",
                        "Deployment careless: no NetworkPolicy of its own says what it may reach");
        assertThat(Hygiene.noLiteralSecrets(CARELESS))
                .containsExactlyInAnyOrder(
                        "Secret careless: literal data in the manifests",
                        "ConfigMap careless: app.conf holds a password: password: hunter2",
                        "ConfigMap careless: API_TOKEN looks like a secret",
                        "Deployment careless, container app: env DB_PASSWORD has a literal value",
                        "Deployment careless, container app: env DATABASE_URL holds a password");
    }

    @Test
    void aSnapshotIsNoRelease() {
        Manifests snapshot = Manifests.parse("snapshot", CARELESS_IMAGE.formatted("ticketing/auth:0.1.0-SNAPSHOT"));
        assertThat(Hygiene.pinnedImages(snapshot, false)).isEmpty();
        assertThat(Hygiene.pinnedImages(snapshot, true))
                .singleElement()
                .asString()
                .endsWith("is a snapshot, not a release");
        assertThat(Hygiene.pinnedImages(
                        Manifests.parse("untagged", CARELESS_IMAGE.formatted("registry:5000/auth")), false))
                .singleElement()
                .asString()
                .endsWith("has neither a tag nor a digest");
        assertThat(Hygiene.pinnedImages(
                        Manifests.parse(
                                "digest",
                                CARELESS_IMAGE.formatted(
                                        "registry:5000/auth@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")),
                        true))
                .isEmpty();
    }

    @Test
    void aReferenceToAVariableIsNoLiteralPassword() {
        Manifests references = Manifests.parse("references", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: nats
                data:
                  nats.conf: |
                    { user: "auth", password: $NATS_PASSWORD_AUTH }
                """);
        assertThat(Hygiene.noLiteralSecrets(references)).isEmpty();
    }

    private static final String CARELESS_IMAGE = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: image
            spec:
              selector:
                matchLabels:
                  app: image
              template:
                metadata:
                  labels:
                    app: image
                spec:
                  containers:
                    - name: app
                      image: %s
            """;
}
