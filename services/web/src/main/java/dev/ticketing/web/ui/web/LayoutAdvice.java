package dev.ticketing.web.ui.web;

import dev.ticketing.web.ui.api.ApiError;
import dev.ticketing.web.ui.api.ApiFailure;
import dev.ticketing.web.ui.session.Session;
import dev.ticketing.web.ui.session.Sessions;
import dev.ticketing.web.ui.session.SignInRequired;
import dev.ticketing.web.ui.session.Viewer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every UI page shares: the signed-in person for the header, and what a page shows when its request fails
 * (the sign-in redirect, "Not found", the API's message, "Something went wrong"). Runs before the error contract
 * of platform/web, which keeps answering everything outside the UI in JSON.
 */
@ControllerAdvice(basePackages = "dev.ticketing.web.ui")
@Order(Ordered.HIGHEST_PRECEDENCE)
class LayoutAdvice {

    private static final Logger log = LoggerFactory.getLogger(LayoutAdvice.class);

    private final Sessions sessions;

    LayoutAdvice(Sessions sessions) {
        this.sessions = sessions;
    }

    /** The person in the header (a visitor while auth cannot be asked to renew an expired session). */
    @ModelAttribute("viewer")
    Viewer viewer(HttpServletRequest request, HttpServletResponse response) {
        return viewerOf(sessions.of(request, response));
    }

    @ModelAttribute("here")
    String here(HttpServletRequest request) {
        return ErrorPages.pathAndQuery(request);
    }

    @ExceptionHandler(SignInRequired.class)
    ModelAndView signInRequired(SignInRequired e, HttpServletRequest request, HttpServletResponse response) {
        return ErrorPages.toSignIn(e.next() != null ? e.next() : ErrorPages.pathAndQuery(request), request, response);
    }

    @ExceptionHandler(ApiFailure.class)
    ModelAndView apiFailure(ApiFailure e, HttpServletRequest request, HttpServletResponse response) {
        Session session = sessions.of(request, response);
        Viewer viewer = viewerOf(session);
        if (e.status() == 401 && viewer == null) {
            return ErrorPages.toSignIn(ErrorPages.pathAndQuery(request), request, response);
        }
        if (e.notFoundOrNotYours()) {
            return ErrorPages.notFound(viewer);
        }
        if (e.status() >= 500) {
            return ErrorPages.page(
                    viewer,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Something went wrong",
                    e.errors().stream().map(ApiError::message).distinct().toList());
        }
        return ErrorPages.page(
                viewer,
                HttpStatus.valueOf(e.status()),
                "That did not work",
                e.errors().stream().map(ApiError::message).distinct().toList());
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    ModelAndView badRequest(Exception e, HttpServletRequest request, HttpServletResponse response) {
        return ErrorPages.page(
                viewerOf(sessions.of(request, response)),
                HttpStatus.BAD_REQUEST,
                "That did not work",
                List.of("The request was not complete. Please go back and try again."));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ModelAndView methodNotAllowed(HttpServletRequest request, HttpServletResponse response) {
        return ErrorPages.notFound(viewerOf(sessions.of(request, response)));
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) {
        log.error("Unhandled exception while rendering {}", request.getRequestURI(), e);
        return ErrorPages.page(
                null,
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong",
                List.of("Something went wrong on our side. Please try again in a moment."));
    }

    private static Viewer viewerOf(Session session) {
        return session.viewer().orElse(null);
    }
}
