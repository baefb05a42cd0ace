package io.github.blockwatch.topology;

import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.Topic;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The whole blockwatch topology in a {@link TopologyTestDriver}, configured as production configures it
 * ({@link StreamsSettings#streamsConfig}) but without a broker. Topics are opened by their
 * {@link Topic} contract, so a test names the topic and never its serdes.
 */
final class BlockwatchDriver implements AutoCloseable {
    private final TopologyTestDriver driver;

    private BlockwatchDriver(TopologyTestDriver driver) {
        this.driver = driver;
    }

    /** Production's Streams config for {@code applicationId}; the bootstrap address is never dialled. */
    static Properties config(String applicationId, Path stateDir) {
        return StreamsSettings.streamsConfig(ClientSettings.of("unused:9092"), applicationId, stateDir);
    }

    /** The topology with these rules, its wall clock at the real time. */
    static BlockwatchDriver start(String applicationId, Path stateDir, AlertRules rules) {
        return start(BlockwatchTopology.build(rules), config(applicationId, stateDir));
    }

    /** The topology with these rules, its wall clock starting at {@code wallClock} (moved on by hand). */
    static BlockwatchDriver start(String applicationId, Path stateDir, AlertRules rules, Instant wallClock) {
        return new BlockwatchDriver(new TopologyTestDriver(BlockwatchTopology.build(rules),
                config(applicationId, stateDir), wallClock));
    }

    /** A topology built by the test, for settings {@link BlockwatchTopology#build(AlertRules)} leaves at default. */
    static BlockwatchDriver start(Topology topology, Properties config) {
        return new BlockwatchDriver(new TopologyTestDriver(topology, config));
    }

    <K, V> TestInputTopic<K, V> input(Topic<K, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    <K, V> TestOutputTopic<K, V> output(Topic<K, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    /** The driver itself: its state stores and wall clock. */
    TopologyTestDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.close();
    }
}
