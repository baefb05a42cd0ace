package io.github.blockwatch.notify;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How often and how patiently a message is retried: exponential backoff with jitter (half the step fixed,
 * half random, so that many notifiers retrying one receiver spread out without ever retrying at once).
 *
 * @param attempts      tries per message, the first included, before it goes to the dead-letter topic
 * @param backoff       the wait after the first failure; doubled after each further one
 * @param maxBackoff    the longest wait between two tries
 * @param timeout       how long one try may take (connect and answer)
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a receiver asking for more fails the message
 */
public record RetryPolicy(int attempts, Duration backoff, Duration maxBackoff, Duration timeout, Duration maxRetryAfter) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofMinutes(1),
            Duration.ofSeconds(10), Duration.ofMinutes(5));

    /** The wait before try {@code failed + 1}, after {@code failed} failed tries (1 or more). */
    public Duration delayAfter(int failed, RandomGenerator random) {
        long step = backoff.toMillis();
        for (int i = 1; i < failed && step < maxBackoff.toMillis(); i++) {
            step *= 2;
        }
        step = Math.min(step, maxBackoff.toMillis());
        long half = step / 2;
        return Duration.ofMillis(half + (half == 0 ? 0 : random.nextLong(half + 1)));
    }
}
