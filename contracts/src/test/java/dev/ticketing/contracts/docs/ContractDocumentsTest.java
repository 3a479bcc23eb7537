package dev.ticketing.contracts.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.contracts.docs.ServiceSources.Route;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/api.md lists every route of the HTTP API and docs/ui.md every route of the web UI, as the controllers map
 * them, in the first column of a table ({@code | `POST /api/orders` | ...}); and no document names a route (a
 * {@code `METHOD /path`} in backticks) that no controller maps.
 */
class ContractDocumentsTest {

    /** {@code `GET /api/tickets`}, also with a query: {@code `GET /api/tickets?q=`}. */
    private static final Pattern DOCUMENTED_ROUTE =
            Pattern.compile("`(GET|POST|PUT|DELETE|PATCH) (/[^`\\s?]*)[^`\\s]*`");

    private static List<Route> routes;

    @BeforeAll
    static void readControllers() {
        routes = ServiceSources.routes();
    }

    @Test
    void theControllersAreFound() {
        assertThat(routes)
                .extracting(route -> route.method() + " " + route.path())
                .contains(
                        "POST /api/users/signup",
                        "GET /api/users/.well-known/jwks.json",
                        "PUT /api/tickets/{id}",
                        "GET /api/tickets/purchased",
                        "DELETE /api/orders/{id}",
                        "POST /api/payments",
                        "GET /api/payments/wallet",
                        "GET /docs/{service}/v3/api-docs",
                        "GET /",
                        "ANY /forbidden");
    }

    @Test
    void apiMdNamesEveryRouteOfTheApi() {
        Set<String> documented = tabledRoutes(Repository.path("docs/api.md"));
        List<Route> undocumented = routes.stream()
                .filter(ContractDocumentsTest::isApi)
                .filter(route -> !documented.contains(route.method() + " " + route.path()))
                .toList();
        assertThat(undocumented)
                .as("routes missing from the tables of docs/api.md")
                .isEmpty();
    }

    @Test
    void uiMdNamesEveryRouteOfTheWebUi() {
        Path ui = Repository.path("docs/ui.md");
        Set<String> documented = tabledRoutes(ui);
        String text = Repository.read(ui);
        List<Route> undocumented = routes.stream()
                .filter(route -> !isApi(route))
                .filter(route -> route.method().equals("ANY")
                        ? !text.contains("`" + route.path() + "`")
                        : !documented.contains(route.method() + " " + route.path()))
                .toList();
        assertThat(undocumented)
                .as("routes missing from the tables of docs/ui.md")
                .isEmpty();
    }

    @Test
    void theDocumentsNameNoRouteTheCodeLacks() throws IOException {
        Set<String> mapped = new TreeSet<>();
        routes.forEach(route -> mapped.add(route.method() + " " + route.path()));
        Set<String> unknown = new TreeSet<>();
        for (Path document : documents()) {
            for (String route : documentedRoutes(document)) {
                if (!mapped.contains(route) && !mapped.contains("ANY " + route.substring(route.indexOf(' ') + 1))) {
                    unknown.add(route + " in " + Repository.relative(document));
                }
            }
        }
        assertThat(unknown).as("documented routes that no controller maps").isEmpty();
    }

    private static boolean isApi(Route route) {
        return route.path().equals("/api")
                || route.path().startsWith("/api/")
                || route.path().startsWith("/docs");
    }

    /** Every {@code `METHOD /path`} of a document. */
    private static Set<String> documentedRoutes(Path document) {
        return routesIn(Repository.read(document));
    }

    /** The routes a document lists in the first column of its tables: {@code | `GET /api/orders` | ...}. */
    private static Set<String> tabledRoutes(Path document) {
        Set<String> routes = new TreeSet<>();
        for (String line : Repository.read(document).split("\n")) {
            String[] cells = line.strip().split("\\|");
            if (line.strip().startsWith("|") && cells.length > 1) {
                routes.addAll(routesIn(cells[1]));
            }
        }
        return routes;
    }

    private static Set<String> routesIn(String text) {
        Set<String> routes = new TreeSet<>();
        Matcher route = DOCUMENTED_ROUTE.matcher(text);
        while (route.find()) {
            routes.add(route.group(1) + " " + route.group(2));
        }
        return routes;
    }

    /** README.md and every Markdown file under docs/. */
    private static List<Path> documents() throws IOException {
        try (Stream<Path> docs = Files.walk(Repository.path("docs"))) {
            return Stream.concat(
                            Stream.of(Repository.path("README.md")),
                            docs.filter(file -> file.toString().endsWith(".md")).sorted())
                    .toList();
        }
    }
}
