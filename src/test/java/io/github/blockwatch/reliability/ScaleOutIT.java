package io.github.blockwatch.reliability;

import static io.github.blockwatch.kafka.CommittedRecords.readTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blockwatch.app.StreamsApp;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.broker.EmbeddedBroker;
import io.github.blockwatch.broker.KraftCluster;
import io.github.blockwatch.ingest.Ingestor;
import io.github.blockwatch.ingest.ShrinkPolicy;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.TopicAdmin;
import io.github.blockwatch.kafka.TopicPlan;
import io.github.blockwatch.kafka.TopicState;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.serve.ApiServer;
import io.github.blockwatch.serve.HttpEndpoint;
import io.github.blockwatch.topology.AlertRules;
import io.github.blockwatch.topology.StoreNames;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's scale-out check, runnable here: a 3-node in-process KRaft cluster ({@link KraftCluster}), topics
 * with 6 partitions, replication factor 3 and {@code min.insync.replicas} 2, three instances of the Streams
 * application in this JVM (one application.id, own state directories and HTTP ports). The bundled 2017,
 * 2018 and 2020 mirror dumps are ingested one after another; right after 2018 is published, the instance
 * holding the address table is stopped, and the other two take its tasks over and finish. The committed
 * table, each dump's stats, the alert ids must equal those of one instance on one broker (run first, same
 * dumps) but for the known multi-partition defect (docs/OPERATIONS.md), and both survivors must give the
 * same HTTP answers. Every metric the Grafana dashboard queries must be in a real {@code /metrics} scrape.
 */
class ScaleOutIT {
    private static final List<Path> DUMPS = List.of(Path.of("data/zi-2017-07-01.csv.gz"),
            Path.of("data/zi-2018-05-05.csv.gz"), Path.of("data/zi-2020-01-26.csv.gz"));
    // The same figures as BundledReplayIT's, from iprange -C (data/README).
    private static final long DISTINCT_IPV4_2018 = 14_692_449;
    private static final long DISTINCT_IPV4_2020 = 263_765;
    private static final int PARTITIONS = 6;
    private static final int INSTANCES = 3;
    private static final Duration CATCH_UP = Duration.ofMinutes(4);
    private static final Pattern PROMQL_METRIC = Pattern.compile("\\b((?:blockwatch|kafka)_[a-z0-9_]+)\\b");

    @TempDir
    static Path work;

    @Test
    void shouldEndAsOneInstanceDoesWhenThreeShareTheWorkAndOneStopsMidReplay() throws Exception {
        long t0 = System.nanoTime();
        Snapshot reference = singleInstanceRun();
        phase("reference", t0);
        List<String> dumpIds;
        try (KraftCluster cluster = KraftCluster.start(work.resolve("cluster"), 3)) {
            String bootstrap = cluster.bootstrapServers();
            ClientSettings clients = clients(bootstrap);
            // run creates the topics: partitions as asked, replication chosen for 3 brokers.
            List<Instance> instances = new ArrayList<>();
            try {
                for (int i = 0; i < INSTANCES; i++) {
                    instances.add(Instance.start(clients, work.resolve("instance-" + i)));
                }
                phase("cluster and instances", t0);
                assertTopicLayout(clients);
                dumpIds = new ArrayList<>();
                // The 2020 dump is ingested while the 2018 one is still being applied: with six partitions
                // its events overtake 2018's on their way to the table, which must still apply them in order.
                try (Ingestor ingestor = Ingestor.open(clients, ShrinkPolicy.accepting())) {
                    dumpIds.add(ingestor.ingest(DUMPS.get(0)).dumpId());
                    awaitStats(bootstrap, dumpIds.get(0), instances);
                    phase("2017 applied", t0);

                    dumpIds.add(ingestor.ingest(DUMPS.get(1)).dumpId());
                    Instance tableOwner = ownerOfTheTable(instances);
                    tableOwner.close(); // while the 2018 dump is being applied
                    instances.remove(tableOwner);
                    phase("2018 ingested, owner of the table stopped", t0);
                    assertThat(readTable(bootstrap, Topics.STATS)).as("stopped before 2018 was applied")
                            .doesNotContainKey(dumpIds.get(1));

                    dumpIds.add(ingestor.ingest(DUMPS.get(2)).dumpId());
                    phase("2020 ingested", t0);
                    awaitStats(bootstrap, dumpIds.get(2), instances);
                    phase("2018 and 2020 applied", t0);
                }
                assertThat(assignedEventPartitions(instances)).as("the survivors took over every partition")
                        .hasSize(PARTITIONS);
                Snapshot scaledOut = Snapshot.read(bootstrap, dumpIds.get(2));

                assertThat(scaledOut.distinctIpv4()).isEqualTo(DISTINCT_IPV4_2020).isEqualTo(reference.distinctIpv4());
                assertThat(scaledOut.alertIds()).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(reference.alertIds());
                assertThat(scaledOut.tableDifferences(reference)).as("ranges differing from one instance's table: %s",
                        scaledOut.firstDifferences(reference, 3)).isZero();
                assertThat(scaledOut.statsPerDump()).isEqualTo(reference.statsPerDump());
                assertThat(scaledOut.duplicated()).isZero();
                assertSameStatsPerDump(scaledOut, reference, dumpIds);

                // Right after a rebalance an instance may briefly not know where the table went.
                await().atMost(Duration.ofMinutes(1)).ignoreExceptions()
                        .untilAsserted(() -> assertSameAnswersFromEverySurvivor(instances));
                assertDashboardMetricsAreScraped(instances.get(0));
            } finally {
                instances.forEach(Instance::close);
            }
        }
    }

