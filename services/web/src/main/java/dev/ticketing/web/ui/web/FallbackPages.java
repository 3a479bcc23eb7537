package dev.ticketing.web.ui.web;

import dev.ticketing.web.ui.session.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * An unknown path: an HTML "Not found" page for people. Outside the UI (/api/**, /docs, /actuator) the exception
 * is passed on, and the JSON error contract of platform/web answers as before.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class FallbackPages {

    private final Sessions sessions;

    FallbackPages(Sessions sessions) {
        this.sessions = sessions;
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ModelAndView unknownPath(NoResourceFoundException e, HttpServletRequest request, HttpServletResponse response)
            throws NoResourceFoundException {
        if (!UiPaths.isUi(request)) {
            throw e;
        }
        return ErrorPages.notFound(sessions.of(request, response).viewer().orElse(null));
    }
}
