package io.github.blockwatch.cli;

import io.github.blockwatch.alerts.AlertJsonSchema;
import io.github.blockwatch.app.RunningPipeline;
import static io.github.blockwatch.kafka.CommittedRecords.readAll;
import static io.github.blockwatch.kafka.CommittedRecords.readTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.blockwatch.app.StreamsApp;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.broker.EmbeddedBroker;
import io.github.blockwatch.kafka.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code blockwatch alerts} on the alerts the topology raised for the real 2017 and 2018 dumps, ingested
 * with {@code blockwatch ingest} and applied by the Streams application running in this JVM.
 */
class AlertsCommandIT {
    @TempDir
    static Path work;

    private static RunningPipeline pipeline;
    private static EmbeddedBroker broker;
    private static StreamsApp app;
    private static List<RangeAlert> alerts;
    private static List<String> alertsJson;

    @BeforeAll
    static void raiseAlertsFromTwoRealDumps() throws Exception {
        pipeline = RunningPipeline.start(work, "alerts-it");
        broker = pipeline.broker();
        app = pipeline.app();

        // Named newest first: ingest takes them in registry order.
        CliRun ingest = CliRun.of("ingest", "--bootstrap", broker.bootstrapServers(), "--no-progress",
                "data/zi-2018-05-05.csv.gz", "data/zi-2017-07-01.csv.gz");
        assertThat(ingest.exitCode()).as(ingest.err()).isEqualTo(3);
        assertThat(ingest.outLines()).hasSize(3);
        assertThat(ingest.outLines().get(0)).startsWith("zi-2017-07-01.csv.gz (registry time 2017-07-01T08:00:00Z)");
        assertThat(ingest.outLines().get(1)).startsWith("zi-2018-05-05.csv.gz (registry time 2018-05-05T13:25:00Z)");
        assertThat(ingest.outLines().get(2))
                .isEqualTo("total: 2 dumps (2 published), rows read 39,484 = accepted 39,482 + rejected 2; 36,919 events");

        // The alerts of a dump are committed with or before its stats.
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(app.failure()).isNull();
            return readTable(broker.bootstrapServers(), Topics.STATS).keySet().stream()
                    .anyMatch(id -> id.startsWith("2018-05-05T13:25:00Z/"));
        });
        alerts = readAll(broker.bootstrapServers(), Topics.ALERTS).stream().map(ConsumerRecord::value).toList();
        alertsJson = readAll(broker.bootstrapServers(), Topics.ALERTS_JSON).stream().map(ConsumerRecord::value).toList();
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void shouldPrintEveryAlertAsOneJsonLineFromTheBeginning() {
        CliRun run = CliRun.of("alerts", "--bootstrap", broker.bootstrapServers(), "--from-beginning", "--format", "json");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        // The same lines the topology wrote to blockwatch.alerts.json, in the same order.
        assertThat(run.outLines()).isNotEmpty().containsExactlyElementsOf(alertsJson);
        assertThat(run.outLines()).allSatisfy(line -> assertThat(line).startsWith("{\"id\":\"").endsWith("}"));
        run.outLines().forEach(AlertJsonSchema::assertValid);
        assertThat(run.outLines()).anySatisfy(line -> assertThat(line)
                .contains("\"type\":\"LARGE_RANGE\"", "\"ranges\":[\"34.192.0.0/10\"]", "27-31-2015/Ид4082-15"));
    }

    @Test
    void shouldPrintEveryAlertAsTextWithItsSeverityAndType() {
        CliRun run = CliRun.of("alerts", "--bootstrap", broker.bootstrapServers(), "--from-beginning");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines()).hasSameSizeAs(alerts);
        for (int i = 0; i < alerts.size(); i++) {
            RangeAlert alert = alerts.get(i);
            assertThat(run.outLines().get(i))
                    .startsWith(alert.getRegistryTime().toString())
                    .contains(alert.getSeverity().name(), alert.getType().name(), alert.getSummary());
        }
        assertThat(run.outLines()).anySatisfy(line -> assertThat(line)
                .contains("LARGE_RANGE", "34.192.0.0/10 newly blocked"));
    }

    @Test
    void shouldPrintNothingFromTheEndWithoutFollow() {
        CliRun run = CliRun.of("alerts", "--bootstrap", broker.bootstrapServers(), "--format", "json");

        assertThat(alerts).isNotEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void shouldListTheCutOffRowOfEachDumpAsADeadLetter() {
        CliRun run = CliRun.of("dlq", "--bootstrap", broker.bootstrapServers(), "--from-beginning");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        // zcat data/zi-2017-07-01.csv.gz | tail -n1 | iconv -f cp1251: 94 characters, no line break at the end
        String truncated = "  truncated row: dump ends without a line break (cut-off file)  | ";
        assertThat(run.outLines()).containsExactly(
                "zi-2017-07-01.csv.gz:6688" + truncated
                        + "104.24.110.17 | 104.24.111.17;ash-music.ru;http://ash-music.ru/ash_songs/olesja-… (94 chars)",
                "zi-2018-05-05.csv.gz:32798" + truncated
                        + "79.111.156.97 | 93.95.98.75;forum.69r.ru;http://forum.69r.ru/index.php?s=4acb890… (86 chars)");
    }

    @Test
    void shouldListTheDeadLettersOfOneSourceAsJson() {
        CliRun run = CliRun.of("dlq", "--bootstrap", broker.bootstrapServers(), "--from-beginning",
                "--source", "zi-2018-05-05.csv.gz", "--format", "json");

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).singleElement().asString()
                .startsWith("{\"source\":\"zi-2018-05-05.csv.gz\",\"line\":32798,"
                        + "\"reason\":\"truncated row: dump ends without a line break (cut-off file)\","
                        + "\"raw\":\"79.111.156.97 | 93.95.98.75;forum.69r.ru;http://forum.69r.ru/index.php?s=4acb890692a84\","
                        + "\"rawLength\":86,\"dumpId\":\"2018-05-05T13:25:00Z/")
                .contains("\"rejectedAt\":\"20");
    }

    @Test
    void shouldPrintNoDeadLetterFromTheEndWithoutFollow() {
        CliRun run = CliRun.of("dlq", "--bootstrap", broker.bootstrapServers());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
    }
}
