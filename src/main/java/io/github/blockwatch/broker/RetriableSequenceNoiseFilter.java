package io.github.blockwatch.broker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.slf4j.Marker;

/**
 * Drops one known, harmless broker error from the log: with transactions v2 (KIP-890) a Streams producer
 * that starts a new transaction can have a later batch overtake the first, which the broker rejects as
 * {@code OutOfOrderSequenceException … Expected sequence 0 for transactions v2 idempotent producer with no
 * existing state}; the rejection is retriable (KAFKA-18202) and the producer retries it. The embedded
 * broker logged dozens of these per demo at ERROR, burying blockwatch's own output. Every other error of
 * the same logger, and every other sequence error, is still logged.
 */
public final class RetriableSequenceNoiseFilter extends TurboFilter {
    static final String LOGGER = "kafka.server.ReplicaManager";
    static final String MESSAGE = "Expected sequence 0 for transactions v2 idempotent producer with no existing state";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (t instanceof OutOfOrderSequenceException && LOGGER.equals(logger.getName())
                && t.getMessage() != null && t.getMessage().contains(MESSAGE)) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
