/**
 * Messaging of every service, auto-configured by depending on {@code platform-messaging}.
 *
 * <ul>
 *   <li>Publish: call {@link dev.ticketing.platform.messaging.Outbox#append} inside the transaction that changes
 *       state (e.g. in a {@code TransactionTemplate} or {@code @Transactional} method). The relay publishes the
 *       row after the commit (within milliseconds), with {@code Nats-Msg-Id} = event id, {@code traceparent},
 *       {@code event-type} and {@code schema-version} headers. The stream of a published subject is created on
 *       first publish; list streams in {@code ticketing.messaging.streams} to create them at start-up.</li>
 *   <li>Consume: declare a bean implementing {@link dev.ticketing.platform.messaging.EventHandler}. It gets the
 *       durable consumer {@code <spring.application.name>-<subject token>}; its stream is created at start-up.
 *       The handler runs in a transaction together with the inbox row, so a redelivered event is skipped. When a
 *       service stops handling an event type, name it in {@code ticketing.messaging.retired-consumers} so that its
 *       durable consumer is deleted at start-up (docs/decisions/0077).
 *       Throw {@link dev.ticketing.platform.messaging.RetryLater} for a delayed retry (e.g. an update of an
 *       aggregate not replicated yet); any other exception is retried with
 *       {@code ticketing.messaging.backoff} and parked in {@code messaging_dead_letter} after
 *       {@code ticketing.messaging.max-deliver} deliveries.</li>
 *   <li>Dead letters: {@link dev.ticketing.platform.messaging.DeadLetters} lists them and requests replays (as
 *       does setting {@code replay_requested_at} in the table).</li>
 *   <li>Read-your-writes (docs/decisions/0014): in a servlet application, a request that committed events answers
 *       once they are published ({@code ticketing.messaging.publish-before-response}); call
 *       {@link dev.ticketing.platform.messaging.EventCatchUp#awaitAggregate} before a decision that depends on replicated
 *       state of one aggregate, outside its transaction ({@code ticketing.messaging.catch-up-timeout}). With more than
 *       one instance, set {@code ticketing.messaging.signal-other-instances} so that an event another instance
 *       applied wakes the wait too (PostgreSQL {@code NOTIFY}/{@code LISTEN}, docs/decisions/0071).</li>
 *   <li>Tables: set {@code spring.flyway.locations: classpath:db/messaging,classpath:db/migration}.</li>
 *   <li>Fault injection (test deployments only, docs/decisions/0017): read an order's plan, remember it and inject a
 *       crash through {@link dev.ticketing.platform.messaging.fault.FaultInjection}, never by hand.</li>
 *   <li>Traces (docs/decisions/0060): with a tracer (platform-observability), every publish is a PRODUCER span
 *       ({@code publish <EVENT>}, child of the work that appended the event) whose context the message carries in
 *       {@code traceparent}, and every handled message a CONSUMER span ({@code process <EVENT>}, its child), current
 *       while the handler runs; {@link dev.ticketing.platform.messaging.InboundEvent#traceparent()} is the message's,
 *       for work that continues its trace later. Without one, the {@code traceparent} travels through the MDC.</li>
 *   <li>Metrics: gauge {@code ticketing.messaging.outbox.unpublished}, timer {@code ticketing.messaging.outbox.lag}
 *       (insert to PubAck), gauge {@code ticketing.messaging.consumer.pending}, counters
 *       {@code ticketing.messaging.redeliveries} and {@code ticketing.messaging.dead_letters} (tag
 *       {@code consumer}).</li>
 * </ul>
 */
package dev.ticketing.platform.messaging;
