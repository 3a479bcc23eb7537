package dev.ticketing.contracts.docs;

import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the services' main sources declare, read from the sources themselves (the services are not on this module's
 * class path): the HTTP routes their controllers map, and the event types their {@code EventHandler}s consume.
 * It reads the plain forms the code uses and fails, naming the file, on anything it cannot resolve, so that a new
 * form is noticed rather than silently skipped.
 */
final class ServiceSources {

    /** One route: {@code method} is {@code GET}, {@code POST}, ... or {@code ANY} for a mapping of every method. */
    record Route(String method, String path, String source) {

        @Override
        public String toString() {
            return method + " " + path + " (" + source + ")";
        }
    }

    private static final Pattern CONTROLLER = Pattern.compile("@(RestController|Controller)\\b");
    private static final Pattern TYPE_DECLARATION = Pattern.compile("\\b(class|record|interface|enum)\\s+\\w+");
    private static final Pattern MAPPING =
            Pattern.compile("@(Get|Post|Put|Delete|Patch|Request)Mapping\\b(\\s*\\(([^)]*)\\))?");
    private static final Pattern STRING_CONSTANT =
            Pattern.compile("\\bstatic\\s+final\\s+String\\s+(\\w+)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*;");
    private static final Pattern NAMED_ATTRIBUTES = Pattern.compile("\\w+\\s*=(?!=)");
    private static final Pattern PATH_ATTRIBUTE = Pattern.compile("\\b(?:value|path)\\s*=(?!=)");
    private static final Pattern REQUEST_METHOD = Pattern.compile("RequestMethod\\.(\\w+)");

    private static final Pattern HANDLER_CLASS = Pattern.compile("\\bimplements\\s+(?:[\\w.]+\\s*,\\s*)*EventHandler<");
    private static final Pattern HANDLER_TYPE = Pattern.compile(
            "\\bEventType<[^>]*>\\s+eventType\\s*\\(\\s*\\)\\s*\\{\\s*return\\s+Events\\.([A-Z][A-Z0-9_]*)\\s*;");
    private static final Pattern HANDLER_BEAN = Pattern.compile("@Bean\\b[^;{]*?\\bEventHandler<[^>]*>\\s+\\w+\\s*\\(");
    private static final Pattern EVENT_CONSTANT = Pattern.compile("\\bEvents\\.([A-Z][A-Z0-9_]*)\\b");

    private ServiceSources() {}

    /** Every route mapped by a controller of a service, with the path as a client calls it. */
    static List<Route> routes() {
        var routes = new ArrayList<Route>();
        for (String service : Repository.services()) {
            List<Path> sources = Repository.mainSources(service);
            Map<String, Map<String, String>> constants = new HashMap<>();
            Map<Path, String> code = new HashMap<>();
            for (Path source : sources) {
                String text = Repository.code(source);
                code.put(source, text);
                Map<String, String> own = new HashMap<>();
                Matcher constant = STRING_CONSTANT.matcher(text);
                while (constant.find()) {
                    own.put(constant.group(1), constant.group(2));
                }
                constants.put(className(source), own);
            }
            for (Path source : sources) {
                String text = code.get(source);
                if (CONTROLLER.matcher(text).find()) {
                    routes.addAll(routesOf(source, text, constants));
                }
            }
        }
        return routes;
    }

    /** Event name (e.g. {@code ORDER.created}) → the services with a handler of it. */
    static Map<String, Set<String>> consumers() {
        Map<String, Set<String>> consumers = new TreeMap<>();
        for (String service : Repository.services()) {
            for (Path source : Repository.mainSources(service)) {
                String text = Repository.code(source);
                List<String> handled = handledConstants(source, text);
                for (String constant : handled) {
                    consumers
                            .computeIfAbsent(eventType(constant, source).name(), name -> new TreeSet<>())
                            .add(service);
                }
            }
        }
        return consumers;
    }

    /**
     * The {@code Events} constants one file's handlers consume: a class implementing {@code EventHandler} returns
     * one from {@code eventType()}; a {@code @Bean} method returning an {@code EventHandler} names one first.
     */
    private static List<String> handledConstants(Path source, String text) {
        var handled = new ArrayList<String>();
        int declared = 0;
        Matcher handlerClass = HANDLER_CLASS.matcher(text);
        while (handlerClass.find()) {
            declared++;
        }
        Matcher type = HANDLER_TYPE.matcher(text);
        while (declared > 0 && type.find()) {
            handled.add(type.group(1));
        }
        Matcher bean = HANDLER_BEAN.matcher(text);
        while (bean.find()) {
            declared++;
            Matcher constant = EVENT_CONSTANT.matcher(text);
            if (constant.find(bean.end())) {
                handled.add(constant.group(1));
            }
        }
        if (handled.size() != declared) {
            throw new IllegalStateException(Repository.relative(source) + " declares " + declared
                    + " event handler(s) but names the event type of " + handled.size()
                    + "; name it as Events.X in eventType() or first in the @Bean method");
        }
        return handled;
    }

