package dev.ticketing.web.ui.etickets;

import dev.ticketing.web.ui.api.Page;
import dev.ticketing.web.ui.session.Session;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The buyer's e-tickets, newest first, each with its code and QR code. */
@Controller
class ETicketsController {

    private final ETickets eTickets;

    ETicketsController(ETickets eTickets) {
        this.eTickets = eTickets;
    }

    @GetMapping("/my/tickets")
    ModelAndView mine(Session session, @RequestParam(required = false) String cursor) {
        session.require(null);
        Page<ETicketView> page = eTickets.mine(session, cursor);
        var view = new ModelAndView("etickets/mine");
        view.addObject("tickets", page.items());
        view.addObject("next", page.nextCursor().orElse(null));
        view.addObject("cursor", cursor);
        return view;
    }
}
