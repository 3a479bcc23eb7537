package dev.ticketing.platform.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * The one place that turns every exception of a request handled by Spring MVC into the error contract of docs/api.md
 * ({@code {"errors":[{"message","field"}]}}). Spring MVC's own exceptions go through
 * {@link ResponseEntityExceptionHandler} (keeping their status and headers such as {@code Allow}) and are
 * re-bodied here; anything unexpected is a 500 whose stack trace is logged and never sent.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    static final String MALFORMED_BODY = "Request body is not valid JSON";
    static final String MISSING_BODY = "Request body is required";
    static final String INVALID_VALUE = "Invalid value";
    static final String NOT_JSON = "Request body must be JSON";

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> apiException(ApiException e) {
        return respond(e.status(), new HttpHeaders(), e.errors());
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException e) {
        Map<String, ApiError> byField = new LinkedHashMap<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            String field = lastNode(violation.getPropertyPath());
            byField.putIfAbsent(field, new ApiError(violation.getMessage(), field));
        }
        return respond(HttpStatus.BAD_REQUEST, new HttpHeaders(), List.copyOf(byField.values()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        if (tooLarge(e)) {
            return respond(
                    HttpStatus.CONTENT_TOO_LARGE, new HttpHeaders(), message(RequestBodyTooLargeException.MESSAGE));
        }
        log.error("Unhandled exception while serving a request", e);
        return respond(
                HttpStatus.INTERNAL_SERVER_ERROR, new HttpHeaders(), message(ErrorResponses.SOMETHING_WENT_WRONG));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Class<?> target = e.getTarget() == null ? null : e.getTarget().getClass();
        return respond(
                HttpStatus.BAD_REQUEST, headers, errorsOf(e.getBindingResult().getAllErrors(), target));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ApiError> errors = new ArrayList<>();
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            if (result instanceof ParameterErrors parameterErrors) {
                Class<?> target = parameterErrors.getArgument() == null
                        ? null
                        : parameterErrors.getArgument().getClass();
                errors.addAll(errorsOf(parameterErrors.getAllErrors(), target));
            } else {
                String field = parameterName(result.getMethodParameter());
                result.getResolvableErrors().stream()
                        .findFirst()
                        .ifPresent(error -> errors.add(new ApiError(error.getDefaultMessage(), field)));
            }
        }
        e.getCrossParameterValidationResults().forEach(error -> errors.add(ApiError.of(error.getDefaultMessage())));
        return respond(HttpStatus.BAD_REQUEST, headers, onePerField(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (tooLarge(e)) {
            return respond(HttpStatus.CONTENT_TOO_LARGE, headers, message(RequestBodyTooLargeException.MESSAGE));
        }
        return respond(HttpStatus.BAD_REQUEST, headers, List.of(notReadable(e)));
    }

    /**
     * docs/api.md: an unknown {@code /api/**} route is a 404, and a known path with a method it does not serve is not
     * a route either (the original app answers 404 too). OPTIONS and HEAD never get here: MVC answers them.
     */
    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            HttpRequestMethodNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respond(HttpStatus.NOT_FOUND, new HttpHeaders(), message(ApiException.NOT_FOUND));
    }

    /** A body that is not declared as JSON is a bad body (docs/api.md maps bad bodies to 400), not a 415. */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respond(HttpStatus.BAD_REQUEST, new HttpHeaders(), message(NOT_JSON));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (e instanceof MethodArgumentTypeMismatchException mismatch) {
            if (mismatch.getParameter().hasParameterAnnotation(PathVariable.class)) {
                // a path id that cannot even be parsed names no resource
                return respond(HttpStatus.NOT_FOUND, headers, message(ApiException.NOT_FOUND));
            }
            return respond(
                    HttpStatus.BAD_REQUEST,
                    headers,
                    List.of(new ApiError(INVALID_VALUE, parameterName(mismatch.getParameter()))));
        }
        return respond(HttpStatus.BAD_REQUEST, headers, List.of(new ApiError(INVALID_VALUE, e.getPropertyName())));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respond(
                HttpStatus.BAD_REQUEST,
                headers,
                List.of(new ApiError("Required parameter is missing", e.getParameterName())));
    }

    /** Every other Spring MVC exception: its status and headers, the contract's body. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (status.is5xxServerError()) {
            log.error("Request failed with {}", status.value(), e);
        }
        return respond(status, headers, message(ErrorResponses.messageFor(status)));
    }

    private ApiError notReadable(HttpMessageNotReadableException e) {
        JacksonException jackson = cause(e, JacksonException.class);
        if (jackson != null && !jackson.getPath().isEmpty()) {
            JacksonException.Reference last = jackson.getPath().getLast();
            String field = jackson.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                    .orElse(null);
            if (jackson instanceof StorableTextModule.UnstorableTextException unstorable) {
                return StorableText.error(
                        StorableText.capitalised(propertyName(jackson.getPath(), field)), field, unstorable.problem());
            }
            Class<?> owner = last.from() instanceof Class<?> c
                    ? c
                    : last.from() == null ? null : last.from().getClass();
            String message =
                    JsonFields.constraintMessage(owner, last.getPropertyName()).orElse(INVALID_VALUE);
            return new ApiError(message, field);
        }
        boolean missing = e.getMessage() != null && e.getMessage().startsWith("Required request body is missing");
        return ApiError.of(missing ? MISSING_BODY : MALFORMED_BODY);
    }

    /** The innermost property named on the path ({@code tags} for {@code tags[0]}), to name it in a message. */
    private static String propertyName(List<JacksonException.Reference> path, String fallback) {
        String name = fallback;
        for (JacksonException.Reference reference : path) {
            if (reference.getPropertyName() != null) {
                name = reference.getPropertyName();
            }
        }
        return name;
    }

    private static List<ApiError> errorsOf(List<? extends ObjectError> errors, Class<?> target) {
        List<ApiError> out = new ArrayList<>();
        for (ObjectError error : errors) {
            if (error instanceof FieldError fieldError) {
                out.add(new ApiError(
                        fieldError.getDefaultMessage(), JsonFields.jsonName(target, fieldError.getField())));
            } else {
                out.add(ApiError.of(error.getDefaultMessage()));
            }
        }
        return onePerField(out);
    }

    /** docs/api.md: one entry per failing field, the first constraint's message winning. */
    private static List<ApiError> onePerField(List<ApiError> errors) {
        Map<String, ApiError> byField = new LinkedHashMap<>();
        List<ApiError> global = new ArrayList<>();
        for (ApiError error : errors) {
            if (error.field() == null) {
                global.add(error);
            } else {
                byField.putIfAbsent(error.field(), error);
            }
        }
        List<ApiError> out = new ArrayList<>(byField.values());
        out.addAll(global);
        return out;
    }

    private static String parameterName(MethodParameter parameter) {
        return Optional.ofNullable(parameter.getParameterAnnotation(RequestParam.class))
                .map(RequestParam::name)
                .filter(n -> !n.isEmpty())
                .or(() -> Optional.ofNullable(parameter.getParameterAnnotation(PathVariable.class))
                        .map(PathVariable::name)
                        .filter(n -> !n.isEmpty()))
                .or(() -> Optional.ofNullable(parameter.getParameterAnnotation(RequestHeader.class))
                        .map(RequestHeader::name)
                        .filter(n -> !n.isEmpty()))
                .orElseGet(parameter::getParameterName);
    }

    private static String lastNode(Path path) {
        String name = null;
        for (Path.Node node : path) {
            name = node.getName();
        }
        return name;
    }

    private static boolean tooLarge(Throwable e) {
        return cause(e, RequestBodyTooLargeException.class) != null;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static List<ApiError> message(String message) {
        return List.of(ApiError.of(message));
    }

    private static ResponseEntity<Object> respond(HttpStatusCode status, HttpHeaders headers, List<ApiError> errors) {
        HttpHeaders out = new HttpHeaders();
        out.putAll(headers);
        // preset, so that an Accept header that excludes JSON still gets the contract body rather than a 406
        out.setContentType(MediaType.APPLICATION_JSON);
        return new ResponseEntity<>(new ApiErrors(errors), out, status);
    }
}
