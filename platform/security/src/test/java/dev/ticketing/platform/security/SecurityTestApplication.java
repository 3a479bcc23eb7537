package dev.ticketing.platform.security;

import dev.ticketing.platform.web.ApiErrors;
import dev.ticketing.platform.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A tiny service to exercise the security auto-configuration the way a real service uses it. */
@SpringBootApplication
class SecurityTestApplication {

    @Bean
    ProtectedRoutes protectedRoutes() {
        return ProtectedRoutes.of("GET /api/things/mine", "POST /api/things", "/api/admin/**");
    }

    record NewThing(@NotBlank(message = "Title is required") String title) {}

    @RestController
    static class Things {

        @GetMapping("/api/things")
        Map<String, Object> list(Optional<CurrentUser> user) {
            return Map.of("caller", user.map(CurrentUser::id).orElse("anonymous"));
        }

        @GetMapping("/api/things/mine")
        Map<String, Object> mine(CurrentUser user) {
            return Map.of("id", user.id(), "email", user.email());
        }

        @PostMapping("/api/things")
        Map<String, Object> create(CurrentUser user, @Valid @RequestBody NewThing thing) {
            return Map.of("title", thing.title(), "userId", user.id());
        }

        @GetMapping("/api/admin/stats")
        Map<String, Object> stats() {
            return Map.of("ok", true);
        }

        /** Not declared in ProtectedRoutes: the argument resolver alone must refuse anonymous callers. */
        @GetMapping("/api/undeclared")
        Map<String, Object> undeclared(CurrentUser user) {
            return Map.of("id", user.id());
        }
    }

    /** Stand-in for platform/web's handler, so this module's tests do not depend on it. */
    @RestControllerAdvice
    @Order(Ordered.LOWEST_PRECEDENCE)
    static class ApiExceptionHandler {

        @ExceptionHandler(ApiException.class)
        ResponseEntity<ApiErrors> handle(ApiException e) {
            return ResponseEntity.status(e.status()).body(new ApiErrors(e.errors()));
        }
    }
}
