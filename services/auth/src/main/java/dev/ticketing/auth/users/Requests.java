package dev.ticketing.auth.users;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the auth routes, with docs/api.md's messages (one message per field, whichever rule fails). */
final class Requests {

    static final String EMAIL_INVALID = "Email must be valid";
    static final String PASSWORD_LENGTH = "Password must be between 8 and 128 characters";
    static final String PASSWORD_MISSING = "You must supply a password";
    /**
     * What the original app's validator (isEmail) also requires beyond {@code @Email}: no whitespace, and a domain
     * of dot-separated labels ending in a top-level domain of at least two letters (or a punycode one), so that
     * {@code test@test} is refused. Labels may hold letters of any script, as internationalised domains do.
     */
    static final String EMAIL_SHAPE =
            "[^\\s@]+@(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?\\.)+(?:\\p{L}{2,63}|xn--[A-Za-z0-9-]{2,59})";

    private Requests() {}

    record Signup(
            @NotBlank(message = EMAIL_INVALID)
            @Email(message = EMAIL_INVALID)
            @Pattern(regexp = EMAIL_SHAPE, message = EMAIL_INVALID)
            @Size(max = 254, message = EMAIL_INVALID)
            String email,

            @NotNull(message = PASSWORD_LENGTH) @Size(min = 8, max = 128, message = PASSWORD_LENGTH)
            String password) {}

    record Signin(
            @NotBlank(message = EMAIL_INVALID)
            @Email(message = EMAIL_INVALID)
            @Pattern(regexp = EMAIL_SHAPE, message = EMAIL_INVALID)
            @Size(max = 254, message = EMAIL_INVALID)
            String email,
            // no upper bound here: the 64 KiB body limit caps it, and Argon2 pre-hashes its input cheaply
            @NotEmpty(message = PASSWORD_MISSING) String password) {}

    record Refresh(String refreshToken) {}
}
