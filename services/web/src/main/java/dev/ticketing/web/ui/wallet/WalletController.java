package dev.ticketing.web.ui.wallet;

import dev.ticketing.web.ui.api.Api;
import dev.ticketing.web.ui.session.Session;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/** The wallet: the balance and every ledger entry, newest first. */
@Controller
class WalletController {

    private final Api api;

    WalletController(Api api) {
        this.api = api;
    }

    @GetMapping("/wallet")
    ModelAndView wallet(Session session) {
        session.require(null);
        var view = new ModelAndView("wallet/wallet");
        view.addObject("wallet", api.get(session, Api.Service.PAYMENTS, "/api/payments/wallet", Wallet.class));
        return view;
    }
}
