package dev.ticketing.deploy;

import dev.ticketing.platform.embedded.NatsUser;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The launcher's {@code NatsAccess}: who may do what on NATS (docs/decisions/0013), the one source the Kubernetes
 * NATS configuration must agree with. It is package-private and the launcher's jar is repackaged by Spring Boot, so it
 * is read by reflection from the launcher's build folder, which deploy/pom.xml puts on the test class path.
 */
final class NatsAccessOfTheLauncher {

    static final String ADMIN = "admin";
    private static final String CLASS = "dev.ticketing.launcher.NatsAccess";

    private NatsAccessOfTheLauncher() {}

    /** The services that have a NATS user. */
    static List<String> services() {
        Map<?, ?> consumes = (Map<?, ?>) field("CONSUMES");
        return consumes.keySet().stream().map(String::valueOf).sorted().toList();
    }

    static NatsUser user(String service) {
        Optional<?> user = (Optional<?>) call("user", new Class<?>[] {String.class, String.class}, service, "unused");
        return (NatsUser) user.orElseThrow(() -> new AssertionError("NatsAccess has no user for " + service));
    }

    static NatsUser admin() {
        NatsUser admin = (NatsUser) call("admin", new Class<?>[] {String.class}, "unused");
        if (!admin.name().equals(ADMIN)) {
            throw new AssertionError("NatsAccess's admin is called " + admin.name());
        }
        return admin;
    }

    private static Object field(String name) {
        try {
            Field field = type().getDeclaredField(name);
            field.setAccessible(true);
            return field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("NatsAccess." + name + " is not readable: " + e, e);
        }
    }

    private static Object call(String name, Class<?>[] parameters, Object... arguments) {
        try {
            Method method = type().getDeclaredMethod(name, parameters);
            method.setAccessible(true);
            return method.invoke(null, arguments);
        } catch (InvocationTargetException e) {
            throw new AssertionError("NatsAccess." + name + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("NatsAccess." + name + " is not callable: " + e, e);
        }
    }

    private static Class<?> type() {
        try {
            return Class.forName(CLASS);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(
                    CLASS + " is not on the class path: build the launcher first "
                            + "(./mvnw -pl deploy -am verify builds it; deploy/pom.xml adds launcher/target/classes)",
                    e);
        }
    }
}
