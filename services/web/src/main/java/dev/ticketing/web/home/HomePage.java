package dev.ticketing.web.home;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import java.util.List;
import java.util.Optional;

/** The server-rendered home page: plain HTML, every value escaped. */
final class HomePage {

    private HomePage() {
    }

    static String render(Optional<List<Listing>> listings) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Ticketing</title>
                  <style>
                    body { font-family: system-ui, sans-serif; max-width: 56rem; margin: 2rem auto; padding: 0 1rem; }
                    table { border-collapse: collapse; width: 100%%; }
                    th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ddd; }
                    td.num, th.num { text-align: right; }
                  </style>
                </head>
                <body>
                  <header><h1>Ticketing</h1><nav><a href="/docs">API documentation</a></nav></header>
                  <main>
                    <h2>Available tickets</h2>
                %s
                  </main>
                </body>
                </html>
                """.formatted(body(listings));
    }

    private static String body(Optional<List<Listing>> listings) {
        if (listings.isEmpty()) {
            return "    <p class=\"unavailable\">Tickets cannot be listed right now. Please try again shortly.</p>";
        }
        if (listings.get().isEmpty()) {
            return "    <p class=\"empty\">No tickets are available right now.</p>";
        }
        var table = new StringBuilder("""
                    <table>
                      <thead><tr><th>Title</th><th class="num">Price</th><th class="num">Available</th></tr></thead>
                      <tbody>
                """);
        for (Listing listing : listings.get()) {
            table.append("        <tr><td>").append(htmlEscape(String.valueOf(listing.title())))
                    .append("</td><td class=\"num\">").append(listing.price() == null ? "" : listing.price().toPlainString())
                    .append("</td><td class=\"num\">").append(listing.available())
                    .append("</td></tr>\n");
        }
        return table.append("      </tbody>\n    </table>").toString();
    }
}