    /** Each dump's stats record equals the single instance's, in every figure. */
    private static void assertSameStatsPerDump(Snapshot scaledOut, Snapshot reference, List<String> dumpIds) {
        for (String id : dumpIds) {
            assertThat(scaledOut.lastStats().get(id)).as(id).isEqualTo(reference.lastStats().get(id));
        }
        assertThat(scaledOut.lastStats().get(dumpIds.get(1)).getDistinctIpv4()).isEqualTo(DISTINCT_IPV4_2018);
    }

    private static void phase(String name, long t0) {
        System.out.printf(java.util.Locale.ROOT, "ScaleOutIT: %s at %.1f s%n", name, (System.nanoTime() - t0) / 1e9);
    }

    /** One instance, one broker, one partition: what the scaled-out run must end with. */
    private static Snapshot singleInstanceRun() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(work.resolve("reference/broker"), 0)) {
            ClientSettings clients = ClientSettings.of(broker.bootstrapServers());
            List<String> ids;
            try (StreamsApp app = StreamsApp.start(clients, "scale-out-reference", work.resolve("reference/streams"),
                    AlertRules.defaults(), 1)) {
                ids = ingest(clients);
                await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(500)).until(() -> {
                    assertThat(app.failure()).isNull();
                    return readTable(broker.bootstrapServers(), Topics.STATS).containsKey(ids.get(2));
                });
            }
            Snapshot reference = Snapshot.read(broker.bootstrapServers(), ids.get(2));
            assertThat(reference.alertIds()).isNotEmpty();
            return reference;
        }
    }

    private static ClientSettings clients(String bootstrap) throws IOException {
        // A member that stops without leaving would hold its tasks for session.timeout.ms: keep it short.
        Path config = Files.writeString(work.resolve("client.properties"),
                "session.timeout.ms=6000\nheartbeat.interval.ms=1500\n");
        return ClientSettings.load(bootstrap, config);
    }

    private static void assertTopicLayout(ClientSettings clients) {
        try (TopicAdmin admin = TopicAdmin.connect(clients)) {
            TopicPlan expected = new TopicPlan(PARTITIONS, java.util.Optional.of((short) 3), java.util.Optional.of(2));
            List<TopicState> states = admin.describe(Topics.ALL, expected, true);
            assertThat(states).allSatisfy(state -> assertThat(state.differences()).as(state.name()).isEmpty());
        }
    }

    private static List<String> ingest(ClientSettings clients) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Ingestor ingestor = Ingestor.open(clients, ShrinkPolicy.accepting())) {
            for (Path dump : DUMPS) {
                ids.add(ingestor.ingest(dump).dumpId());
            }
        }
        return ids;
    }

    private static void awaitStats(String bootstrap, String dumpId, List<Instance> instances) {
        await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (Instance instance : instances) {
                assertThat(instance.app.failure()).as("instance %s failed", instance.endpoint).isNull();
            }
            return readTable(bootstrap, Topics.STATS).containsKey(dumpId);
        });
    }

    private static Instance ownerOfTheTable(List<Instance> instances) {
        KafkaStreams any = instances.get(0).app.streams();
        HostInfo owner = await().atMost(CATCH_UP).ignoreExceptions().until(
                () -> any.queryMetadataForKey(StoreNames.BLOCKED_RANGES, "", Serdes.String().serializer()).activeHost(),
                host -> host != null && host.port() > 0);
        return instances.stream().filter(i -> i.endpoint.advertised().equals(owner)).findFirst().orElseThrow();
    }

    private static Set<TopicPartition> assignedEventPartitions(List<Instance> instances) {
        Set<TopicPartition> partitions = new TreeSet<>(java.util.Comparator.comparing(TopicPartition::toString));
        for (Instance instance : instances) {
            for (ThreadMetadata thread : instance.app.streams().metadataForLocalThreads()) {
                for (TaskMetadata task : thread.activeTasks()) {
                    task.topicPartitions().stream().filter(p -> p.topic().equals(Topics.REGISTRY_EVENTS.name()))
                            .forEach(partitions::add);
                }
            }
        }
        return partitions;
    }

    private static void assertSameAnswersFromEverySurvivor(List<Instance> instances) throws Exception {
        JsonNode stats = instances.get(0).json("/api/stats");
        assertThat(stats.path("totals").path("distinctIpv4").asLong()).isEqualTo(DISTINCT_IPV4_2020);
        assertThat(stats.path("series")).hasSize(3);
        Set<String> ips = new LinkedHashSet<>(List.of("52.58.0.1", "34.200.1.1", "192.0.2.1"));
        for (JsonNode range : instances.get(0).json("/api/ranges?limit=20").path("ranges")) {
            ips.add(range.path("cidr").asText().replaceFirst("/.*", ""));
        }
        for (Instance other : instances.subList(1, instances.size())) {
            assertThat(other.json("/api/stats")).isEqualTo(stats);
            for (String ip : ips) {
                assertThat(other.json("/api/ip/" + ip)).as(ip).isEqualTo(instances.get(0).json("/api/ip/" + ip));
            }
        }
        assertThat(instances.get(1).json("/api/ip/" + ips.stream().skip(3).findFirst().orElseThrow())
                .path("blocked").asBoolean()).isTrue();
    }

    /** Every metric the Grafana dashboard queries is in a real scrape (names follow Micrometer's binder). */
    private static void assertDashboardMetricsAreScraped(Instance instance) throws Exception {
        String dashboard = Files.readString(Path.of("deploy/grafana/dashboards/blockwatch.json"));
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : new ObjectMapper().readTree(dashboard).path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = PROMQL_METRIC.matcher(target.path("expr").asText());
                while (m.find()) {
                    queried.add(m.group(1));
                }
            }
        }
        String scrape = instance.get("/metrics");
        Set<String> scraped = new TreeSet<>();
        scrape.lines().filter(line -> !line.startsWith("#")).map(line -> line.replaceFirst("[{ ].*", ""))
                .forEach(scraped::add);
        assertThat(queried).as("metrics the dashboard queries").isNotEmpty();
        assertThat(scraped).containsAll(queried);
    }

    /** One instance of the Streams application with its HTTP API. */
    private record Instance(StreamsApp app, ApiServer server, HttpEndpoint endpoint, HttpClient http) {
        static Instance start(ClientSettings clients, Path dir) {
            HttpEndpoint endpoint = new HttpEndpoint("127.0.0.1", 0).resolve();
            StreamsApp app = StreamsApp.start(clients, "scale-out", dir.resolve("streams"), AlertRules.defaults(),
                    TopicPlan.of(PARTITIONS), endpoint.applicationServer());
            ApiServer server = ApiServer.start(clients, app.streams(), endpoint, true);
            return new Instance(app, server, endpoint, HttpClient.newHttpClient());
        }

        String get(String path) throws Exception {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + endpoint.port() + path)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
            return response.body();
        }

        JsonNode json(String path) throws Exception {
            return new ObjectMapper().readTree(get(path));
        }

        void close() {
            server.close();
            app.close();
        }
    }
}
