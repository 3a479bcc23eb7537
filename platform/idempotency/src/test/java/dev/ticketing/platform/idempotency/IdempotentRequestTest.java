package dev.ticketing.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.platform.embedded.EmbeddedPostgresServer;
import dev.ticketing.platform.test.TestInfrastructure;
import dev.ticketing.platform.web.ApiError;
import dev.ticketing.platform.web.ApiException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The component against a real PostgreSQL: a database of its own with the table every service migrates to, and a
 * stand-in use case whose effect is a row of {@code effects}, written in the same transaction as the answer.
 */
class IdempotentRequestTest {

    /** The shape each service's migrations give its {@code idempotency_keys} (see {@link StoredAnswers}). */
    private static final String TABLE = """
            create table idempotency_keys (
                user_id         text        not null,
                key             text        not null,
                request_hash    text        not null,
                response_status int         not null,
                response_body   text        not null,
                created_at      timestamptz not null,
                primary key (user_id, key)
            );
            create table effects (id bigserial primary key, what text not null);
            """;

    private static HikariDataSource dataSource;
    private static JdbcClient jdbc;
    private static TransactionTemplate transactions;
    private static Idempotency idempotency;
    private static final HttpAnswers ANSWERS =
            new HttpAnswers(JsonMapper.builder().build());

    @BeforeAll
    static void database() {
        EmbeddedPostgresServer postgres = TestInfrastructure.postgres();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.jdbcUrl(TestInfrastructure.freshDatabase("idempotency")));
        dataSource.setUsername(EmbeddedPostgresServer.SUPERUSER);
        dataSource.setPassword(postgres.superuserPassword());
        dataSource.setMaximumPoolSize(10);
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql(TABLE).update();
        transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        idempotency = new Idempotency(new StoredAnswers(jdbc), ANSWERS, Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        dataSource.close();
    }

    @BeforeEach
    void empty() {
        jdbc.sql("truncate idempotency_keys, effects").update();
    }

    /** The controller's rendering of the stand-in use case's result. */
    private static HttpAnswer render(String result) {
        return ANSWERS.of(HttpStatus.CREATED, Map.of("effect", result));
    }

    private static IdempotentRequest<String> request(String user, String key, String body) {
        return idempotency.request(
                user,
                Optional.ofNullable(key).map(IdempotencyKey::new),
                RequestHash.of(body),
                IdempotentRequestTest::render);
    }

    /** The stand-in use case: one effect and its kept answer in one transaction, unless answered before. */
    private static HttpAnswer serve(IdempotentRequest<String> request, String effect) {
        Boolean answeredBefore = transactions.execute(status -> {
            if (request.answeredBefore()) {
                return true;
            }
            jdbc.sql("insert into effects (what) values (:what)")
                    .param("what", effect)
                    .update();
            request.keep(effect);
            return false;
        });
        return answeredBefore ? request.earlierAnswer() : request.answer(effect);
    }

    private static long effects() {
        return jdbc.sql("select count(*) from effects").query(Long.class).single();
    }

    private static long keys() {
        return jdbc.sql("select count(*) from idempotency_keys")
                .query(Long.class)
                .single();
    }

    @Test
    void theSameKeyAndRequestGetTheFirstAnswerAgainWithoutASecondEffect() {
        HttpAnswer first = serve(request("ann", "k1", "order 1"), "first");
        HttpAnswer retry = serve(request("ann", "k1", "order 1"), "second");

        assertThat(first).isEqualTo(new HttpAnswer(201, "{\"effect\":\"first\"}"));
        assertThat(retry).isEqualTo(first);
        assertThat(effects()).isEqualTo(1);
        assertThat(jdbc.sql("select user_id, key, response_status from idempotency_keys")
                        .query()
                        .listOfRows())
                .containsExactly(Map.of("user_id", "ann", "key", "k1", "response_status", 201));
    }

    @Test
    void theSameKeyWithAnotherRequestIs422AndDoesNothing() {
        serve(request("ann", "k1", "order 1"), "first");

        HttpAnswer other = serve(request("ann", "k1", "order 2"), "second");

        assertThat(other)
                .isEqualTo(new HttpAnswer(
                        422,
                        "{\"errors\":[{\"message\":\"Idempotency-Key was already used with a different request\"}]}"));
        assertThat(effects()).isEqualTo(1);
    }

    @Test
    void keysAreScopedToTheirUser() {
        HttpAnswer ann = serve(request("ann", "k1", "order 1"), "ann's");
        HttpAnswer bob = serve(request("bob", "k1", "order 1"), "bob's");

        assertThat(bob).isNotEqualTo(ann);
        assertThat(effects()).isEqualTo(2);
        assertThat(keys()).isEqualTo(2);
    }

