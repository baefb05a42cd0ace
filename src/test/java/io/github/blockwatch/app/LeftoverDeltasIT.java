package io.github.blockwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.avro.AddressDelta;
import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.avro.EventType;
import io.github.blockwatch.broker.BrokerWithTopics;
import io.github.blockwatch.broker.EmbeddedBroker;
import io.github.blockwatch.kafka.AvroSerde;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.topology.AlertRules;
import io.github.blockwatch.topology.DeltaRoute;
import io.github.blockwatch.topology.StreamsSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrading a one-partition deployment: a release before 0.4 routed every delta through the address-deltas
 * repartition topic, and may have stopped with some of them unread. The new run, which takes deltas
 * straight from the entry step when the events topic has one partition, must apply those first.
 */
class LeftoverDeltasIT {
    private static final String APP = StreamsSettings.DEFAULT_APPLICATION_ID;

    @TempDir
    Path dir;

    @Test
    void aDeltaLeftInTheRepartitionTopicIsAppliedAndTheNextStartGoesStraight() throws Exception {
        try (EmbeddedBroker broker = BrokerWithTopics.start(dir.resolve("broker"))) {
            ClientSettings clients = ClientSettings.of(broker.bootstrapServers());
            Instant registryTime = Instant.parse("2018-04-16T00:00:00Z");
            DumpRef dump = new DumpRef(registryTime + "/left-by-0.3", "dump.csv", "csv", registryTime, null);
            leaveInRepartitionTopic(clients, AddressDelta.newBuilder().setEntryKey("csv:left")
                    .setDecision(new Decision("Роскомнадзор", "27-31-2018/Ид2971-18", "2018-04-16"))
                    .setEventType(EventType.ADDED).setDump(dump).setDumpEventCount(1)
                    .setUnblock(List.of()).setBlock(List.of("10.0.0.0/8")).build());

            try (StreamsApp app = StreamsApp.start(clients, APP, dir.resolve("state"), AlertRules.defaults(), 1)) {
                assertThat(app.deltaRoute()).isEqualTo(DeltaRoute.REPARTITIONED);
                DumpStats applied = awaitStats(clients, dump.getId());
                assertThat(applied.getDistinctIpv4()).isEqualTo(1L << 24);
            }
            try (StreamsApp app = StreamsApp.start(clients, APP, dir.resolve("state"), AlertRules.defaults(), 1)) {
                assertThat(app.deltaRoute()).as("nothing left: straight from now on").isEqualTo(DeltaRoute.DIRECT);
            }
        }
    }

    /** As a 0.3 run left it: the topic Streams made, a delta in it that no commit of the group covers. */
    private static void leaveInRepartitionTopic(ClientSettings clients, AddressDelta delta) throws Exception {
        String topic = DeltaRoute.repartitionTopic(APP);
        try (Admin admin = Admin.create(clients.copy())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Properties props = clients.copy();
        try (KafkaProducer<String, AddressDelta> producer = new KafkaProducer<>(props, new StringSerializer(),
                AvroSerde.of(AddressDelta.class).serializer())) {
            producer.send(new ProducerRecord<>(topic, delta.getEntryKey(), delta)).get();
        }
    }

    private static DumpStats awaitStats(ClientSettings clients, String dumpId) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        try (TopicFollower<String, DumpStats> stats = new TopicFollower<>(clients, Topics.STATS, true)) {
            List<DumpStats> seen = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                stats.readToEnd((k, v) -> seen.add(v));
                for (DumpStats s : seen) {
                    if (s.getDump().getId().equals(dumpId)) {
                        return s;
                    }
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("no stats record for " + dumpId + " within 60 s");
    }
}
