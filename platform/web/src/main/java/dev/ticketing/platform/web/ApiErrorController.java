package dev.ticketing.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Replaces Boot's {@code /error} page (which renders HTML or a problem body, and can include stack traces) for
 * errors that never reached {@link ApiExceptionHandler}: exceptions from filters, {@code sendError} calls, the
 * servlet container itself. Always JSON in the contract's shape, never any detail of a 5xx.
 */
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
class ApiErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorController.class);

    private final ErrorAttributes errorAttributes;

    ApiErrorController(ErrorAttributes errorAttributes) {
        this.errorAttributes = errorAttributes;
    }

    @RequestMapping(produces = MediaType.ALL_VALUE)
    ResponseEntity<ApiErrors> error(HttpServletRequest request) {
        Throwable error = errorAttributes.getError(new ServletWebRequest(request));
        if (error == null && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t) {
            error = t;
        }
        HttpStatusCode status = statusOf(request, error);
        if (status.is5xxServerError() && error != null) {
            log.error(
                    "Request to {} failed with {}",
                    request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                    status.value(),
                    error);
        }
        ApiErrors body = error instanceof ApiException api && api.status().value() == status.value()
                ? new ApiErrors(api.errors())
                : new ApiErrors(List.of(ApiError.of(ErrorResponses.messageFor(status))));
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }

    private static HttpStatusCode statusOf(HttpServletRequest request, Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RequestBodyTooLargeException) {
                return HttpStatus.CONTENT_TOO_LARGE;
            }
            if (t instanceof ApiException api) {
                return api.status();
            }
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code instanceof Integer value && value >= 400 && value < 600) {
            return HttpStatusCode.valueOf(value);
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
