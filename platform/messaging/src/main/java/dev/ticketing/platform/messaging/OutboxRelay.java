package dev.ticketing.platform.messaging;

import dev.ticketing.contracts.Headers;
import dev.ticketing.contracts.Stream;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.JetStream;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Publishes committed outbox rows to JetStream, in every instance, on a thread of its own.
 *
 * <p>A row appended while the relay is healthy is handed over (docs/decisions/0074): it is inserted already leased
 * to this instance ({@code claimed_until}), and once its transaction commits the relay gets it from memory and
 * publishes it; nobody has to claim it. Every other row (appended while the relay was away or failing, handed back
 * after a failed publish, or left by an instance that died) is claimed: each claim leases unpublished rows nobody
 * else holds in one short statement ({@code for update skip locked}, so instances never claim the same row at once).
 * Either way the relay publishes the rows asynchronously with no database connection held while the PubAcks are
 * awaited, then marks exactly the acknowledged rows published and hands the others back at once. A crash at any
 * point leaves unacknowledged rows unpublished: their lease runs out and any instance claims and sends them again,
 * and JetStream drops the duplicates by {@code Nats-Msg-Id} within its two-minute window. A commit that hands a row
 * over, or asks for a claim, wakes the relay at once; a claim every poll interval is the backstop.
 *
 * <p>Marking a row published is a transaction of its own, and nobody needs it at once but a request that waits for
 * its events (read-your-writes) or another instance that may hold such a request. So the marks of handed-over rows
 * that no request of this instance waits for are put off, for at most {@code relay-mark-delay}, and made together
 * with the next mark that cannot wait, or when the delay is up (docs/decisions/0075). A crash meanwhile leaves them
 * published but unmarked: they are published again once their lease runs out, and JetStream drops the copies.
 */
final class OutboxRelay implements SmartLifecycle {

    /** Starts before the consumers and stops after them, long before the DataSource closes. */
    static final int PHASE = Integer.MAX_VALUE - 8192;

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(5);
    /**
     * The lease of a handed-over row, from its insert: long enough for its transaction to end and the relay to take
     * it (milliseconds), short enough that the row of an instance that died soon goes out through another claim.
     */
    static final Duration HANDED_OVER_LEASE = LEASE_MARGIN;

    private final JdbcClient jdbc;
    private final JetStream jetStream;
    private final StreamSetup streams;
    private final EnvelopeCodec codec;
    private final MessagingProperties properties;
    static final String LAG_METRIC = "ticketing.messaging.outbox.lag";

    private final Consumer<List<UUID>> onPublished;
    private final MessageTracing tracing;
    private final Timer lag;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Queue<Row> handedOver = new ConcurrentLinkedQueue<>();
    /** Published, not yet marked so: rows no request waits for (the relay's thread only, and stop() after it). */
    private final List<UUID> unmarked = new ArrayList<>();

    private long unmarkedSince;
    /** A commit appended rows that nobody handed over, or the relay (re)started or failed: claim. */
    private volatile boolean claimWanted = true;

    private long lastClaim = System.nanoTime();
    private volatile boolean running;
    private volatile Thread thread;
    private volatile int consecutiveFailures;

    OutboxRelay(
            JdbcClient jdbc,
            JetStream jetStream,
            StreamSetup streams,
            EnvelopeCodec codec,
            MessagingProperties properties) {
        this(
                jdbc,
                jetStream,
                streams,
                codec,
                properties,
                ids -> {},
                new MdcMessageTracing(Traceparents::fromMdc),
                new SimpleMeterRegistry());
    }

    /**
     * {@code jdbc} must not run inside a transaction of the caller: every statement of the relay commits on its
     * own. {@code onPublished} hears of the rows of each batch once they are published and marked so.
     */
    OutboxRelay(
            JdbcClient jdbc,
            JetStream jetStream,
            StreamSetup streams,
            EnvelopeCodec codec,
            MessagingProperties properties,
            Consumer<List<UUID>> onPublished,
            MessageTracing tracing,
            MeterRegistry meters) {
        this.onPublished = onPublished;
        this.tracing = tracing;
        // from the insert (inside the appending transaction) to the PubAck: commit, wake-up, claim and publish
        this.lag = Timer.builder(LAG_METRIC)
                .description("Time from appending an event to its PubAck")
                .publishPercentileHistogram()
                .register(meters);
        this.jdbc = jdbc;
        this.jetStream = jetStream;
        this.streams = streams;
        this.codec = codec;
        this.properties = properties;
    }

