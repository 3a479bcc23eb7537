package dev.ticketing.contracts.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * No file of the repository cites a document the repository lacks: every Markdown file named anywhere (code
 * comments, docs, poms, scripts, manifests), and every YAML file named with a folder, exists. A name resolves
 * from the citing file's folder, from the repository root, or (with a folder) as the end of a path in the
 * repository ({@code services/web.yaml} for {@code deploy/k8s/base/services/web.yaml}). Bare YAML names are
 * left alone: they are mostly configuration files found on a class path or in the same folder.
 */
class DocumentReferencesTest {

    private static final String MD = ".md";
    private static final Pattern MARKDOWN =
            Pattern.compile("(?<![\\w.@/-])((?:\\.{1,2}/|[\\w.-]+/)*\\w[\\w.-]*\\.md)(?![\\w-])");
    private static final Pattern YAML =
            Pattern.compile("(?<![\\w.@/-])((?:\\.{1,2}/)*(?:[\\w.-]+/)+\\w[\\w.-]*\\.ya?ml)(?![\\w-])");

    /** Documents outside the repository that may be named anywhere, e.g. in a quotation of someone else's text. */
    private static final Set<String> EXTERNAL = Set.of();

    /**
     * Citations that must stay as they are, by file: an applied Flyway migration cannot change, not even in a
     * comment, or every database that ran it fails validation (its checksum). The product specification it cites
     * is not in the repository; its invariant 2 is invariant 2 of docs/saga.md.
     */
    private static final Map<String, Set<String>> FROZEN =
            Map.of("services/payments/src/main/resources/db/migration/V1__payments.sql", Set.of("product" + MD));

    @Test
    void everyCitedDocumentExists() {
        Path root = Repository.root();
        List<Path> files = Repository.textFiles();
        Set<String> paths = files.stream().map(Repository::relative).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>();
        for (Path file : files) {
            String text = Repository.read(file);
            for (Pattern pattern : List.of(MARKDOWN, YAML)) {
                Matcher reference = pattern.matcher(text);
                while (reference.find()) {
                    String cited = reference.group(1);
                    if (!EXTERNAL.contains(cited)
                            && !FROZEN.getOrDefault(Repository.relative(file), Set.of())
                                    .contains(cited)
                            && !exists(root, paths, file, cited)) {
                        missing.add(
                                Repository.relative(file) + ":" + line(text, reference.start()) + " cites " + cited);
                    }
                }
            }
        }
        assertThat(missing)
                .as("citations of documents this repository does not contain")
                .isEmpty();
    }

    @Test
    void theReferenceFinderSeesCitations() {
        // spelt in pieces, so that this file does not cite them itself
        Matcher markdown = MARKDOWN.matcher(
                "see docs/saga" + MD + "#subjects, ../spec/api" + MD + " and (decisions/0014-x" + MD + ").");
        assertThat(markdown.results().map(m -> m.group(1)))
                .containsExactly("docs/saga" + MD, "../spec/api" + MD, "decisions/0014-x" + MD);
        Matcher yaml = YAML.matcher("nats/nats.yaml, application.yml, https://example.com/a/b.yaml");
        assertThat(yaml.results().map(m -> m.group(1))).containsExactly("nats/nats.yaml");
    }

    private static boolean exists(Path root, Set<String> paths, Path file, String cited) {
        for (Path base : List.of(file.getParent(), root)) {
            Path resolved = base.resolve(cited).normalize();
            if (resolved.startsWith(root) && Files.exists(resolved)) {
                return true;
            }
        }
        String tail = cited.replaceFirst("^(\\./)+", "");
        return tail.contains("/")
                && !tail.startsWith("../")
                && paths.stream().anyMatch(path -> path.endsWith("/" + tail));
    }

    private static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
