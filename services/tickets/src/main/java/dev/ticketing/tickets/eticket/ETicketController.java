package dev.ticketing.tickets.eticket;

import dev.ticketing.platform.security.CurrentUser;
import dev.ticketing.platform.web.pagination.Page;
import dev.ticketing.platform.web.pagination.PageRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/tickets/purchased}: the caller's e-tickets. */
@RestController
class ETicketController {

    static final String PATH = "/api/tickets/purchased";

    private final ETicketRepository eTickets;

    ETicketController(ETicketRepository eTickets) {
        this.eTickets = eTickets;
    }

    @GetMapping(PATH)
    ResponseEntity<List<ETicket>> purchased(
            CurrentUser user,
            @RequestParam(required = false)
                    @Min(value = 1, message = PageRequest.LIMIT_MESSAGE)
                    @Max(value = PageRequest.MAX_LIMIT, message = PageRequest.LIMIT_MESSAGE)
                    Integer limit,
            @RequestParam(required = false) String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return Page.of(eTickets.byBuyer(user.id(), page), page, ETicketRepository::cursorOf)
                .toResponse(PATH);
    }
}
