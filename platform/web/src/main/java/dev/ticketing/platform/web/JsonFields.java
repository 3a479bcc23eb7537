package dev.ticketing.platform.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * Maps between Java properties of a request body and the JSON names clients see, so that every error names the
 * field as it was sent.
 */
final class JsonFields {

    private JsonFields() {}

    /** The JSON name of a (possibly nested, dotted) Java property of {@code type}. */
    static String jsonName(Class<?> type, String javaPath) {
        if (type == null || javaPath == null || javaPath.contains("[")) {
            return javaPath;
        }
        StringBuilder out = new StringBuilder();
        Class<?> current = type;
        for (String part : javaPath.split("\\.")) {
            Optional<Field> field = current == null ? Optional.empty() : declaredField(current, part);
            String name = field.map(f -> f.getAnnotation(JsonProperty.class))
                    .map(JsonProperty::value)
                    .filter(v -> !v.isEmpty())
                    .orElse(part);
            out.append(out.isEmpty() ? "" : ".").append(name);
            current = field.map(Field::getType).orElse(null);
        }
        return out.toString();
    }

    /**
     * The literal message of the first validation constraint on the Java property behind a JSON name, so that a
     * value of the wrong type gets the same answer as a value of the right type that breaks the rule.
     */
    static Optional<String> constraintMessage(Class<?> type, String jsonName) {
        if (type == null || jsonName == null) {
            return Optional.empty();
        }
        return fieldForJsonName(type, jsonName)
                .flatMap(field -> Arrays.stream(field.getAnnotations())
                        .map(JsonFields::literalMessage)
                        .flatMap(Optional::stream)
                        .findFirst());
    }

    private static Optional<Field> fieldForJsonName(Class<?> type, String jsonName) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                JsonProperty property = field.getAnnotation(JsonProperty.class);
                String name = property != null && !property.value().isEmpty() ? property.value() : field.getName();
                if (name.equals(jsonName)) {
                    return Optional.of(field);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Field> declaredField(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return Optional.of(c.getDeclaredField(name));
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        return Optional.empty();
    }

    /** A constraint annotation's {@code message()}, unless it is a message-bundle key such as {@code {...}}. */
    private static Optional<String> literalMessage(Annotation annotation) {
        if (!annotation.annotationType().isAnnotationPresent(jakarta.validation.Constraint.class)) {
            return Optional.empty();
        }
        try {
            Method message = annotation.annotationType().getMethod("message");
            String value = (String) message.invoke(annotation);
            return value == null || value.startsWith("{") ? Optional.empty() : Optional.of(value);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return Optional.empty();
        }
    }
}
