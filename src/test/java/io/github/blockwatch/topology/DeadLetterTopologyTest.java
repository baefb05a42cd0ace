package io.github.blockwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.avro.DeadLetter;
import io.github.blockwatch.avro.RegistryEvent;
import io.github.blockwatch.kafka.Topics;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An event the topology refuses goes to {@code blockwatch.dlq} with the reason and where it was, and leaves
 * no trace in the stores: here one from another producer listing something that is not a canonical CIDR.
 * Undecodable records are checked on a real broker ({@code RunKeepsRunningIT}): the test driver does not
 * pass on what a deserialization handler sends.
 */
class DeadLetterTopologyTest {
    @TempDir
    Path stateDir;

    private BlockwatchDriver driver;
    private TestInputTopic<String, RegistryEvent> events;
    private TestOutputTopic<String, DeadLetter> dlq;

    @BeforeEach
    void start() {
        driver = BlockwatchDriver.start("dead-letter-test", stateDir, AlertRules.defaults());
        events = driver.input(Topics.REGISTRY_EVENTS);
        dlq = driver.output(Topics.DLQ);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldRefuseAnEventListingANonCanonicalRangeBeforeChangingAnything() {
        send(TestEvents.dump("2018-04-16T00:00:00Z").added("a", "1.2.3.0/24"));
        send(TestEvents.dump("2018-04-17T00:00:00Z").updated("a", "1.2.3.4/24"));

        assertThat(dlq.readValuesToList()).singleElement().satisfies(letter -> {
            assertThat(letter.getSource()).isEqualTo("blockwatch.registry.events-0");
            assertThat(letter.getLine()).isEqualTo(1L);
            assertThat(letter.getReason()).startsWith("refused by entry-diff: IllegalArgumentException: entry a lists ");
        });
        assertThat(ranges().get("1.2.3.0/24")).as("the entry is as the first event left it").isNotNull();
        assertThat(driver.driver().<String, Object>getKeyValueStore(StoreNames.REGISTRY_ENTRIES).get("a")).isNotNull();
    }

    private KeyValueStore<String, io.github.blockwatch.avro.RangeState> ranges() {
        return driver.driver().getKeyValueStore(StoreNames.BLOCKED_RANGES);
    }

    private void send(TestEvents dump) {
        for (RegistryEvent event : dump.build()) {
            events.pipeInput(event.getKey(), event, Instant.now());
        }
    }
}
