package dev.ticketing.web.home;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HomeController {

    private final TicketCatalog catalog;

    HomeController(TicketCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    String home() {
        return HomePage.render(catalog.available());
    }
}
