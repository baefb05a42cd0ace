package io.github.blockwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/** Which route the deltas take to the table, and what each route builds. */
class DeltaRouteTest {
    @Test
    void oneEventsPartitionGoesStraightUnlessAnEarlierRunLeftDeltasInTheRepartitionTopic() {
        assertThat(DeltaRoute.of(1, false)).isEqualTo(DeltaRoute.DIRECT);
        assertThat(DeltaRoute.of(1, true)).isEqualTo(DeltaRoute.REPARTITIONED);
        assertThat(DeltaRoute.of(4, false)).isEqualTo(DeltaRoute.REPARTITIONED);
        assertThat(DeltaRoute.repartitionTopic("blockwatch")).isEqualTo("blockwatch-address-deltas-repartition");
    }

    @Test
    void theDirectRouteRunsTheEntryStepAndTheTableInOneTaskWithoutTheRepartitionTopic() {
        TopologyDescription direct = BlockwatchTopology.build(AlertRules.defaults(),
                BlockwatchTopology.DEFAULT_HISTORY_RETENTION, DeltaRoute.DIRECT).describe();
        assertThat(subtopologyOf(direct, "entry-diff")).isEqualTo(subtopologyOf(direct, "address-table"));
        assertThat(topics(direct)).doesNotContain("address-deltas-repartition");
    }

    @Test
    void theRepartitionedRouteHandsTheDeltasToTheTableThroughTheOnePartitionTopic() {
        TopologyDescription repartitioned = BlockwatchTopology.build(AlertRules.defaults(),
                BlockwatchTopology.DEFAULT_HISTORY_RETENTION, DeltaRoute.REPARTITIONED).describe();
        assertThat(subtopologyOf(repartitioned, "entry-diff")).isNotEqualTo(subtopologyOf(repartitioned, "address-table"));
        assertThat(topics(repartitioned)).contains("address-deltas-repartition");
    }

    private static int subtopologyOf(TopologyDescription description, String node) {
        return description.subtopologies().stream()
                .filter(s -> s.nodes().stream().anyMatch(n -> n.name().equals(node)))
                .findFirst().orElseThrow().id();
    }

    /** Every topic the topology's sources read and sinks write (names without the application id). */
    private static Set<String> topics(TopologyDescription description) {
        return description.subtopologies().stream().flatMap(s -> s.nodes().stream())
                .flatMap(n -> n instanceof TopologyDescription.Source source ? source.topicSet().stream()
                        : n instanceof TopologyDescription.Sink sink && sink.topic() != null ? java.util.stream.Stream.of(sink.topic())
                        : java.util.stream.Stream.empty())
                .collect(Collectors.toSet());
    }
}
