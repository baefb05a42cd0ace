package io.github.blockwatch.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blockwatch.alerts.AlertJsonSchema;
import io.github.blockwatch.app.RunningPipeline;
import io.github.blockwatch.ingest.Ingestor;
import io.github.blockwatch.ingest.ShrinkPolicy;
import io.github.blockwatch.kafka.CommittedRecords;
import io.github.blockwatch.kafka.Topics;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API of one instance on a real embedded broker with the 2017 and 2018 mirror dumps applied,
 * asked with {@link java.net.http.HttpClient}. The last test ingests 2020 while an SSE client listens.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiIT {
    private static final Path ZI_2017 = Path.of("data/zi-2017-07-01.csv.gz");
    private static final Path ZI_2018 = Path.of("data/zi-2018-05-05.csv.gz");
    private static final Path ZI_2020 = Path.of("data/zi-2020-01-26.csv.gz");
    private static final Duration STREAMS_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    static Path work;

    @AutoClose
    private static RunningPipeline pipeline;
    private static ApiClient api;

    @BeforeAll
    static void serveTwoRealDumps() throws Exception {
        pipeline = RunningPipeline.startServing(work, "api-it");
        api = new ApiClient(pipeline.server().port());
        try (Ingestor ingestor = Ingestor.open(pipeline.clients())) {
            ingestor.ingest(ZI_2017);
            ingestor.ingest(ZI_2018);
        }
        await().atMost(STREAMS_TIMEOUT).until(() -> api.get("/api/stats").status() == 200
                && api.json("/api/stats").path("series").size() == 2);
    }

    @Test
    @Order(1)
    void shouldAnswerABlockedAwsAddressWithItsRangeAndDecision() {
        JsonNode answer = api.json("/api/ip/52.58.0.1");

        assertThat(answer.path("blocked").asBoolean()).isTrue();
        JsonNode range = range(answer, "52.58.0.0/15");
        assertThat(range.path("addresses").asLong()).isEqualTo(131_072);
        JsonNode entry = range.path("entries").get(0);
        assertThat(entry.path("decision").path("number").asText()).isEqualTo("27-31-2015/Ид4082-15");
        assertThat(entry.path("decision").path("org").asText()).isEqualTo("Генпрокуратура");
        assertThat(entry.has("domainCount")).as("entry enriched from the registry-entries store").isTrue();
        // A deployment that never named a source: everything is the default source's.
        assertThat(answer.path("blockedBy")).extracting(JsonNode::asText).containsExactly("default");
        assertThat(range.path("sources")).extracting(JsonNode::asText).containsExactly("default");
        assertThat(entry.path("source").asText()).isEqualTo("default");
        assertThat(answer.path("sources").path("default").path("blocked").asBoolean()).isTrue();
    }

    @Test
    @Order(1)
    void shouldFindTheSlash10ThatCoversAnAwsAddress() {
        JsonNode answer = api.json("/api/ip/34.200.1.1");

        assertThat(answer.path("blocked").asBoolean()).isTrue();
        assertThat(range(answer, "34.192.0.0/10").path("addresses").asLong()).isEqualTo(4_194_304);
    }

    @Test
    @Order(1)
    void shouldAnswerNotBlockedForAnAddressOutsideTheRegistry() {
        JsonNode answer = api.json("/api/ip/192.0.2.1");

        assertThat(answer.path("blocked").asBoolean()).isFalse();
        assertThat(answer.path("ranges")).isEmpty();
        assertThat(api.json("/api/ip/2001:db8::1").path("blocked").asBoolean()).isFalse();
    }

    @Test
    @Order(1)
    void shouldRejectMalformedInputWith400AndAOneLineReason() {
        for (String path : List.of("/api/ip/999.1.1.1", "/api/ip/10.0.0.0%2F33", "/api/ranges?within=10.0.0.0/33",
                "/api/ranges?limit=zero", "/api/alerts?since=yesterday")) {
            ApiClient.Reply reply = api.get(path);
            assertThat(reply.status()).as(path).isEqualTo(400);
            assertThat(reply.json().path("error").asText()).as(path).isNotBlank().doesNotContain("\n");
        }
    }

    @Test
    @Order(1)
    void shouldPageTheRangesInsideACidr() {
        JsonNode first = api.json("/api/ranges?within=52.0.0.0/8&limit=2");
        assertThat(first.path("ranges")).hasSize(2);
        String cursor = first.path("nextCursor").asText();
        JsonNode second = api.json("/api/ranges?within=52.0.0.0/8&limit=2&cursor=" + cursor);

        assertThat(cursor).isEqualTo(first.path("ranges").get(1).path("cidr").asText());
        assertThat(second.path("ranges").get(0).path("cidr").asText()).startsWith("52.").isNotEqualTo(cursor);
        assertThat(ranges(api.json("/api/ranges?within=52.56.0.0/13&limit=1000"))).contains("52.58.0.0/15");
    }

    @Test
    @Order(1)
    void shouldReportTotalsAndOnePointPerDump() {
        JsonNode stats = api.json("/api/stats");

        assertThat(stats.path("totals").path("distinctIpv4").asLong()).isEqualTo(14_692_449L);
        assertThat(stats.path("series")).hasSize(2);
        assertThat(stats.path("series").get(1).path("distinctIpv4").asLong()).isEqualTo(14_692_449L);
        assertThat(stats.path("series").get(0).path("registryTime").asText()).startsWith("2017-07-01");
        // The one (default) source's table is the union.
        assertThat(stats.path("sources").size()).isEqualTo(1);
        assertThat(stats.path("sources").path("default").path("distinctIpv4").asLong()).isEqualTo(14_692_449L);
        assertThat(stats.path("sources").path("default").path("dumps").asInt()).isEqualTo(2);
        assertThat(stats.path("series").get(1).path("sourceName").asText()).isEqualTo("default");
        assertThat(stats.path("series").get(1).path("sources").path("default").path("distinctIpv4").asLong()).isEqualTo(14_692_449L);
    }

    @Test
    @Order(1)
    void shouldListTheLargeRangeAlertForTheAwsSlash10NewestFirst() {
        JsonNode alerts = AlertJsonSchema.assertAllValid(api.json("/api/alerts?limit=1000").path("alerts"));

        assertThat(stream(alerts).filter(a -> a.path("type").asText().equals("LARGE_RANGE"))
                .map(a -> a.path("ranges").get(0).asText())).contains("34.192.0.0/10");
        assertThat(alerts.get(0).path("registryTime").asText())
                .isGreaterThanOrEqualTo(alerts.get(alerts.size() - 1).path("registryTime").asText());
        assertThat(api.json("/api/alerts?since=2019-01-01").path("alerts")).isEmpty();
    }

    @Test
    @Order(1)
    void shouldServeEachAlertExactlyAsTheTopicWritesIt() throws Exception {
        Map<String, JsonNode> onTopic = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (ConsumerRecord<String, String> r : CommittedRecords.readAll(pipeline.clients().bootstrap(), Topics.ALERTS_JSON)) {
            onTopic.put(r.key(), json.readTree(r.value()));
        }
        // The API reads the alerts topic with a consumer of its own: the last committed alert can reach this
        // test before it reaches the API (it failed once on that, 44 served of 45 on the topic).
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.json("/api/alerts?limit=1000").path("alerts").size() >= onTopic.size());
        JsonNode served = api.json("/api/alerts?limit=1000").path("alerts");

        assertThat(served.size()).isEqualTo(onTopic.size()).isPositive();
        assertThat(stream(served)).allSatisfy(a -> assertThat(a).isEqualTo(onTopic.get(a.path("id").asText())));
    }

    @Test
    @Order(1)
    void shouldServeTheOpenApiDocument() {
        JsonNode doc = api.json("/openapi.json");

        assertThat(doc.path("openapi").asText()).startsWith("3.");
        assertThat(doc.path("paths").has("/api/ip/{ip}")).isTrue();
    }

    @Test
    @Order(1)
    void shouldExposeBlockwatchAndKafkaStreamsMetricsForPrometheus() {
        ApiClient.Reply reply = api.get("/metrics");
        long largeRangeAlerts = stream(api.json("/api/alerts?limit=1000").path("alerts"))
                .filter(a -> a.path("type").asText().equals("LARGE_RANGE")).count();

        assertThat(reply.status()).isEqualTo(200);
        String text = reply.body();
        assertThat(metric(text, "blockwatch_blocked_ipv4_addresses")).isEqualTo(14_692_449d);
        assertThat(metric(text, "blockwatch_events_applied_total{type=\"added\"}")).isEqualTo(6_686d + 27_903d);
        assertThat(metric(text, "blockwatch_events_applied_total{type=\"removed\"}")).isEqualTo(1_793d);
        assertThat(metric(text, "blockwatch_events_applied_total{type=\"updated\"}")).isEqualTo(537d);
        assertThat(metric(text, "blockwatch_alerts_raised_total{type=\"LARGE_RANGE\"}"))
                .isEqualTo((double) largeRangeAlerts).isPositive();
        assertThat(metric(text, "blockwatch_alerts_raised_total{type=\"SURGE\"}")).isEqualTo(1d);
        assertThat(metric(text, "blockwatch_dlq_records_total")).as("one cut-off row per dump").isEqualTo(2d);
        assertThat(metric(text, "blockwatch_source_blocked_ipv4_addresses{source=\"default\"}")).isEqualTo(14_692_449d);
        assertThat(text).contains("kafka_stream_").contains("records_lag");
    }

    @Test
    @Order(2)
    void shouldPushAnAlertRaisedAfterTheClientConnected() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<HttpResponse<Stream<String>>> sse = api.http().sendAsync(
                HttpRequest.newBuilder(api.uri("/api/alerts/stream")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> response = sse.get();
        Thread reader = new Thread(() -> response.body().forEach(lines::add));
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.startsWith(":")));

        // The 2020 mirror file is cut to 41 rows: applied knowingly (DUMP_SHRANK is still raised).
        try (Ingestor ingestor = Ingestor.open(pipeline.clients(), ShrinkPolicy.accepting())) {
            ingestor.ingest(ZI_2020);
        }

        await().atMost(STREAMS_TIMEOUT).untilAsserted(() -> assertThat(lines)
                .anyMatch(l -> l.startsWith("data:") && l.contains("\"UNBLOCKED\"") && l.contains("34.192.0.0/10")));
        assertThat(lines).contains("event: alert");
        lines.stream().filter(l -> l.startsWith("data:")).forEach(l -> AlertJsonSchema.assertValid(l.substring("data:".length())));
    }

    /** The value of the sample whose name and labels start with {@code series}. */
    private static double metric(String text, String series) {
        String prefix = series.endsWith("}") ? series.substring(0, series.length() - 1) : series;
        return text.lines()
                .filter(l -> l.startsWith(prefix + " ") || l.startsWith(prefix + ",") || l.startsWith(prefix + "}")
                        || (series.endsWith("}") && l.startsWith(prefix) && l.contains("} ")))
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(series + " not in /metrics"));
    }

    private static JsonNode range(JsonNode answer, String cidr) {
        return stream(answer.path("ranges")).filter(r -> r.path("cidr").asText().equals(cidr)).findFirst()
                .orElseThrow(() -> new AssertionError(cidr + " not among " + answer.path("ranges")));
    }

    private static List<String> ranges(JsonNode page) {
        return stream(page.path("ranges")).map(r -> r.path("cidr").asText()).toList();
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
