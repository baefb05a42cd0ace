package io.github.blockwatch.cli;

import static io.github.blockwatch.kafka.CommittedRecords.endOffsets;
import static io.github.blockwatch.kafka.CommittedRecords.readAll;
import static io.github.blockwatch.kafka.CommittedRecords.readTable;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.avro.DumpRecord;
import io.github.blockwatch.broker.BrokerWithTopics;
import io.github.blockwatch.broker.EmbeddedBroker;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.official.Archives;
import io.github.blockwatch.official.OperatorServiceStandIn;
import io.github.blockwatch.reliability.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code blockwatch ingest --operator-request} against the stand-in operator service on a real broker.
 * A real dump.xml of {@code data/} delivered in a zip is ingested exactly once even when the service
 * says "not ready" five times and the client, a child JVM, is killed (SIGKILL) between
 * {@code sendRequest} and {@code getResult}; each hostile answer gives one line on stderr and exit 1 and
 * publishes nothing (every topic's end offset, transaction markers included, unchanged).
 */
class OfficialDownloadIT {
    private static final String ERROR = "blockwatch ingest: error: ";
    /** Hostile scenarios announce dumps after anything ingested here, so the client does ask. */
    private static final AtomicInteger YEAR = new AtomicInteger(2030);

    @TempDir
    static Path work;

    @AutoClose
    private static EmbeddedBroker broker;

    private static byte[] newest;
    private static Path operator;
    private static Path keys;
    private OperatorServiceStandIn standIn;

    @BeforeAll
    static void start() throws Exception {
        broker = BrokerWithTopics.start(work.resolve("broker"));
        newest = Archives.archive(Archives.dumpXml(work, 0));
        operator = Files.writeString(work.resolve("operator.properties"),
                "operatorName=ООО \"Тест\"\ninn=7701234567\nogrn=1027700000000\nemail=noc@example.org\n", StandardCharsets.UTF_8);
        keys = Files.createDirectories(work.resolve("keys"));
        run(keys, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem",
                "-days", "2", "-subj", "/CN=operator test key");
    }

    @BeforeEach
    void startService() throws IOException {
        standIn = OperatorServiceStandIn.start();
    }

    @AfterEach
    void stopService() {
        assertThat(standIn.violations()).as("requests that break the WSDL").isEmpty();
        standIn.close();
    }

    @Test
    void shouldIngestTheDumpExactlyOnceThoughNotReadyFiveTimesAndKilledBetweenSendRequestAndGetResult() throws Exception {
        standIn.dates(Archives.NEWEST, Archives.NEWEST_URGENT).archive(newest, 5);
        Path state = work.resolve("state-killed");
        Path logs = work.resolve("logs");
        String signer = "openssl smime -sign -binary -outform DER -noattr -signer " + keys.resolve("cert.pem")
                + " -inkey " + keys.resolve("key.pem") + " -in {request} -out {signature}";

        // first run: the first getResult would come 30 s after sendRequest; it is killed long before
        try (ChildJvm first = ChildJvm.start(logs, "official-1", "384m", client(state, "--sign-command", signer,
                "--result-interval", "30s", "--once"))) {
            String sent = first.awaitOutLine(Duration.ofMinutes(2), line -> line.matches("operator service: .* request [0-9a-f]+ sent"));
            first.kill();
            assertThat(sent).matches("operator service: dump of 2014-11-10T19:05:00Z announced; request [0-9a-f]+ sent");
        }
        assertThat(standIn.calls("sendRequest")).isEqualTo(1);
        assertThat(standIn.calls("getResult")).as("killed between sendRequest and getResult").isZero();
        assertThat(readAll(broker.bootstrapServers(), Topics.REGISTRY_DUMPS)).isEmpty();
        assertThat(new String(standIn.requestFiles().get(0), StandardCharsets.ISO_8859_1)).contains("<inn>7701234567</inn>");

        // second run: resumes the same code, five "not ready", then the dump
        try (ChildJvm second = ChildJvm.start(logs, "official-2", "384m", client(state, "--sign-command", signer,
                "--result-interval", "100ms", "--once"))) {
            int exit = second.awaitExit(Duration.ofMinutes(3));
            assertThat(exit).as(second.err()).isZero();
            List<String> out = second.outLines();
            assertThat(out.get(0)).matches("operator service: resuming request [0-9a-f]+ sent at .*");
            assertThat(out).filteredOn(l -> l.contains("not ready")).hasSize(5);
            assertThat(out.get(out.size() - 1)).startsWith("[official] dump.xml@");
            assertThat(out.get(out.size() - 1)).contains("(registry time 2014-11-10T19:05:00Z): rows read");
        }
        assertThat(standIn.calls("sendRequest")).as("resumed, not asked again").isEqualTo(1);
        assertThat(standIn.calls("getResult")).isEqualTo(6);

        // third run: the same announcement, nothing to fetch, nothing published
        Map<TopicPartition, Long> before = endOffsets(broker.bootstrapServers(), Topics.ALL);
        CliRun third = CliRun.of(client(state, "--sign-command", signer, "--once"));
        assertThat(third.exitCode()).as(third.err()).isZero();
        assertThat(third.outLines()).containsExactly("operator service: newest dump 2014-11-10T19:05:00Z (urgent 2014-11-10T15:09:31Z) "
                + "is ingested already; nothing to fetch");
        assertThat(endOffsets(broker.bootstrapServers(), Topics.ALL)).isEqualTo(before);
        assertThat(standIn.calls("sendRequest")).isEqualTo(1);

        List<ConsumerRecord<String, DumpRecord>> dumps = readAll(broker.bootstrapServers(), Topics.REGISTRY_DUMPS);
        assertThat(dumps).singleElement().satisfies(record -> {
            assertThat(record.value().getDump().getRegistryTime()).isEqualTo(Archives.NEWEST);
            assertThat(record.value().getDump().getSourceName()).isEqualTo("official");
            assertThat(record.value().getEntries()).isGreaterThan(5_000);
            assertThat(record.value().getAdded()).isEqualTo((int) record.value().getEntries());
        });
        assertThat(readTable(broker.bootstrapServers(), Topics.REGISTRY_ENTRIES)).hasSize((int) dumps.get(0).value().getEntries());
        assertThat(state.resolve("archives/dump-20141110T190500Z.zip")).hasBinaryContent(newest);
        assertThat(state.resolve("archives/dump-20141110T190500Z.xml.sig")).hasBinaryContent(Archives.SIGNATURE);
        assertThat(state.resolve("pending.properties")).doesNotExist();
    }

    @Test
    void shouldPublishNothingForANegativeResultCode() throws IOException {
        standIn.script("getResult", OperatorServiceStandIn.resultNotReady(), OperatorServiceStandIn.resultError(-3, "Ошибка проверки ЭП"));

        assertRefused("getResult: request [0-9a-f]+ failed with resultCode -3: Ошибка проверки ЭП");
    }

    @Test
    void shouldPublishNothingForARefusedRequest() throws IOException {
        standIn.script("sendRequest", OperatorServiceStandIn.requestRefused("Неверный формат запроса"));

        assertRefused("sendRequest: the service refused the request: Неверный формат запроса");
    }

    @Test
    void shouldPublishNothingWhenTheDumpIsNeverReady() throws IOException {
        standIn.archive(null, 0);

        assertRefused("getResult: no dump for request [0-9a-f]+ within 2 s of sending it \\(not ready \\d+ times; --result-timeout\\); "
                + "the next round sends a fresh request", "--result-timeout", "2s");
    }

    @Test
    void shouldPublishNothingForAMalformedZip() throws IOException {
        standIn.archive("PK\u0003\u0004 this is not a zip".getBytes(StandardCharsets.ISO_8859_1), 0);

        assertRefused("dump.xml@[0-9a-f]+: the archive is not a zip \\(.*\\)");
    }

    @Test
    void shouldPublishNothingForAZipBomb() throws IOException {
        standIn.archive(Archives.bomb(16 * 1024 * 1024), 1);

        assertRefused("dump.xml@[0-9a-f]+: dump.xml inflates past 100 times the archive's .*; refused as a zip bomb");
    }

    @Test
    void shouldPublishNothingForAWrongSignatureFileName() throws Exception {
        standIn.archive(Archives.zip(Map.of("dump.xml", Archives.dumpXml(work, 0), "dump.sig", Archives.SIGNATURE)), 0);

        assertRefused("dump.xml@[0-9a-f]+: the archive holds an unexpected entry 'dump.sig' \\(expected only dump.xml and "
                + "dump.xml.sig\\); refused");
    }

    @Test
    void shouldPublishNothingForASoapFault() throws IOException {
        standIn.script("getLastDumpDateEx", OperatorServiceStandIn.fault("Сервис временно недоступен"));

        assertRefused("getLastDumpDateEx: SOAP fault SOAP-ENV:Server: Сервис временно недоступен");
    }

    @Test
    void shouldPublishNothingForANonXmlBody() throws IOException {
        standIn.script("getResult", OperatorServiceStandIn.raw(200, "text/plain", "502 Bad Gateway".getBytes(StandardCharsets.US_ASCII)));

        assertRefused("getResult: the answer is not XML \\(.*\\); it starts with \"502 Bad Gateway\"");
    }

    @Test
    void shouldPublishNothingWhenTheServiceHangs() throws IOException {
        standIn.script("getResult", OperatorServiceStandIn.hang());
        long started = System.nanoTime();

        assertRefused("getResult: no complete answer from " + standIn.url() + " within 2 s \\(--call-timeout\\)", "--call-timeout", "2s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void shouldPublishNothingForAHugeAnswer() throws IOException {
        standIn.script("getResult", OperatorServiceStandIn.huge(64L * 1024 * 1024));

        assertRefused("getResult: the answer is larger than [\\d,.]+ (bytes|KiB|MiB); refused", "--max-archive-mb", "1");
    }

    @Test
    void shouldRefuseOfficialOptionsWithoutTheirSourceAndAMissingSigner() {
        CliRun orphan = CliRun.of("ingest", "--bootstrap", broker.bootstrapServers(), "--sign-command", "x", "data/");
        CliRun unsigned = CliRun.of("ingest", "--bootstrap", broker.bootstrapServers(), "--operator-request", operator.toString());

        assertThat(orphan.exitCode()).isEqualTo(1);
        assertThat(orphan.err()).startsWith(ERROR + "--signature, --sign-command, --once, --state-dir");
        assertThat(unsigned.exitCode()).isEqualTo(1);
        assertThat(unsigned.errLines()).containsExactly(ERROR + "--operator-request needs --signature FILE (a request signed once) or "
                + "--sign-command CMD (each fresh request signed by the operator's tool), not neither");
    }

    /** One round with a throwaway signer against a dump announced later than anything ingested: exit 1, one line, nothing published. */
    private void assertRefused(String messagePattern, String... extra) throws IOException {
        Instant announced = Instant.parse(YEAR.getAndIncrement() + "-01-01T00:00:00Z");
        standIn.dates(announced, announced);
        Map<TopicPartition, Long> before = endOffsets(broker.bootstrapServers(), Topics.ALL);
        List<String> args = new ArrayList<>(List.of(client(Files.createTempDirectory(work, "state-"), "--sign-command",
                "printf '\\060\\001\\000' > {signature}", "--result-interval", "50ms", "--once")));
        args.addAll(List.of(extra));
        if (!args.contains("--call-timeout")) {
            args.addAll(List.of("--call-timeout", "20s"));
        }

        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString().startsWith(ERROR).matches(ERROR + messagePattern);
        assertThat(endOffsets(broker.bootstrapServers(), Topics.ALL)).isEqualTo(before);
    }

    private String[] client(Path state, String... more) {
        List<String> args = new ArrayList<>(List.of("ingest", "--bootstrap", broker.bootstrapServers(),
                "--source", "official", "--operator-request", operator.toString(), "--operator-url", standIn.url().toString(),
                "--state-dir", state.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static void run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
