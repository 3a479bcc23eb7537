package dev.ticketing.web.ui.web;

import dev.ticketing.web.ui.api.Api;
import dev.ticketing.web.ui.session.Viewer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;

/** The pages a failed UI request ends on, and the way to the sign-in page. */
final class ErrorPages {

    static final String NOT_FOUND = "Not found";

    private ErrorPages() {}

    /**
     * To {@code /signin}, back to {@code next} afterwards. A live update (htmx) cannot follow a redirect into a
     * whole page, so it is told to navigate instead ({@code HX-Redirect}).
     */
    static ModelAndView toSignIn(String next, HttpServletRequest request, HttpServletResponse response) {
        String target = Api.uri("/signin", "next", NextPath.orHome(next));
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", target);
            return Views.unchanged();
        }
        return new ModelAndView("redirect:" + target);
    }

    static ModelAndView notFound(Viewer viewer) {
        return page(
                viewer, HttpStatus.NOT_FOUND, NOT_FOUND, List.of("There is nothing here, or it is not yours to see."));
    }

    static ModelAndView page(Viewer viewer, HttpStatus status, String title, List<String> messages) {
        var view = Views.page("error-page", status);
        if (viewer != null) {
            view.addObject("viewer", viewer);
        }
        view.addObject("title", title);
        view.addObject("messages", messages);
        view.addObject("status", status.value());
        return view;
    }

    static String pathAndQuery(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getRequestURI() + (query == null ? "" : "?" + query);
    }
}
