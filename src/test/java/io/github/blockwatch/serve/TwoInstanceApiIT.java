package io.github.blockwatch.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.blockwatch.app.StreamsApp;
import io.github.blockwatch.broker.EmbeddedBroker;
import io.github.blockwatch.ingest.Ingestor;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.topology.AlertRules;
import io.github.blockwatch.topology.StoreNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the Streams application (same application.id, events topic with 2 partitions), each
 * with its own HTTP port: the address table lives on one of them and registry entries on both, yet
 * either instance gives the same answer to any query.
 */
class TwoInstanceApiIT {
    private static final Duration STREAMS_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    static Path work;

    private static EmbeddedBroker broker;
    private static final List<StreamsApp> apps = new ArrayList<>();
    private static final List<ApiServer> servers = new ArrayList<>();
    private static final List<ApiClient> apis = new ArrayList<>();
    private static final List<HostInfo> hosts = new ArrayList<>();

    @BeforeAll
    static void startTwoInstancesAndIngest() throws Exception {
        broker = EmbeddedBroker.start(work.resolve("broker"), 0);
        ClientSettings clients = ClientSettings.of(broker.bootstrapServers());
        for (int i = 0; i < 2; i++) {
            HttpEndpoint endpoint = new HttpEndpoint("127.0.0.1", 0).resolve();
            // The first start creates the topics with 2 partitions; the address table stays at 1 by design.
            StreamsApp app = StreamsApp.start(clients, "two-instance-it", work.resolve("streams-" + i),
                    AlertRules.defaults(), 2, endpoint.applicationServer());
            apps.add(app);
            servers.add(ApiServer.start(clients, app.streams(), endpoint, true));
            apis.add(new ApiClient(endpoint.port()));
            hosts.add(endpoint.advertised());
        }
        try (Ingestor ingestor = Ingestor.open(clients)) {
            ingestor.ingest(Path.of("data/zi-2017-07-01.csv.gz"));
            ingestor.ingest(Path.of("data/zi-2018-05-05.csv.gz"));
        }
        for (ApiClient api : apis) {
            await().atMost(STREAMS_TIMEOUT).ignoreExceptions()
                    .until(() -> api.json("/api/stats").path("series").size() == 2);
        }
    }

    @AfterAll
    static void stop() {
        servers.forEach(ApiServer::close);
        apps.forEach(StreamsApp::close);
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldGiveTheSameLookupAnswerOnEitherInstance() {
        List<String> ips = new ArrayList<>(List.of("52.58.0.1", "34.200.1.1", "192.0.2.1"));
        for (JsonNode range : apis.get(0).json("/api/ranges?limit=40").path("ranges")) {
            ips.add(range.path("cidr").asText().replaceFirst("/.*", ""));
        }

        await().atMost(Duration.ofMinutes(1)).ignoreExceptions().untilAsserted(() -> {
            for (String ip : ips) {
                assertThat(apis.get(1).json("/api/ip/" + ip)).as(ip).isEqualTo(apis.get(0).json("/api/ip/" + ip));
            }
        });
        JsonNode aws = apis.get(1).json("/api/ip/52.58.0.1");
        assertThat(aws.path("blocked").asBoolean()).isTrue();
        assertThat(aws.path("ranges").get(0).path("entries").get(0).path("decision").path("number").asText())
                .isEqualTo("27-31-2015/Ид4082-15");
    }

    @Test
    void shouldFetchEntriesHeldByBothInstancesFromEither() {
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode range : apis.get(0).json("/api/ranges?limit=40").path("ranges")) {
            JsonNode answer = apis.get(0).json("/api/ip/" + range.path("cidr").asText().replaceFirst("/.*", ""));
            answer.path("ranges").forEach(r -> r.path("entries").forEach(e -> keys.add(e.path("key").asText())));
        }
        Set<HostInfo> owners = keys.stream()
                .map(k -> apps.get(0).streams().queryMetadataForKey(StoreNames.REGISTRY_ENTRIES, k,
                        Serdes.String().serializer()).activeHost())
                .collect(Collectors.toSet());
        assertThat(owners).as("the sample has entries on both instances").containsExactlyInAnyOrderElementsOf(hosts);

        String query = keys.stream().map(k -> "key=" + java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        JsonNode fromFirst = apis.get(0).json("/api/entries?" + query);
        JsonNode fromSecond = apis.get(1).json("/api/entries?" + query);

        assertThat(fromFirst).hasSize(keys.size());
        assertThat(StreamSupport.stream(fromSecond.spliterator(), false).map(e -> e.path("key").asText()).toList())
                .containsExactlyInAnyOrderElementsOf(keys);
        assertThat(apis.get(1).json("/api/stats")).isEqualTo(apis.get(0).json("/api/stats"));
    }

    @Test
    void shouldGiveTheSamePointInTimeAndDecisionAnswersOnEitherInstance() {
        String number = java.net.URLEncoder.encode("27-31-2015/Ид4082-15", java.nio.charset.StandardCharsets.UTF_8);
        List<String> paths = List.of("/api/ip/52.58.0.1?at=2018-05-05T14:00Z", "/api/ip/52.58.0.1?at=2018-01-01",
                "/api/ip/52.58.0.1/history", "/api/decisions?limit=5", "/api/decisions/" + number,
                "/api/decisions/by?number=" + number);

        await().atMost(Duration.ofMinutes(1)).ignoreExceptions().untilAsserted(() -> {
            for (String path : paths) {
                assertThat(apis.get(1).json(path)).as(path).isEqualTo(apis.get(0).json(path));
            }
        });
        assertThat(apis.get(1).json("/api/ip/52.58.0.1?at=2018-05-05T14:00Z").path("blocked").asBoolean()).isTrue();
        assertThat(apis.get(1).json("/api/decisions/" + number).path("distinctIpv4").asLong()).isEqualTo(13_705_515L);
    }
}
