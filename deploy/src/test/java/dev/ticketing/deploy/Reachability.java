package dev.ticketing.deploy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the NetworkPolicies of the manifests let through, evaluated as Kubernetes does: a connection passes when the
 * source may send it (no policy of type Egress selects the source, or one of those that do allows it) and the
 * destination may receive it (likewise for Ingress). Peers by pod and namespace labels and by IP block; ports by
 * number.
 */
final class Reachability {

    /** A pod: its namespace's name (kubernetes.io/metadata.name) and its labels. */
    record Pod(String namespace, Map<String, String> labels) {

        @Override
        public String toString() {
            return namespace + "/" + labels;
        }
    }

    private final String namespace;
    private final List<NetworkPolicy> policies;

    Reachability(String namespace, List<NetworkPolicy> policies) {
        this.namespace = namespace;
        this.policies = policies;
    }

    boolean allows(Pod from, Pod to, int port, String protocol) {
        return sends(from, to, port, protocol) && receives(from, to, port, protocol);
    }

    private boolean sends(Pod from, Pod to, int port, String protocol) {
        if (!from.namespace().equals(namespace)) {
            return true; // other namespaces' policies are not ours
        }
        List<NetworkPolicy> selecting = selecting(from, "Egress");
        return selecting.isEmpty()
                || selecting.stream()
                        .anyMatch(p -> Optional.ofNullable(p.getSpec().getEgress()).orElse(List.of()).stream()
                                .anyMatch(rule -> peers(rule.getTo(), to) && ports(rule.getPorts(), port, protocol)));
    }

    private boolean receives(Pod from, Pod to, int port, String protocol) {
        if (!to.namespace().equals(namespace)) {
            return true;
        }
        List<NetworkPolicy> selecting = selecting(to, "Ingress");
        return selecting.isEmpty()
                || selecting.stream()
                        .anyMatch(p -> Optional.ofNullable(p.getSpec().getIngress()).orElse(List.of()).stream()
                                .anyMatch(
                                        rule -> peers(rule.getFrom(), from) && ports(rule.getPorts(), port, protocol)));
    }

    private List<NetworkPolicy> selecting(Pod pod, String type) {
        return policies.stream()
                .filter(p -> Hygiene.isEmpty(p.getSpec().getPodSelector())
                        || Hygiene.selects(p.getSpec().getPodSelector(), pod.labels()))
                .filter(p -> p.getSpec().getPolicyTypes().contains(type))
                .toList();
    }

    /** An empty or missing list of peers means every peer. */
    private boolean peers(List<NetworkPolicyPeer> peers, Pod pod) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        return peers.stream().anyMatch(peer -> {
            if (peer.getIpBlock() != null) {
                // pods are not addressed by IP block here; 0.0.0.0/0 is the one block the manifests use (API server)
                return peer.getIpBlock().getCidr().equals("0.0.0.0/0")
                        && pod.namespace().equals("(outside)");
            }
            boolean namespaceMatches = peer.getNamespaceSelector() == null
                    ? pod.namespace().equals(namespace)
                    : Hygiene.isEmpty(peer.getNamespaceSelector())
                            || Hygiene.selects(
                                    peer.getNamespaceSelector(),
                                    Map.of("kubernetes.io/metadata.name", pod.namespace()));
            boolean podMatches = peer.getPodSelector() == null
                    || Hygiene.isEmpty(peer.getPodSelector())
                    || Hygiene.selects(peer.getPodSelector(), pod.labels());
            return namespaceMatches && podMatches;
        });
    }

    private static boolean ports(List<NetworkPolicyPort> ports, int port, String protocol) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        return ports.stream().anyMatch(p -> {
            String ruleProtocol = Optional.ofNullable(p.getProtocol()).orElse("TCP");
            IntOrString number = p.getPort();
            if (number == null) {
                return ruleProtocol.equals(protocol);
            }
            if (number.getIntVal() == null) {
                throw new AssertionError(
                        "named ports in NetworkPolicies are not evaluated here: " + number.getStrVal());
            }
            int end = Optional.ofNullable(p.getEndPort()).orElse(number.getIntVal());
            return ruleProtocol.equals(protocol) && port >= number.getIntVal() && port <= end;
        });
    }
}
