package io.github.blockwatch.broker;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.junit.jupiter.api.Test;

class RetriableSequenceNoiseFilterTest {
    private final LoggerContext context = new LoggerContext();
    private final RetriableSequenceNoiseFilter filter = new RetriableSequenceNoiseFilter();

    private FilterReply decide(String logger, Throwable t) {
        Logger log = context.getLogger(logger);
        return filter.decide(null, log, Level.ERROR, "Error processing append operation", null, t);
    }

    @Test
    void shouldDropOnlyTheRetriableTransactionsV2SequenceError() {
        String real = "Invalid sequence number for producer 0 at offset 51583 in partition blockwatch-blocked-ranges-changelog-0: "
                + "204 (incoming seq. number). " + RetriableSequenceNoiseFilter.MESSAGE + ".";

        assertThat(decide("kafka.server.ReplicaManager", new OutOfOrderSequenceException(real))).isEqualTo(FilterReply.DENY);
        assertThat(decide("kafka.server.ReplicaManager", new OutOfOrderSequenceException("Out of order sequence number: 51 (incoming), 49")))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("kafka.server.ReplicaManager", new IllegalStateException(real))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("kafka.server.KafkaApis", new OutOfOrderSequenceException(real))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("kafka.server.ReplicaManager", null)).isEqualTo(FilterReply.NEUTRAL);
    }
}
