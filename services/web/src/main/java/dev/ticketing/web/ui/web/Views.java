package dev.ticketing.web.ui.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;

/** Answers of UI handlers that are not a plain template. */
public final class Views {

    private Views() {}

    /** 204: a live update found nothing new, and htmx leaves the page as it is. */
    public static ModelAndView unchanged() {
        var view = new ModelAndView((model, request, response) -> response.setStatus(HttpStatus.NO_CONTENT.value()));
        view.setStatus(HttpStatus.NO_CONTENT);
        return view;
    }

    /** A template with a status other than 200 (a form the API refused: 400, ...). */
    public static ModelAndView page(String template, HttpStatus status) {
        var view = new ModelAndView(template);
        view.setStatus(status);
        return view;
    }
}
