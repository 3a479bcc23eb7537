package dev.ticketing.contracts.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The checked-out repository these tests read: its root, its files and the Java sources of its services. */
final class Repository {

    /** Folders that are never part of the repository (.gitignore) or not ours to check. */
    private static final Set<String> SKIPPED_FOLDERS =
            Set.of(".git", "target", ".ticketing", ".idea", ".vscode", "node_modules");

    private static final Path ROOT = findRoot();

    private Repository() {}

    static Path root() {
        return ROOT;
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository's own text files: everything but ignored folders, logs and binary files. */
    static List<Path> textFiles() {
        var files = new ArrayList<Path>();
        try {
            Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return !dir.equals(ROOT)
                                    && SKIPPED_FOLDERS.contains(
                                            dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    String name = file.getFileName().toString();
                    if (attributes.isRegularFile()
                            && !SKIPPED_FOLDERS.contains(name)
                            && !name.endsWith(".log")
                            && !name.endsWith(".iml")
                            && attributes.size() < 1_000_000
                            && isText(file)) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The service folders under {@code services/} (auth, tickets, ...). */
    static List<String> services() {
        try (Stream<Path> dirs = Files.list(path("services"))) {
            return dirs.filter(dir -> Files.isDirectory(dir.resolve("src/main/java")))
                    .map(dir -> dir.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The main Java sources of one service. */
    static List<Path> mainSources(String service) {
        try (Stream<Path> files = Files.walk(path("services/" + service + "/src/main/java"))) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Java source without its comments; string and character literals (text blocks too) are kept as they are. */
    static String code(Path javaFile) {
        String source = read(javaFile);
        var code = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? source.length() : end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
                code.append(' ');
            } else if (c == '"' || c == '\'') {
                String quote = source.startsWith("\"\"\"", i) ? "\"\"\"" : String.valueOf(c);
                int end = i + quote.length();
                while (end < source.length() && !source.startsWith(quote, end)) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(source.length(), end + quote.length());
                code.append(source, i, end);
                i = end;
            } else {
                code.append(c);
                i++;
            }
        }
        return code.toString();
    }

    static String relative(Path file) {
        return ROOT.relativize(file).toString().replace('\\', '/');
    }

    private static boolean isText(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(8192);
            for (byte b : head) {
                if (b == 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Up from the module's folder (where Maven runs the tests) to the folder with the wrapper and the docs. */
    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))
                    && Files.isDirectory(dir.resolve("docs"))
                    && Files.isDirectory(dir.resolve("contracts"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "No repository root above " + Path.of("").toAbsolutePath());
    }
}
