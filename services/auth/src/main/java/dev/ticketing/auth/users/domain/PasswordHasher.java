package dev.ticketing.auth.users.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing, stored as a PHC string ({@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}) so the
 * parameters travel with each hash and can be raised later ({@link #needsRehash}). Each computation takes
 * {@code m} KiB of memory and a core for tens of milliseconds: callers bound how many run at once (auth's
 * {@code HashingBulkhead}).
 */
public final class PasswordHasher {

    /** Argon2id cost parameters. */
    public record Parameters(int memoryKiB, int iterations, int parallelism) {

        /** docs/api.md / OWASP minimum: m=19 MiB, t=2, p=1. */
        public static final Parameters MINIMUM = new Parameters(19_456, 2, 1);

        boolean weakerThan(Parameters other) {
            return memoryKiB < other.memoryKiB || iterations < other.iterations || parallelism < other.parallelism;
        }
    }

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "^\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)$");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final Parameters parameters;
    private final SecureRandom random = new SecureRandom();
    private final String dummyHash;

    public PasswordHasher(Parameters parameters) {
        this.parameters = parameters;
        this.dummyHash = hash("dummy password for unknown emails " + random.nextLong());
    }

    public Parameters parameters() {
        return parameters;
    }

    /** A new PHC string for the password, with a fresh random salt. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, parameters, HASH_BYTES);
        return "$argon2id$v=19$m=" + parameters.memoryKiB + ",t=" + parameters.iterations + ",p="
                + parameters.parallelism + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Compares in constant time; a malformed stored hash never matches. */
    public boolean verify(String password, String phc) {
        Optional<Decoded> decoded = decode(phc);
        if (decoded.isEmpty()) {
            return false;
        }
        Decoded d = decoded.get();
        byte[] actual = derive(password, d.salt, d.parameters, d.hash.length);
        return MessageDigest.isEqual(actual, d.hash);
    }

    /**
     * Spends the same work as {@link #verify} against a dummy hash, so that an unknown email takes about as long
     * as a wrong password and signin timing does not reveal which emails exist.
     */
    public void verifyDummy(String password) {
        verify(password, dummyHash);
    }

    /** True when the stored hash used weaker parameters than the current ones (rehash on the next signin). */
    public boolean needsRehash(String phc) {
        return decode(phc).map(d -> d.parameters.weakerThan(parameters)).orElse(true);
    }

    /** The parameters a stored hash was made with, if it is a well-formed Argon2id PHC string. */
    public static Optional<Parameters> parametersOf(String phc) {
        return decode(phc).map(Decoded::parameters);
    }

    private byte[] derive(String password, byte[] salt, Parameters p, int length) {
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[length];
        try {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(p.memoryKiB)
                    .withIterations(p.iterations)
                    .withParallelism(p.parallelism)
                    .withSalt(salt)
                    .build());
            generator.generateBytes(secret, out);
            return out;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private record Decoded(Parameters parameters, byte[] salt, byte[] hash) {}

    private static Optional<Decoded> decode(String phc) {
        if (phc == null) {
            return Optional.empty();
        }
        Matcher m = PHC.matcher(phc);
        if (!m.matches()) {
            return Optional.empty();
        }
        var parameters = new Parameters(
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        if (parameters.memoryKiB < 8 * parameters.parallelism
                || parameters.iterations < 1
                || parameters.parallelism < 1) {
            return Optional.empty();
        }
        return Optional.of(new Decoded(parameters, B64_DECODER.decode(m.group(4)), B64_DECODER.decode(m.group(5))));
    }
}
