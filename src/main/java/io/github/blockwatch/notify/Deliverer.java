package io.github.blockwatch.notify;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one message to one channel until it is accepted, or fails for good: a failure the channel calls
 * final, or {@link RetryPolicy#attempts()} tries used up, or a {@code Retry-After} longer than the policy
 * honours. Between tries it waits the policy's backoff with jitter, or the receiver's {@code Retry-After}
 * when that is longer, through a {@link Pause} (the notifier keeps its consumer group membership meanwhile).
 */
public final class Deliverer {
    private static final Logger LOG = LoggerFactory.getLogger(Deliverer.class);

    /** Waits between tries. */
    @FunctionalInterface
    public interface Pause {
        void waitFor(Duration duration) throws InterruptedException;
    }

    /** Counts what happened, per channel. */
    public interface Counts {
        void delivered(String channel, int alerts);

        void retried(String channel);

        void failed(String channel, int alerts);

        Counts NONE = new Counts() {
            public void delivered(String channel, int alerts) {}

            public void retried(String channel) {}

            public void failed(String channel, int alerts) {}
        };
    }

    /**
     * @param delivered true when the channel accepted the message
     * @param reason    why it failed for good (null when delivered)
     */
    public record Outcome(boolean delivered, int attempts, String reason) {}

    private final RetryPolicy policy;
    private final Pause pause;
    private final Counts counts;
    private final RandomGenerator random;

    public Deliverer(RetryPolicy policy, Pause pause, Counts counts, RandomGenerator random) {
        this.policy = policy;
        this.pause = pause;
        this.counts = counts;
        this.random = random;
    }

    public Outcome deliver(Channel channel, Message message) throws InterruptedException {
        String name = channel.name();
        for (int attempt = 1; ; attempt++) {
            Attempt result = channel.send(message);
            if (result instanceof Attempt.Accepted) {
                counts.delivered(name, message.alerts().size());
                LOG.info("delivered {} to {} ({} alert(s), attempt {})", message.key(), name, message.alerts().size(), attempt);
                return new Outcome(true, attempt, null);
            }
            if (result instanceof Attempt.Failed failed) {
                return failed(channel, message, attempt, failed.reason());
            }
            Attempt.Retry retry = (Attempt.Retry) result;
            if (attempt >= policy.attempts()) {
                return failed(channel, message, attempt, retry.reason() + " (gave up after " + attempt + " tries)");
            }
            Duration wait = policy.delayAfter(attempt, random);
            if (retry.retryAfter() != null) {
                if (retry.retryAfter().compareTo(policy.maxRetryAfter()) > 0) {
                    return failed(channel, message, attempt, retry.reason() + " (asked to retry after "
                            + retry.retryAfter().toSeconds() + " s, more than retry.max-retry-after "
                            + policy.maxRetryAfter().toSeconds() + " s)");
                }
                wait = retry.retryAfter().compareTo(wait) > 0 ? retry.retryAfter() : wait;
            }
            counts.retried(name);
            LOG.warn("{} to {}: try {} failed ({}); next in {} ms", message.key(), name, attempt, retry.reason(), wait.toMillis());
            pause.waitFor(wait);
        }
    }

    private Outcome failed(Channel channel, Message message, int attempts, String reason) {
        counts.failed(channel.name(), message.alerts().size());
        LOG.error("{} to {} failed for good after {} tries: {}", message.key(), channel.name(), attempts, reason);
        return new Outcome(false, attempts, reason);
    }
}