    /** Called after a commit that appended rows without handing them over: claim them now, not at the next poll. */
    void wake() {
        claimWanted = true;
        signal();
    }

    /**
     * Whether a row appended now should be inserted leased, for {@link #handOver} after its commit: while the relay
     * runs and publishes. While it fails, rows are claimed once it recovers, in the order they were appended.
     */
    boolean takesHandOvers() {
        return running && consecutiveFailures == 0;
    }

    /**
     * Called after the commit of a row inserted leased: publish it without claiming it. False when the relay has
     * stopped meanwhile; the row is then claimed once its lease has run out.
     */
    boolean handOver(
            UUID id, String subject, String payload, Map<String, String> headers, Instant appendedAt, boolean awaited) {
        if (!running) {
            return false;
        }
        handedOver.add(new Row(id, subject, payload, headers, appendedAt, awaited));
        signal();
        return true;
    }

    private void signal() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /** Rows not yet published, for the gauge. */
    long unpublished() {
        return jdbc.sql("select count(*) from messaging_outbox where published_at is null")
                .query(Long.class)
                .single();
    }

    /** Failed attempts since the last successful one (0 when healthy). */
    int consecutiveFailures() {
        return consecutiveFailures;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        claimWanted = true; // whatever was appended while it was away
        thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::run);
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread current = thread;
        if (current != null) {
            current.interrupt();
            try {
                current.join(properties.publishTimeout().plusSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
        handBack();
    }

    /**
     * When the relay stops: marks what it published, and unleases the rows handed over but not published, so that
     * any relay claims them at once.
     */
    private void handBack() {
        try {
            onPublished.accept(markUnmarked());
        } catch (RuntimeException e) { // the database is gone already: they are published again, and dropped
            log.debug("Outbox relay could not mark {} published rows: {}", unmarked.size(), e.toString());
        }
        List<UUID> ids = takeHandedOver(Integer.MAX_VALUE).stream().map(Row::id).toList();
        if (ids.isEmpty()) {
            return;
        }
        try {
            release(ids);
        } catch (RuntimeException e) { // e.g. the database is gone already: their leases run out instead
            log.debug("Outbox relay could not hand back {} rows: {}", ids.size(), e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void run() {
        int failures = 0;
        while (running) {
            try {
                relayRound();
                if (failures > 0) {
                    log.info("Outbox relay recovered after {} failed attempts", failures);
                }
                failures = 0;
                consecutiveFailures = 0;
                awaitWakeUp(untilNextRound());
            } catch (InterruptedException e) {
                break; // stop() interrupts
            } catch (RuntimeException e) {
                failures++;
                consecutiveFailures = failures;
                claimWanted = true; // rows were handed back, and commits meanwhile insert theirs unleased
                logFailure(failures, e);
                if (!pause(BACKOFF.after(failures))) {
                    break;
                }
            }
        }
    }

    /**
     * Publishes what was handed over, then claims when a commit asked for it or the backstop is due. The wake-ups so
     * far are spent first: each commit before this point has handed its rows over or asked for the claim below, and
     * is visible to it (a commit wakes the relay only once it has committed).
     */
    private void relayRound() throws InterruptedException {
        wakeUps.drainPermits();
        relayHandedOver();
        if (claimWanted || untilNextClaim().isZero()) {
            claimWanted = false;
            lastClaim = System.nanoTime();
            relayClaimed();
        }
        if (untilMarksDue().isZero()) {
            finish(new Batch(0, 0, markUnmarked(), null));
        }
    }

    private void relayHandedOver() throws InterruptedException {
        while (running && !handedOver.isEmpty()) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            finish(publishAndMark(takeHandedOver(properties.relayBatchSize())));
        }
    }

    /** Up to {@code max} of the rows handed over, oldest first. */
    private List<Row> takeHandedOver(int max) {
        var rows = new ArrayList<Row>();
        while (rows.size() < max) {
            Row row = handedOver.poll();
            if (row == null) {
                break;
            }
            rows.add(row);
        }
        return rows;
    }

    /** Claims and publishes batches until none is full, i.e. the backlog is drained. */
    private void relayClaimed() throws InterruptedException {
        Batch batch;
        do {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            List<Row> rows = claim();
            batch = rows.isEmpty() ? new Batch(0, 0, List.of(), null) : publishAndMark(rows);
            finish(batch);
        } while (running && batch.claimed() == properties.relayBatchSize());
    }

    private void finish(Batch batch) {
        if (!batch.marked().isEmpty()) {
            onPublished.accept(batch.marked()); // committed: whoever reads published_at agrees
        }
        if (batch.failure() != null) {
            throw new RelayFailure(batch, batch.failure());
        }
    }

    private Duration untilNextRound() {
        Duration claim = untilNextClaim();
        return unmarked.isEmpty() ? claim : min(claim, untilMarksDue());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private Duration untilMarksDue() {
        return unmarked.isEmpty() ? properties.relayMarkDelay() : leftOf(properties.relayMarkDelay(), unmarkedSince);
    }

    private Duration untilNextClaim() {
        return leftOf(properties.relayPollInterval(), lastClaim);
    }

    /** What is left of {@code interval} counted from {@code since} ({@link System#nanoTime}); never negative. */
    private static Duration leftOf(Duration interval, long since) {
        long left = interval.toNanos() - (System.nanoTime() - since);
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /**
     * Publishes the rows and hands back those not acknowledged. The acknowledged ones join the unmarked rows, which
     * are all marked published now if one of the rows may be waited for, the publish failed or the delay is up.
     */
    private Batch publishAndMark(List<Row> rows) {
        var published = new ArrayList<UUID>(rows.size());
        Exception failure = publish(rows, published);
        if (unmarked.isEmpty() && !published.isEmpty()) {
            unmarkedSince = System.nanoTime();
        }
        unmarked.addAll(published);
        boolean markNow =
                failure != null || untilMarksDue().isZero() || rows.stream().anyMatch(Row::awaited);
        List<UUID> marked = markNow ? markUnmarked() : List.of();
        if (published.size() < rows.size()) {
            var unpublished = rows.stream()
                    .map(Row::id)
                    .filter(id -> !published.contains(id))
                    .toList();
            release(unpublished);
        }
        return new Batch(rows.size(), published.size(), marked, failure);
    }

    /** Marks every published row not marked yet, in one statement; returns them. */
    private List<UUID> markUnmarked() {
        if (unmarked.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = List.copyOf(unmarked);
        jdbc.sql("update messaging_outbox set published_at = now() where id in (:ids)")
                .param("ids", ids)
                .update();
        if (properties.signalOtherInstances()) {
            tellOtherInstances(ids);
        }
        unmarked.clear();
        return ids;
    }

    private void release(List<UUID> ids) {
        jdbc.sql("update messaging_outbox set claimed_until = null where id in (:ids)")
                .param("ids", ids)
                .update();
    }

    /**
     * A row committed by a request of another instance may be published by this relay (a claim takes every row
     * nobody holds): that request answers once it hears of it (docs/decisions/0071).
     */
    private void tellOtherInstances(List<UUID> published) {
        for (String payload : PublishedNotification.payloads(published)) {
            jdbc.sql("select pg_notify(:channel, :payload)")
                    .param("channel", PublishedNotification.CHANNEL)
                    .param("payload", payload)
                    .query((rs, n) -> n)
                    .list();
        }
    }

    /**
     * Leases the oldest unpublished rows nobody else holds, for as long as a publish may take and a little more;
     * a relay that dies with a lease only delays those rows until it runs out.
     */
    private List<Row> claim() {
        return jdbc
                .sql("""
                        update messaging_outbox o
                        set claimed_until = clock_timestamp() + make_interval(secs => :lease)
                        from (select id from messaging_outbox
                              where published_at is null
                                and (claimed_until is null or claimed_until < clock_timestamp())
                              order by created_at
                              limit :limit for update skip locked) claimable
                        where o.id = claimable.id
                        returning o.id, o.subject, o.payload, o.headers::text as headers, o.created_at
                        """)
                .param("lease", properties.publishTimeout().plus(LEASE_MARGIN).toSeconds())
                .param("limit", properties.relayBatchSize())
                .query((rs, n) -> new Row(
                        rs.getObject("id", UUID.class),
                        rs.getString("subject"),
                        rs.getString("payload"),
                        codec.readHeaders(rs.getString("headers")),
                        rs.getTimestamp("created_at").toInstant(),
                        true)) // a request of another instance may wait for it
                .list()
                .stream()
                .sorted(Comparator.comparing(Row::createdAt))
                .toList();
    }

    /** Publishes the rows and adds those with a PubAck to {@code published}; returns the first failure. */
    private Exception publish(List<Row> rows, List<UUID> published) {
        try {
            for (Stream stream : streamsOf(rows)) {
                streams.ensureOnce(stream);
            }
        } catch (Exception e) {
            return e;
        }
        var pending = new ArrayList<CompletableFuture<PublishAck>>(rows.size());
        var spans = new ArrayList<MessageTracing.Publish>(rows.size());
        Exception failure = null;
        for (Row row : rows) {
            Map<String, String> stored = row.headers();
            MessageTracing.Publish span = tracing.publish(
                    stored.getOrDefault(Headers.EVENT_TYPE, row.subject()),
                    row.subject(),
                    row.id().toString(),
                    stored);
            spans.add(span);
            try {
                pending.add(jetStream.publishAsync(message(row, stored, span)));
            } catch (RuntimeException e) { // e.g. the connection is closed
                pending.add(CompletableFuture.failedFuture(e));
            }
        }
        long deadline = System.nanoTime() + properties.publishTimeout().toNanos();
        for (int i = 0; i < rows.size(); i++) {
            try {
                pending.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                published.add(rows.get(i).id());
                Duration sinceAppend = Duration.between(rows.get(i).createdAt(), Instant.now());
                lag.record(sinceAppend);
                spans.get(i).published(sinceAppend.toMillis());
            } catch (ExecutionException e) {
                failure = failure != null ? failure : asException(e.getCause());
                spans.get(i).failed(e.getCause());
            } catch (TimeoutException e) {
                failure = failure != null ? failure : e;
                spans.get(i).failed(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure != null ? failure : e;
                spans.subList(i, rows.size()).forEach(span -> span.failed(e));
                break; // shutting down: what was acknowledged so far is still marked
            }
        }
        if (failure != null) {
            streams.forget(); // the broker may have lost its store: re-create streams on the next attempt
        }
        return failure;
    }

    private static NatsMessage message(Row row, Map<String, String> stored, MessageTracing.Publish span) {
        var headers = new io.nats.client.impl.Headers();
        stored.forEach(headers::put);
        span.traceparent().ifPresent(traceparent -> headers.put(Headers.TRACEPARENT, traceparent));
        headers.put(Headers.MSG_ID, row.id().toString());
        return NatsMessage.builder()
                .subject(row.subject())
                .headers(headers)
                .data(row.payload().getBytes(StandardCharsets.UTF_8))
                .build();
    }

    private static List<Stream> streamsOf(List<Row> rows) {
        var result = new LinkedHashSet<Stream>();
        for (Row row : rows) {
            result.add(streamOf(row.subject()));
        }
        return List.copyOf(result);
    }

    static Stream streamOf(String subject) {
        return Stream.of(subject);
    }

    private void awaitWakeUp(Duration timeout) throws InterruptedException {
        wakeUps.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS); // the next round drains the rest
    }

    private boolean pause(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static void logFailure(int failures, RuntimeException e) {
        if (failures == 1) {
            log.warn("Outbox relay cannot publish ({}); retrying with backoff", e.getMessage(), e);
        } else if (failures % 20 == 0) {
            log.warn("Outbox relay still cannot publish after {} attempts: {}", failures, e.getMessage());
        }
    }

    private static Exception asException(Throwable t) {
        return t instanceof Exception e ? e : new RuntimeException(t);
    }

    /** A row to publish; {@code awaited} when a request may wait for it, so that its mark cannot be put off. */
    private record Row(
            UUID id, String subject, String payload, Map<String, String> headers, Instant createdAt, boolean awaited) {}

    /**
     * A batch of {@code claimed} rows, of which {@code published} were acknowledged, and the rows marked published
     * with it (from earlier batches too).
     */
    private record Batch(int claimed, int published, List<UUID> marked, Exception failure) {}

    private static final class RelayFailure extends RuntimeException {
        RelayFailure(Batch batch, Exception cause) {
            super("published " + batch.published() + " of " + batch.claimed() + " events: " + cause, cause);
        }
    }
}
