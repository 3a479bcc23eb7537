package dev.ticketing.platform.web.testapp;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ticketing.platform.web.ApiException;
import dev.ticketing.platform.web.Ids;
import dev.ticketing.platform.web.client.ClientAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TestController {

    static final String KNOWN_ID = "7f1c7d0e-5b1a-4a57-9d6e-2f8d7d3c9a10";

    private final ValidatedService service;

    TestController(ValidatedService service) {
        this.service = service;
    }

    record ThingRequest(
            @NotBlank(message = "Title is required") String title,

            @NotNull(message = "Price must be greater than 0")
            @DecimalMin(value = "0", inclusive = false, message = "Price must be greater than 0")
            BigDecimal price,

            @JsonProperty("display_name") @Size(max = 5, message = "Display name is too long")
            String displayName,

            Integer quantity,
            List<String> tags) {}

    @GetMapping("/api/client")
    Map<String, String> client(ClientAddress client) {
        return Map.of("client", client.toString());
    }

    @PostMapping("/api/things")
    @ResponseStatus(HttpStatus.CREATED)
    ThingRequest create(@Valid @RequestBody ThingRequest request) {
        return request;
    }

    @GetMapping("/api/things/{id}")
    Map<String, String> byStringId(@PathVariable String id) {
        UUID uuid = Ids.parse(id);
        if (!uuid.toString().equals(KNOWN_ID)) {
            throw ApiException.notFound();
        }
        return Map.of("id", id);
    }

    @GetMapping("/api/typed/{id}")
    Map<String, String> byUuid(@PathVariable UUID id) {
        return Map.of("id", id.toString());
    }

    @GetMapping("/api/list")
    List<Integer> list(
            @RequestParam(defaultValue = "50")
                    @Min(value = 1, message = "limit must be between 1 and 200")
                    @Max(value = 200, message = "limit must be between 1 and 200")
                    int limit) {
        return List.of(limit);
    }

    @GetMapping("/api/rejected")
    void rejected() {
        throw ApiException.badRequest("Cannot edit a reserved ticket");
    }

    @GetMapping("/api/service-validation")
    String serviceValidation(@RequestParam String value) {
        return service.check(value);
    }

    @GetMapping("/api/failure")
    void failure() {
        throw new IllegalStateException("secret detail of a bug");
    }
}
