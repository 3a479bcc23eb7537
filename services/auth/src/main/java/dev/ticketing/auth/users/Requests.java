package dev.ticketing.auth.users;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the auth routes, with api.md's messages (one message per field, whichever rule fails). */
final class Requests {

    static final String EMAIL_INVALID = "Email must be valid";
    static final String PASSWORD_LENGTH = "Password must be between 8 and 128 characters";
    static final String PASSWORD_MISSING = "You must supply a password";

    private Requests() {
    }

    record Signup(
            @NotBlank(message = EMAIL_INVALID) @Email(message = EMAIL_INVALID) @Size(max = 254, message = EMAIL_INVALID)
            String email,
            @NotNull(message = PASSWORD_LENGTH) @Size(min = 8, max = 128, message = PASSWORD_LENGTH)
            String password) {
    }

    record Signin(
            @NotBlank(message = EMAIL_INVALID) @Email(message = EMAIL_INVALID) @Size(max = 254, message = EMAIL_INVALID)
            String email,
            // no upper bound here: the 64 KiB body limit caps it, and Argon2 pre-hashes its input cheaply
            @NotEmpty(message = PASSWORD_MISSING)
            String password) {
    }

    record Refresh(String refreshToken) {
    }
}
