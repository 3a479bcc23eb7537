package dev.ticketing.web.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.platform.test.MutableClock;
import dev.ticketing.web.routing.RoutesProperties.Upstream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.client.ResourceAccessException;

/** Which instance a call goes to, and when it goes on to another: the rules, without HTTP. */
class UpstreamInstancesTest {

    static final URI A = URI.create("http://127.0.0.1:1");
    static final URI B = URI.create("http://127.0.0.1:2");
    static final URI C = URI.create("http://127.0.0.1:3");
    static final Duration QUARANTINE = Duration.ofSeconds(2);

    final MutableClock clock = new MutableClock();
    final List<URI> tried = new ArrayList<>();

    @Test
    void callsTakeTheInstancesInTurn() throws Exception {
        var instances = instances(A, B, C);

        List<URI> answeredBy = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answeredBy.add(instances.call(false, this::answer));
        }

        assertThat(answeredBy).containsExactly(A, B, C, A, B, C);
    }

    @Test
    void aSingleInstanceIsTheOnlyChoice() throws Exception {
        var instances = instances(A);

        assertThat(instances.call(false, this::answer)).isEqualTo(A);
        assertThat(instances.call(false, this::answer)).isEqualTo(A);
        assertThat(instances.attemptOrder()).containsExactly(A);
    }

    @Test
    void aRefusedConnectionGoesOnToTheNextInstanceForAnyRequest() throws Exception {
        var instances = instances(A, B);

        URI answeredBy = instances.call(false, instance -> refusedAt(Set.of(A), instance));

        assertThat(answeredBy).isEqualTo(B);
        assertThat(tried).containsExactly(A, B);
    }

    @Test
    void anInstanceThatRefusedIsSkippedDuringItsQuarantineThenTriedAgain() throws Exception {
        var instances = instances(A, B, C);
        instances.call(false, instance -> refusedAt(Set.of(A), instance));
        tried.clear();

        for (int i = 0; i < 4; i++) {
            instances.call(false, this::answer);
        }
        assertThat(tried).containsExactly(B, C, B, C);

        clock.advance(QUARANTINE);
        tried.clear();
        for (int i = 0; i < 3; i++) {
            instances.call(false, this::answer);
        }
        assertThat(tried).containsExactlyInAnyOrder(A, B, C);
    }

    @Test
    void whenEveryInstanceIsInQuarantineTheyAreTriedAnyway() throws Exception {
        var instances = instances(A, B);
        assertThatThrownBy(() -> instances.call(false, instance -> refusedAt(Set.of(A, B), instance)))
                .isInstanceOf(ConnectException.class);
        tried.clear();

        URI answeredBy = instances.call(false, this::answer);

        assertThat(answeredBy).isIn(A, B);
        assertThat(tried).hasSize(1);
    }

    @Test
    void anInstanceInQuarantineIsTheLastResort() throws Exception {
        var instances = instances(A, B);
        instances.call(false, instance -> refusedAt(Set.of(A), instance));
        tried.clear();

        URI answeredBy = instances.call(false, instance -> refusedAt(Set.of(B), instance));

        assertThat(answeredBy).isEqualTo(A);
        assertThat(tried).containsExactly(B, A);
    }

    @Test
    void aFailureAfterConnectingGoesOnOnlyWhenTheRequestIsSafeToRepeat() {
        var instances = instances(A, B);

        assertThatThrownBy(() -> instances.call(false, this::hangUp)).isInstanceOf(EOFException.class);
        assertThat(tried).hasSize(1);

        tried.clear();
        assertThatThrownBy(() -> instances.call(true, this::hangUp)).isInstanceOf(EOFException.class);
        assertThat(tried).containsExactlyInAnyOrder(A, B);
    }

    @Test
    void aFailureAfterConnectingPutsNoInstanceInQuarantine() throws Exception {
        var instances = instances(A, B);
        assertThatThrownBy(() -> instances.call(true, this::hangUp)).isInstanceOf(EOFException.class);
        tried.clear();

        instances.call(false, this::answer);
        instances.call(false, this::answer);

        assertThat(tried).containsExactlyInAnyOrder(A, B);
    }

    @Test
    void aFailureThatIsNotAboutIoIsNotRepeated() {
        var instances = instances(A, B);

        assertThatThrownBy(() -> instances.call(true, instance -> {
                    tried.add(instance);
                    throw new IllegalStateException("a bug");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(tried).hasSize(1);
    }

    @Test
    void failuresAreRecognisedInsideTheClientsWrappers() {
        assertThat(AttemptFailure.of(new ResourceAccessException("I/O error", new ConnectException())))
                .isEqualTo(AttemptFailure.NOT_CONNECTED);
        assertThat(AttemptFailure.of(new ResourceAccessException("I/O error", new SocketTimeoutException())))
                .isEqualTo(AttemptFailure.AFTER_CONNECTING);
        assertThat(AttemptFailure.of(new IOException("closed"))).isEqualTo(AttemptFailure.AFTER_CONNECTING);
        assertThat(AttemptFailure.of(new IllegalArgumentException())).isEqualTo(AttemptFailure.NOT_IO);
    }

    @Test
    void safeToRepeatAreTheSafeMethodsAndRequestsWithAnIdempotencyKey() {
        var none = new HttpHeaders();
        var keyed = new HttpHeaders();
        keyed.add("Idempotency-Key", "k-1");

        assertThat(UpstreamInstances.safeToRepeat(HttpMethod.GET, none)).isTrue();
        assertThat(UpstreamInstances.safeToRepeat(HttpMethod.HEAD, none)).isTrue();
        assertThat(UpstreamInstances.safeToRepeat(HttpMethod.OPTIONS, none)).isTrue();
        assertThat(UpstreamInstances.safeToRepeat(HttpMethod.POST, none)).isFalse();
        assertThat(UpstreamInstances.safeToRepeat(HttpMethod.PUT, none)).isFalse();
        assertThat(UpstreamInstances.safeToRepeat(HttpMethod.DELETE, none)).isFalse();
        assertThat(UpstreamInstances.safeToRepeat(HttpMethod.POST, keyed)).isTrue();
    }

    private UpstreamInstances instances(URI... instances) {
        return new UpstreamInstances(new Upstream("orders", List.of(instances)), QUARANTINE, clock);
    }

    private URI answer(URI instance) {
        tried.add(instance);
        return instance;
    }

    private URI refusedAt(Set<URI> down, URI instance) throws ConnectException {
        tried.add(instance);
        if (down.contains(instance)) {
            throw new ConnectException("Connection refused");
        }
        return instance;
    }

    private URI hangUp(URI instance) throws EOFException {
        tried.add(instance);
        throw new EOFException("closed without an answer");
    }
}
