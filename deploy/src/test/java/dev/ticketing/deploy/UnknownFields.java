package dev.ticketing.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The fields the Kubernetes model did not know. fabric8's model keeps a field it has no property for (a typo such as
 * {@code resourcez}, a field of another API version) and a value of the wrong type in each object's
 * {@code additionalProperties} instead of failing; this walks every typed object and lists them with their path.
 * A {@link GenericKubernetesResource} (a custom resource such as CloudNativePG's Cluster) keeps everything there,
 * so only its metadata is walked.
 */
final class UnknownFields {

    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";
    private static final int MAX_DEPTH = 40;

    private UnknownFields() {}

    /** Every unknown field of the object, e.g. {@code Deployment auth: spec.template.spec.containers[0].resourcez}. */
    static List<String> of(HasMetadata object) {
        var found = new ArrayList<String>();
        String name = object.getKind() + " " + object.getMetadata().getName() + ": ";
        if (object instanceof GenericKubernetesResource generic) {
            walk(generic.getMetadata(), "metadata", found, 0);
        } else {
            walk(object, "", found, 0);
        }
        return found.stream().map(path -> name + path).toList();
    }

    private static void walk(Object value, String path, List<String> found, int depth) {
        if (value == null || depth > MAX_DEPTH) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", found, depth + 1);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "[" + key + "]", found, depth + 1));
            return;
        }
        if (!value.getClass().getName().startsWith(MODEL_PACKAGE)) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (!isProperty(getter)) {
                continue;
            }
            Object child = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
                    unknown.forEach((key, v) -> found.add(join(path, String.valueOf(key)) + " = " + v));
                }
            } else {
                walk(child, join(path, property(getter)), found, depth + 1);
            }
        }
    }

    private static boolean isProperty(Method method) {
        return method.getName().startsWith("get")
                && method.getName().length() > 3
                && method.getParameterCount() == 0
                && !Modifier.isStatic(method.getModifiers())
                && method.getDeclaringClass() != Object.class
                && method.getReturnType() != void.class;
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Could not read " + getter + " of " + target.getClass(), e);
        }
    }

    private static String property(Method getter) {
        String name = getter.getName().substring(3);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
