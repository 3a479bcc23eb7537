package dev.ticketing.platform.messaging;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * In-process wake-ups keyed by what is awaited: any number of waiters per key, all woken by one signal. A waiter
 * registers before it looks at the state it waits for, so a change between its look and its wait still wakes it.
 */
final class Signals<K> {

    private final ConcurrentHashMap<K, Set<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();

    /** A wake-up for the next signal of {@code key}; unregister it when done waiting. */
    CompletableFuture<Void> register(K key) {
        var wakeUp = new CompletableFuture<Void>();
        waiting.compute(key, (k, set) -> {
            Set<CompletableFuture<Void>> waiters = set != null ? set : ConcurrentHashMap.newKeySet();
            waiters.add(wakeUp);
            return waiters;
        });
        return wakeUp;
    }

    void unregister(K key, CompletableFuture<Void> wakeUp) {
        waiting.computeIfPresent(key, (k, set) -> {
            set.remove(wakeUp);
            return set.isEmpty() ? null : set;
        });
    }

    /** Wakes everybody waiting for {@code key}. */
    void signal(K key) {
        Set<CompletableFuture<Void>> waiters = waiting.remove(key);
        if (waiters != null) {
            waiters.forEach(wakeUp -> wakeUp.complete(null));
        }
    }

    /** Wakes everybody waiting for a key that matches (the waiters look again; see {@link AppliedEvents}). */
    void signalAll(Predicate<? super K> which) {
        waiting.keySet().stream().filter(which).forEach(this::signal);
    }

    int waiting() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }

    /** Waits for the wake-up at most {@code max}; false when it did not come. */
    static boolean await(CompletableFuture<Void> wakeUp, Duration max) {
        if (!max.isPositive()) {
            return wakeUp.isDone();
        }
        try {
            wakeUp.get(max.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("never completed exceptionally", e);
        }
    }
}
