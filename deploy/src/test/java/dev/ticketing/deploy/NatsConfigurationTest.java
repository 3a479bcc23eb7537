package dev.ticketing.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.platform.embedded.NatsServerProcess;
import dev.ticketing.platform.embedded.NatsUser;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NATS server of the Kubernetes manifests admits exactly the users the launcher's embedded one does, each with
 * the same permissions (the launcher's NatsAccess, docs/decisions/0013), with passwords that are only references to the
 * container's environment, filled from the secret nats-users; and nats-server itself accepts the file.
 *
 * <p>NatsAccess is package-private in the launcher, whose jar Spring Boot repackages: the test reads the launcher's
 * build folder (deploy/pom.xml) through {@link NatsAccessOfTheLauncher}. The configuration is the same in every
 * overlay, so it is read from the base.
 */
class NatsConfigurationTest {

    private static final Pattern USER = Pattern.compile(
            "\\{\\s*user: \"([^\"]+)\"\\s+password: (\\S+)\\s+permissions: \\{\\s*"
                    + "publish: \\{ allow: \\[([^\\]]*)\\] \\}\\s+subscribe: \\{ allow: \\[([^\\]]*)\\] \\}\\s*\\}\\s*\\}");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    @Test
    void everyServiceHasTheUserAndPermissionsOfNatsAccess() {
        Map<String, ParsedUser> users = users(config());
        var expected = new ArrayList<String>(NatsAccessOfTheLauncher.services());
        expected.add(NatsAccessOfTheLauncher.ADMIN);
        assertThat(users.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        for (String service : NatsAccessOfTheLauncher.services()) {
            NatsUser access = NatsAccessOfTheLauncher.user(service);
            assertThat(users.get(service).publish())
                    .as(service + " may publish")
                    .isEqualTo(access.publish());
            assertThat(users.get(service).subscribe())
                    .as(service + " may subscribe")
                    .isEqualTo(access.subscribe());
        }
        NatsUser admin = NatsAccessOfTheLauncher.admin();
        assertThat(users.get(admin.name()).publish()).isEqualTo(admin.publish());
        assertThat(users.get(admin.name()).subscribe()).isEqualTo(admin.subscribe());
        // no anonymous access: no user that the server would pick for clients without credentials
        assertThat(config()).doesNotContainPattern("(?m)^\\s*no_auth_user");
    }

    @Test
    void everyPasswordComesFromTheSecretThroughTheEnvironment() {
        Map<String, String> fromSecret = passwordVariables();
        for (ParsedUser user : users(config()).values()) {
            assertThat(user.password()).as(user.name() + " password").matches("\\$[A-Z][A-Z0-9_]*");
            String variable = user.password().substring(1);
            assertThat(fromSecret)
                    .as("the NATS container's " + variable)
                    .containsEntry(variable, "nats-users/" + user.name());
        }
    }

    @Test
    void natsServerAcceptsTheConfiguration(@TempDir Path dir) throws IOException, InterruptedException {
        Path binary = NatsServerProcess.findBinary()
                .orElseThrow(() -> new AssertionError("nats-server not found. " + NatsServerProcess.installHint()));
        Path file = dir.resolve("nats.conf");
        Files.writeString(file, config());
        var command = new ProcessBuilder(binary.toString(), "-t", "-c", file.toString()).redirectErrorStream(true);
        // what the container's environment holds: its pod name, and passwords of the form create-secrets.sh makes
        command.environment().put("SERVER_NAME", "nats-0");
        passwordVariables()
                .keySet()
                .forEach(v -> command.environment().put(v, "p" + Integer.toHexString(v.hashCode()) + "Xy"));
        Process process = command.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as(binary + " -t").contains("is valid");
    }

    /** The nats.conf of the base's nats-config ConfigMap. */
    private static String config() {
        KubernetesSerialization serialization = new KubernetesSerialization();
        for (String document : base().split("(?m)^---\\s*$")) {
            Object object = document.isBlank() ? null : serialization.unmarshal(document);
            if (object instanceof ConfigMap map && map.getMetadata().getName().startsWith("nats-config-")) {
                return map.getData().get("nats.conf");
            }
        }
        throw new AssertionError("no nats-config ConfigMap in the base");
    }

    /** Environment variable → secret/key of the NATS container. */
    private static Map<String, String> passwordVariables() {
        KubernetesSerialization serialization = new KubernetesSerialization();
        for (String document : base().split("(?m)^---\\s*$")) {
            Object object = document.isBlank() ? null : serialization.unmarshal(document);
            if (object instanceof StatefulSet set && set.getMetadata().getName().equals("nats")) {
                Container nats =
                        set.getSpec().getTemplate().getSpec().getContainers().getFirst();
                var variables = new LinkedHashMap<String, String>();
                for (EnvVar env : nats.getEnv()) {
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                        variables.put(
                                env.getName(),
                                env.getValueFrom().getSecretKeyRef().getName() + "/"
                                        + env.getValueFrom().getSecretKeyRef().getKey());
                    }
                }
                return variables;
            }
        }
        throw new AssertionError("no nats StatefulSet in the base");
    }

    private static String base() {
        return Kubectl.base();
    }

    private static Map<String, ParsedUser> users(String config) {
        var users = new LinkedHashMap<String, ParsedUser>();
        Matcher m = USER.matcher(config);
        while (m.find()) {
            users.put(m.group(1), new ParsedUser(m.group(1), m.group(2), quoted(m.group(3)), quoted(m.group(4))));
        }
        assertThat(users).as("users of the authorization block").isNotEmpty();
        assertThat(config.split("user: ", -1)).as("every user parsed").hasSize(users.size() + 1);
        return users;
    }

    private static List<String> quoted(String list) {
        return QUOTED.matcher(list).results().map(r -> r.group(1)).toList();
    }

    private record ParsedUser(String name, String password, List<String> publish, List<String> subscribe) {}
}
