package dev.ticketing.web.ui.account;

import dev.ticketing.web.ui.api.Api;
import dev.ticketing.web.ui.api.ApiFailure;
import dev.ticketing.web.ui.session.Session;
import dev.ticketing.web.ui.web.FormErrors;
import dev.ticketing.web.ui.web.NextPath;
import dev.ticketing.web.ui.web.Views;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Sign up, sign in and sign out through auth's API. Auth's cookies are relayed to the browser as auth set them,
 * so the pages and the API share one session; after success the person goes back to where they were going.
 */
@Controller
class AccountController {

    private static final Set<String> FIELDS = Set.of("email", "password");

    /** Which form a page shows: the same template serves both. */
    private enum Form {
        SIGN_UP("/signup", "/api/users/signup", "Create your account", "Sign up"),
        SIGN_IN("/signin", "/api/users/signin", "Welcome back", "Sign in");

        final String action;
        final String api;
        final String heading;
        final String button;

        Form(String action, String api, String heading, String button) {
            this.action = action;
            this.api = api;
            this.heading = heading;
            this.button = button;
        }
    }

    private final Api api;

    AccountController(Api api) {
        this.api = api;
    }

    @GetMapping("/signup")
    ModelAndView signupForm(Session session, @RequestParam(required = false) String next) {
        return form(session, Form.SIGN_UP, "", next, FormErrors.none(), HttpStatus.OK);
    }

    @GetMapping("/signin")
    ModelAndView signinForm(Session session, @RequestParam(required = false) String next) {
        return form(session, Form.SIGN_IN, "", next, FormErrors.none(), HttpStatus.OK);
    }

    @PostMapping("/signup")
    ModelAndView signup(
            Session session,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(required = false) String next) {
        return submit(session, Form.SIGN_UP, email, password, next);
    }

    @PostMapping("/signin")
    ModelAndView signin(
            Session session,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(required = false) String next) {
        return submit(session, Form.SIGN_IN, email, password, next);
    }

    /** Auth revokes the session's refresh-token family and clears both cookies; without auth, they are cleared here. */
    @PostMapping("/signout")
    String signout(Session session) {
        try {
            var headers = session.refreshToken()
                    .map(token -> Map.of(HttpHeaders.COOKIE, "refresh_token=" + token))
                    .orElse(Map.of());
            session.adopt(api.anonymous(session, HttpMethod.POST, Api.Service.AUTH, "/api/users/signout", null, headers)
                    .headers()
                    .getOrEmpty(HttpHeaders.SET_COOKIE));
        } catch (ApiFailure authUnreachable) {
            session.end();
        }
        return "redirect:/";
    }

    private ModelAndView submit(Session session, Form form, String email, String password, String next) {
        var body = new LinkedHashMap<String, Object>();
        body.put("email", email.strip());
        body.put("password", password);
        try {
            var response = api.anonymous(session, HttpMethod.POST, Api.Service.AUTH, form.api, body, Map.of());
            session.adopt(response.headers().getOrEmpty(HttpHeaders.SET_COOKIE));
            return new ModelAndView("redirect:" + NextPath.orHome(next));
        } catch (ApiFailure refused) {
            HttpStatus status =
                    refused.status() >= 500 ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.valueOf(refused.status());
            return form(session, form, email, next, FormErrors.of(refused, FIELDS), status);
        }
    }

    private ModelAndView form(
            Session session, Form form, String email, String next, FormErrors errors, HttpStatus status) {
        if (status == HttpStatus.OK && session.viewer().isPresent()) {
            return new ModelAndView("redirect:" + NextPath.orHome(next));
        }
        var view = Views.page("account/form", status);
        view.addObject("action", form.action);
        view.addObject("heading", form.heading);
        view.addObject("button", form.button);
        view.addObject("signup", form == Form.SIGN_UP);
        view.addObject("email", email);
        view.addObject("next", next == null ? null : NextPath.orHome(next));
        view.addObject("errors", errors);
        return view;
    }
}
