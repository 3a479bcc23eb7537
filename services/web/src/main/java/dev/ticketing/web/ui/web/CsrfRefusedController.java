package dev.ticketing.web.ui.web;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/** Where the CSRF filter forwards a form it refused (any method): a page that says what to do, with 403. */
@Controller
class CsrfRefusedController {

    @RequestMapping(UiConfiguration.CSRF_REFUSED_PATH)
    ModelAndView refused() {
        return ErrorPages.page(
                null,
                HttpStatus.FORBIDDEN,
                "This form has expired",
                List.of("For your safety, a form only works from a page of this site that is still open. "
                        + "Please go back, reload the page and try again."));
    }
}
