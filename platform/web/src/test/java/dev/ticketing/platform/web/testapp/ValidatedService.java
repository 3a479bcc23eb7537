package dev.ticketing.platform.web.testapp;

import jakarta.validation.constraints.Size;
import org.springframework.stereotype.Service;
import org.springframework.validation.annotation.Validated;

/** Method validation outside a controller: failures surface as {@code ConstraintViolationException}. */
@Service
@Validated
public class ValidatedService {

    public String check(@Size(max = 3, message = "Value is too long") String value) {
        return value;
    }
}
