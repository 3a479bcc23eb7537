package dev.ticketing.auth.users.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.Parameters.MINIMUM);

    @Test
    void hashIsAnArgon2idPhcStringWithTheMinimumParameters() {
        String hash = hasher.hash("correct horse battery");
        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(PasswordHasher.parametersOf(hash)).contains(PasswordHasher.Parameters.MINIMUM);
    }

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = hasher.hash("correct horse battery");
        assertThat(hasher.verify("correct horse battery", hash)).isTrue();
        assertThat(hasher.verify("correct horse batterz", hash)).isFalse();
        assertThat(hasher.verify("correct horse battery", "garbage")).isFalse();
    }

    @Test
    void saltsMakeEveryHashDifferent() {
        assertThat(hasher.hash("same password")).isNotEqualTo(hasher.hash("same password"));
    }

    @Test
    void weakerStoredParametersAskForARehash() {
        var weak = new PasswordHasher(new PasswordHasher.Parameters(1024, 1, 1));
        String old = weak.hash("a password");
        assertThat(hasher.verify("a password", old)).isTrue();
        assertThat(hasher.needsRehash(old)).isTrue();
        assertThat(hasher.needsRehash(hasher.hash("a password"))).isFalse();
    }
}