    private static EventType<?> eventType(String constant, Path source) {
        try {
            return (EventType<?>) Events.class.getField(constant).get(null);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException(
                    Repository.relative(source) + " handles Events." + constant
                            + ", which is not an event type of contracts",
                    e);
        }
    }

    private static List<Route> routesOf(Path source, String text, Map<String, Map<String, String>> constants) {
        String where = Repository.relative(source);
        Matcher declaration = TYPE_DECLARATION.matcher(text);
        if (!declaration.find()) {
            throw new IllegalStateException("No class in " + where);
        }
        int body = declaration.start();
        List<String> prefixes = List.of("");
        Matcher classMapping = MAPPING.matcher(text.substring(0, body));
        if (classMapping.find()) {
            prefixes = paths(classMapping.group(3), source, constants);
        }
        var routes = new ArrayList<Route>();
        Matcher mapping = MAPPING.matcher(text);
        mapping.region(body, text.length());
        while (mapping.find()) {
            String kind = mapping.group(1);
            String arguments = mapping.group(3);
            List<String> methods =
                    kind.equals("Request") ? requestMethods(arguments) : List.of(kind.toUpperCase(Locale.ROOT));
            for (String prefix : prefixes) {
                for (String path : paths(arguments, source, constants)) {
                    for (String method : methods) {
                        routes.add(new Route(method, normalise(prefix + path), where));
                    }
                }
            }
        }
        return routes;
    }

    private static List<String> requestMethods(String arguments) {
        if (arguments == null || !arguments.contains("method")) {
            return List.of("ANY");
        }
        var methods = new ArrayList<String>();
        Matcher method = REQUEST_METHOD.matcher(arguments);
        while (method.find()) {
            methods.add(method.group(1));
        }
        return methods;
    }

    /** The paths of a mapping's arguments: {@code "/x"}, {@code PATH}, {@code path = {"/a", B.C}}, or none. */
    private static List<String> paths(String arguments, Path source, Map<String, Map<String, String>> constants) {
        if (arguments == null || arguments.isBlank()) {
            return List.of("");
        }
        String value = arguments.strip();
        if (NAMED_ATTRIBUTES.matcher(value).lookingAt()) {
            Matcher attribute = PATH_ATTRIBUTE.matcher(value);
            if (!attribute.find()) {
                return List.of(""); // e.g. only produces = ...
            }
            value = attributeValue(value, attribute.end()).strip();
        }
        if (value.startsWith("{") && value.endsWith("}")) {
            value = value.substring(1, value.length() - 1);
        }
        var paths = new ArrayList<String>();
        for (String element : value.split(",")) {
            paths.add(expression(element.strip(), source, constants));
        }
        return paths;
    }

    /** The text of one annotation attribute's value: up to the next comma outside braces. */
    private static String attributeValue(String arguments, int from) {
        int depth = 0;
        boolean quoted = false;
        for (int i = from; i < arguments.length(); i++) {
            char c = arguments.charAt(i);
            if (c == '"' && (i == 0 || arguments.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && c == '{') {
                depth++;
            } else if (!quoted && c == '}') {
                depth--;
            } else if (!quoted && c == ',' && depth == 0) {
                return arguments.substring(from, i);
            }
        }
        return arguments.substring(from);
    }

    /** A string literal, a constant ({@code PATH}, {@code Owner.PATH}) or a concatenation of them. */
    private static String expression(String text, Path source, Map<String, Map<String, String>> constants) {
        var value = new StringBuilder();
        for (String term : text.split("\\+")) {
            String part = term.strip();
            if (part.startsWith("\"") && part.endsWith("\"") && part.length() >= 2) {
                value.append(part, 1, part.length() - 1);
                continue;
            }
            int dot = part.lastIndexOf('.');
            String owner = dot < 0 ? className(source) : part.substring(part.lastIndexOf('.', dot - 1) + 1, dot);
            String name = part.substring(dot + 1);
            String resolved = constants.getOrDefault(owner, Map.of()).get(name);
            if (resolved == null) {
                throw new IllegalStateException("Cannot resolve the mapping path " + text + " in "
                        + Repository.relative(source) + ": use a literal or a static final String constant");
            }
            value.append(resolved);
        }
        return value.toString();
    }

    private static String normalise(String path) {
        String normal = path.replaceAll("/{2,}", "/");
        if (normal.isEmpty()) {
            return "/";
        }
        return normal.length() > 1 && normal.endsWith("/") ? normal.substring(0, normal.length() - 1) : normal;
    }

    private static String className(Path source) {
        String name = source.getFileName().toString();
        return name.substring(0, name.length() - ".java".length());
    }
}