    @Test
    void withoutAKeyEveryRequestIsNewAndNothingIsStored() {
        HttpAnswer first = serve(request("ann", null, "order 1"), "first");
        HttpAnswer second = serve(request("ann", null, "order 1"), "second");

        assertThat(first.body()).contains("first");
        assertThat(second.body()).contains("second");
        assertThat(effects()).isEqualTo(2);
        assertThat(keys()).isZero();
    }

    @Test
    void aResultNotKeptIsDecidedAfreshOnARetry() {
        IdempotentRequest<String> refused = request("ann", "k1", "order 1");
        transactions.executeWithoutResult(
                status -> assertThat(refused.answeredBefore()).isFalse());
        assertThat(refused.answer("refused").body()).contains("refused");
        assertThat(keys()).isZero();

        assertThat(serve(request("ann", "k1", "order 1"), "accepted").body()).contains("accepted");
        assertThat(effects()).isEqualTo(1);
    }

    @Test
    void aRolledBackEffectTakesItsAnswerWithIt() {
        IdempotentRequest<String> failing = request("ann", "k1", "order 1");
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
                    assertThat(failing.answeredBefore()).isFalse();
                    jdbc.sql("insert into effects (what) values ('lost')").update();
                    failing.keep("lost");
                    throw new IllegalStateException("the use case fails after keeping its answer");
                }))
                .hasMessageContaining("fails after");
        assertThat(keys()).isZero();
        assertThat(effects()).isZero();

        assertThat(serve(request("ann", "k1", "order 1"), "retried").body()).contains("retried");
    }

    @Test
    void concurrentRequestsWithOneKeyHaveOneEffectAndOneAnswer() throws Exception {
        int requests = 8;
        var start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Future<HttpAnswer>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String effect = "effect " + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return serve(request("ann", "k1", "order 1"), effect);
                }));
            }
            start.countDown();
            List<HttpAnswer> all = new ArrayList<>();
            for (Future<HttpAnswer> answer : answers) {
                all.add(answer.get(30, TimeUnit.SECONDS));
            }
            assertThat(effects()).isEqualTo(1);
            String effect =
                    jdbc.sql("select what from effects").query(String.class).single();
            assertThat(all).allSatisfy(answer -> assertThat(answer).isEqualTo(render(effect)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aConcurrentRequestWaitsForTheFirstToEndThenGetsItsAnswer() throws Exception {
        var claimed = new CountDownLatch(1);
        var commit = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<HttpAnswer> first = pool.submit(() -> {
                IdempotentRequest<String> request = request("ann", "k1", "order 1");
                transactions.executeWithoutResult(status -> {
                    assertThat(request.answeredBefore()).isFalse();
                    claimed.countDown();
                    await(commit);
                    jdbc.sql("insert into effects (what) values ('first')").update();
                    request.keep("first");
                });
                return request.answer("first");
            });
            assertThat(claimed.await(30, TimeUnit.SECONDS)).isTrue();
            Future<HttpAnswer> second = pool.submit(() -> serve(request("ann", "k1", "order 1"), "second"));

            assertThatThrownBy(() -> second.get(500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            commit.countDown();

            assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(first.get(30, TimeUnit.SECONDS));
            assertThat(effects()).isEqualTo(1);
            assertThat(keys()).isEqualTo(1);
        } finally {
            commit.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void theKeyIsOnlyClaimedAndKeptInsideATransaction() {
        IdempotentRequest<String> outside = request("ann", "k1", "order 1");
        assertThatThrownBy(outside::answeredBefore).isInstanceOf(IllegalStateException.class);

        IdempotentRequest<String> unclaimed = request("ann", "k2", "order 1");
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> unclaimed.keep("x")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(keys()).isZero();
    }

    @Test
    void theHeaderIsOneTo255Characters() {
        assertThat(IdempotencyKey.fromHeader(null)).isEmpty();
        assertThat(IdempotencyKey.fromHeader("k".repeat(255))).contains(new IdempotencyKey("k".repeat(255)));
        for (String invalid : new String[] {"", "   ", "k".repeat(256)}) {
            assertThatThrownBy(() -> IdempotencyKey.fromHeader(invalid))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                        assertThat(e.errors())
                                .containsExactly(
                                        new ApiError("Idempotency-Key must be 1 to 255 characters", "Idempotency-Key"));
                    });
        }
    }

    @Test
    void theRequestHashIsTheHexSha256OfTheCanonicalText() {
        assertThat(RequestHash.of("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
