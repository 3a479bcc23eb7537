package dev.ticketing.platform.embedded;

import java.util.List;

/**
 * What makes a nats-server one node of a JetStream cluster: its name, the port other nodes reach it on, the
 * route ports of every node (its own included; a server ignores the route to itself), the credentials every route
 * must present, and the port of its monitoring endpoint ({@code /healthz} says when JetStream is usable).
 *
 * <p>The routes are authenticated: on a shared machine anybody can reach a loopback port, and an anonymous route
 * would pass every client permission by.
 */
public record NatsClusterNode(
        String serverName,
        String clusterName,
        int clusterPort,
        int monitorPort,
        List<Integer> routePorts,
        String routeUser,
        String routePassword) {

    public NatsClusterNode {
        routePorts = List.copyOf(routePorts);
        // the names and credentials go in double quotes and in route URLs: plain characters only
        for (String value : List.of(serverName, clusterName, routeUser, routePassword)) {
            if (value == null || !value.matches("[A-Za-z0-9_\\-]+")) {
                throw new IllegalArgumentException("Not a plain NATS name or generated password: " + value);
            }
        }
    }

    String configText(String host) {
        var routes = new StringBuilder();
        for (int port : routePorts) {
            routes.append("    \"nats-route://")
                    .append(routeUser)
                    .append(':')
                    .append(routePassword)
                    .append('@')
                    .append(host)
                    .append(':')
                    .append(port)
                    .append("\"\n");
        }
        return "server_name: \"" + serverName + "\"\n"
                + "http: \"" + host + ":" + monitorPort + "\"\n"
                + "cluster {\n"
                + "  name: \"" + clusterName + "\"\n"
                + "  listen: \"" + host + ":" + clusterPort + "\"\n"
                + "  authorization { user: \"" + routeUser + "\", password: \"" + routePassword + "\" }\n"
                + "  routes: [\n" + routes + "  ]\n"
                + "}\n";
    }
}
