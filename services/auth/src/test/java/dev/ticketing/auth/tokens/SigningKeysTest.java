package dev.ticketing.auth.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.platform.test.ServiceTest;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@ServiceTest
class SigningKeysTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    SigningKeys appKeys;

    @Test
    void aKeyIsGeneratedAtFirstStartAndReusedByTheNextInstance() {
        List<String> stored = jdbc.sql("select kid from signing_keys where active")
                .query(String.class)
                .list();
        assertThat(stored).containsExactly(appKeys.signingKey().getKeyID());

        var restarted = new SigningKeys(jdbc, tx, Clock.systemUTC());
        restarted.ensureActiveKey();

        assertThat(restarted.signingKey().getKeyID())
                .isEqualTo(appKeys.signingKey().getKeyID());
        assertThat(jdbc.sql("select count(*) from signing_keys")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select public_key from signing_keys")
                        .query(String.class)
                        .single())
                .doesNotContain("\"d\"");
    }

    @Test
    void instancesStartingTogetherOnAnEmptyTableEndWithOneSharedKey() throws Exception {
        jdbc.sql("delete from signing_keys").update();
        int instances = 4;
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(instances)) {
            List<Future<String>> kids = new java.util.ArrayList<>();
            for (int i = 0; i < instances; i++) {
                kids.add(pool.submit(() -> {
                    var keys = new SigningKeys(jdbc, tx, Clock.systemUTC());
                    start.await();
                    keys.ensureActiveKey();
                    return keys.signingKey().getKeyID();
                }));
            }
            start.countDown();
            List<String> seen = new java.util.ArrayList<>();
            for (Future<String> kid : kids) {
                seen.add(kid.get());
            }
            assertThat(seen).hasSize(instances).containsOnly(seen.getFirst());
        }
        assertThat(jdbc.sql("select count(*) from signing_keys where active")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }
}
