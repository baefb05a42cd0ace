package io.github.blockwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.avro.DeadLetter;
import io.github.blockwatch.avro.RegistryEvent;
import io.github.blockwatch.avro.SourceTotals;
import io.github.blockwatch.kafka.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An event the topology refuses goes to {@code blockwatch.dlq} with the reason and where it was, and leaves
 * no trace in the stores: here ones from another producer listing something that is not a canonical CIDR, or
 * naming a source that is no source name or not the one of its entry key.
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

    @Test
    void shouldRefuseAnEventWhoseSourceIsNoNameOrNotItsEntryKeysAndApplyTheNextOne() {
        TestEvents.pipe(events, TestEvents.dump("2018-04-16T00:00:00Z").source("official")
                .added("official/list:1.2.3.0/24", "1.2.3.0/24").build());
        Map<String, Object> totals = contents(StoreNames.TABLE_TOTALS);
        Map<String, Object> entries = contents(StoreNames.REGISTRY_ENTRIES);

        // From another producer: a name with a zero byte (it would reach into the "source\0…" keys), and a
        // source other than the entry key's (state under one source, counts under another).
        TestEvents.pipe(events, TestEvents.dump("2018-04-17T00:00:00Z").source("a\u0000b")
                .added("a\u0000b/list:5.5.5.0/24", "5.5.5.0/24").build());
        TestEvents.pipe(events, TestEvents.dump("2018-04-18T00:00:00Z").source("evil")
                .added("official/list:6.6.6.0/24", "6.6.6.0/24").build());

        assertThat(dlq.readValuesToList()).extracting(letter -> letter.getSource() + ":" + letter.getLine() + " " + letter.getReason())
                .containsExactly(
                        "blockwatch.registry.events-0:1 refused by entry-diff: IllegalArgumentException: "
                                + "dump a\\u0000b/2018-04-17T00:00:00Z/test: source name 'a\\u0000b' is not one: use 1 to 64 "
                                + "lowercase letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. official, antifilter-ipsum)",
                        "blockwatch.registry.events-0:2 refused by entry-diff: IllegalArgumentException: "
                                + "dump names source 'evil' but entry key 'official/list:6.6.6.0/24' is of source 'official'");
        assertThat(contents(StoreNames.TABLE_TOTALS)).as("totals, every source's too").isEqualTo(totals);
        assertThat(contents(StoreNames.REGISTRY_ENTRIES)).isEqualTo(entries);
        assertThat(contents(StoreNames.SOURCE_COVERAGE)).as("no coverage of a source 'evil' or 'a\\0b'").isEmpty();
        assertThat(ranges().get("5.5.5.0/24")).isNull();
        assertThat(ranges().get("6.6.6.0/24")).isNull();

        TestEvents.pipe(events, TestEvents.dump("2018-04-19T00:00:00Z").source("official")
                .added("official/list:7.7.7.0/24", "7.7.7.0/24").build());
        assertThat(dlq.readValuesToList()).isEmpty();
        assertThat(ranges().get("7.7.7.0/24")).isNotNull();
        assertThat(SourceTotalsSnapshot.read(driver.driver().getKeyValueStore(StoreNames.TABLE_TOTALS)))
                .extracting(SourceTotals::getSource, SourceTotals::getEntries)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("official", 2L));
    }

    /** Everything in a store, keys with their values. */
    private Map<String, Object> contents(String store) {
        Map<String, Object> all = new TreeMap<>();
        driver.driver().<String, Object>getKeyValueStore(store).all().forEachRemaining(kv -> all.put(String.valueOf(kv.key), kv.value));
        return all;
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
