package io.github.blockwatch.official;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.blockwatch.ingest.DumpContent;
import io.github.blockwatch.ingest.IngestOutcome;
import io.github.blockwatch.registry.DumpReader;
import io.github.blockwatch.registry.ParsedRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client's rounds against the stand-in service, with a recording ingest in place of Kafka (the ITs
 * run the same over a real broker): when it asks, what it does with each kind of answer, what survives
 * a restart.
 */
class OfficialDownloadTest {
    private static final DumpArchive.Limits LIMITS = DumpArchive.Limits.DEFAULTS;

    @TempDir
    static Path shared;

    @TempDir
    Path work;

    private static byte[] newest;
    private OperatorServiceStandIn standIn;
    private final RecordingTarget target = new RecordingTarget();
    private final List<String> lines = new ArrayList<>();

    @BeforeAll
    static void readBundle() throws Exception {
        newest = Archives.archive(Archives.dumpXml(shared, 0));
    }

    @BeforeEach
    void start() throws Exception {
        standIn = OperatorServiceStandIn.start().dates(Archives.NEWEST, Archives.NEWEST_URGENT);
    }

    @AfterEach
    void stop() {
        assertThat(standIn.violations()).as("requests that break the WSDL").isEmpty();
        standIn.close();
    }

    @Test
    void shouldFetchTheDumpAfterFiveNotReadyAnswersAndIngestItOnce() throws Exception {
        standIn.archive(newest, 5);

        try (OfficialState state = OfficialState.open(work)) {
            Optional<IngestOutcome> outcome = download(state, Duration.ofMinutes(1)).round();

            assertThat(outcome).isPresent();
            assertThat(target.ingested).containsExactly(Archives.NEWEST);
            assertThat(standIn.calls("sendRequest")).isEqualTo(1);
            assertThat(standIn.calls("getResult")).isEqualTo(6);
            assertThat(lines).filteredOn(l -> l.contains("not ready")).hasSize(5);
            assertThat(state.pending()).isEmpty();
            assertThat(work.resolve("archives/dump-20141110T190500Z.zip")).hasBinaryContent(newest);
            assertThat(work.resolve("archives/dump-20141110T190500Z.xml.sig")).hasBinaryContent(Archives.SIGNATURE);

            // the same announcement again: nothing to fetch, nothing asked
            assertThat(download(state, Duration.ofMinutes(1)).round()).isEmpty();
            assertThat(standIn.calls("sendRequest")).isEqualTo(1);
            assertThat(lines.get(lines.size() - 1)).isEqualTo("operator service: newest dump 2014-11-10T19:05:00Z "
                    + "(urgent 2014-11-10T15:09:31Z) is ingested already; nothing to fetch");
        }
    }

    @Test
    void shouldAskOnlyWhenTheServiceHasANewerDumpThanKafka() throws Exception {
        target.latest = Archives.NEWEST;
        try (OfficialState state = OfficialState.open(work)) {
            assertThat(download(state, Duration.ofMinutes(1)).round()).isEmpty();
            assertThat(standIn.calls("sendRequest")).isZero();

            // an urgent update later than the newest dump ingested is fetched at once
            standIn.dates(Archives.NEWEST.minusSeconds(3600), Archives.NEWEST.plusSeconds(60)).archive(newest, 0);
            assertThat(download(state, Duration.ofMinutes(1)).round()).isPresent();
            assertThat(standIn.calls("sendRequest")).isEqualTo(1);
        }
    }

    @Test
    void shouldResumeTheRequestInFlightAfterARestartInsteadOfAskingAgain() throws Exception {
        standIn.archive(newest, 2);
        try (OfficialState state = OfficialState.open(work)) {
            state.savePending(new OfficialState.Pending("0000000000000000000000000000b10c", Instant.now(), Archives.NEWEST,
                    Archives.NEWEST_URGENT));
        }
        try (OfficialState state = OfficialState.open(work)) {
            assertThat(download(state, Duration.ofMinutes(1)).round()).isPresent();
        }

        assertThat(standIn.calls("sendRequest")).isZero();
        assertThat(standIn.calls("getLastDumpDateEx")).isZero();
        assertThat(lines.get(0)).startsWith("operator service: resuming request 0000000000000000000000000000b10c sent at ");
        assertThat(target.ingested).containsExactly(Archives.NEWEST);
    }

    @ParameterizedTest(name = "resultCode {0}")
    @ValueSource(ints = {-1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12, -13, -14, -15, -16, -17, -18, -19, -20, -99})
    void shouldTakeEveryNegativeResultCodeAsFinalAndIngestNothing(int code) throws Exception {
        standIn.script("getResult", OperatorServiceStandIn.resultNotReady(),
                OperatorServiceStandIn.resultError(code, "Описание ошибки " + code));

        try (OfficialState state = OfficialState.open(work)) {
            assertThatThrownBy(() -> download(state, Duration.ofMinutes(1)).round())
                    .isInstanceOf(OperatorServiceException.class)
                    .hasMessageMatching("getResult: request [0-9a-f]+ failed with resultCode " + code + ": Описание ошибки " + code);
            assertThat(state.pending()).as("a spent code is not resumed").isEmpty();
        }
        assertThat(target.ingested).isEmpty();
    }

    @Test
    void shouldRefuseReadyWithoutAnArchiveAndUnknownCodes() throws Exception {
        standIn.script("getResult", OperatorServiceStandIn.ok("getResult", "<result>true</result><resultCode>1</resultCode>"),
                OperatorServiceStandIn.ok("getResult", "<result>false</result><resultComment>?</resultComment><resultCode>2</resultCode>"));

        try (OfficialState state = OfficialState.open(work)) {
            assertThatThrownBy(() -> download(state, Duration.ofMinutes(1)).round())
                    .hasMessageEndingWith("reported ready (resultCode 1) without registerZipArchive; nothing fetched");
            assertThatThrownBy(() -> download(state, Duration.ofMinutes(1)).round())
                    .hasMessageMatching("getResult: request [0-9a-f]+ failed with resultCode 2: \\?");
        }
        assertThat(target.ingested).isEmpty();
    }

    @Test
    void shouldGiveUpWhenTheDumpIsNeverReadyWithinTheTimeout() throws Exception {
        try (OfficialState state = OfficialState.open(work)) {
            assertThatThrownBy(() -> download(state, Duration.ofMillis(600)).round())
                    .hasMessageMatching("getResult: no dump for request [0-9a-f]+ within 600 ms of sending it \\(not ready \\d+ times; "
                            + "--result-timeout\\); the next round sends a fresh request");
            assertThat(state.pending()).isEmpty();
        }
        assertThat(standIn.calls("getResult")).isPositive();
        assertThat(target.ingested).isEmpty();
    }

    @Test
    void shouldReportARefusedRequestWithTheServicesComment() throws Exception {
        standIn.script("sendRequest", OperatorServiceStandIn.requestRefused("Неверный формат запроса"));

        try (OfficialState state = OfficialState.open(work)) {
            assertThatThrownBy(() -> download(state, Duration.ofMinutes(1)).round())
                    .hasMessage("sendRequest: the service refused the request: Неверный формат запроса");
            assertThat(state.pending()).isEmpty();
        }
    }

    @Test
    void shouldRefuseABadArchiveAndForgetItsCode() throws Exception {
        standIn.archive(Archives.bomb(16 * 1024 * 1024), 0);

        try (OfficialState state = OfficialState.open(work)) {
            assertThatThrownBy(() -> download(state, Duration.ofMinutes(1)).round())
                    .hasMessageContaining("refused as a zip bomb");
            assertThat(state.pending()).isEmpty();
            try (var kept = Files.list(work.resolve("archives"))) {
                assertThat(kept).isEmpty();
            }
        }
        assertThat(target.ingested).isEmpty();
    }

    @Test
    void shouldGoOnPollingAfterAFailedRoundUntilInterrupted() throws Exception {
        standIn.script("getLastDumpDateEx", OperatorServiceStandIn.fault("Сервис временно недоступен"));
        standIn.archive(newest, 1);
        List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<IngestOutcome> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();

        try (OfficialState state = OfficialState.open(work)) {
            OfficialDownload download = download(state, Duration.ofMinutes(1));
            Thread poller = new Thread(() -> {
                try {
                    download.run(Duration.ofMillis(100), false, outcomes::add, errors::add);
                } catch (InterruptedException e) {
                    // how polling ends
                } catch (Exception e) {
                    errors.add("escaped: " + e);
                }
            });
            poller.start();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> standIn.calls("getLastDumpDateEx") >= 3);
            poller.interrupt();
            poller.join(10_000);

            assertThat(poller.isAlive()).isFalse();
        }
        assertThat(errors).containsExactly("getLastDumpDateEx: SOAP fault SOAP-ENV:Server: Сервис временно недоступен");
        assertThat(outcomes).hasSize(1);
        assertThat(target.ingested).containsExactly(Archives.NEWEST);
        assertThat(standIn.calls("sendRequest")).isEqualTo(1);
    }

    @Test
    void shouldRefuseASecondClientOnTheSameStateDirectory() throws Exception {
        try (OfficialState first = OfficialState.open(work)) {
            assertThatThrownBy(() -> OfficialState.open(work))
                    .hasMessage(work + ": another blockwatch ingest uses this state directory (--state-dir)");
        }
    }

    private OfficialDownload download(OfficialState state, Duration resultTimeout) throws IOException {
        OperatorService service = new OperatorService(standIn.url(), Duration.ofSeconds(20), LIMITS.maxArchiveBytes(), state.work());
        Path properties = Files.writeString(work.resolve("operator.properties"),
                "operatorName=ООО Тест\ninn=7701234567\nogrn=1027700000000\nemail=noc@example.org\n", StandardCharsets.UTF_8);
        RequestSigner signer = new SignCommand(OperatorRequest.load(properties), "printf '\\060\\001\\000' > {signature}",
                Duration.ofSeconds(30), state.work(), null);
        return new OfficialDownload(service, signer, state, target,
                new OfficialDownload.Settings(Duration.ofMillis(20), resultTimeout, null, LIMITS, 2), lines::add, Clock.systemUTC());
    }

    /** Reads every row of what it is given, as ingest does, and remembers the registry times. */
    private static final class RecordingTarget implements IngestTarget {
        final List<Instant> ingested = new ArrayList<>();
        final Set<Instant> seen = new HashSet<>();
        Instant latest;

        @Override
        public Instant latestRegistryTime() {
            return latest;
        }

        @Override
        public IngestOutcome ingest(DumpContent dump) throws io.github.blockwatch.ingest.IngestException {
            try (DumpReader reader = dump.open()) {
                long rows = 0;
                for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                    rows++;
                }
                Instant time = reader.header().registryTime();
                boolean first = seen.add(time);
                if (first) {
                    ingested.add(time);
                    latest = latest == null || time.isAfter(latest) ? time : latest;
                }
                return new IngestOutcome(dump.name(), "id", time, first, rows, rows, 0, rows, 0, 0, 0, false, List.of());
            } catch (IOException e) {
                throw new io.github.blockwatch.ingest.IngestException(e.getMessage(), e);
            }
        }
    }
}
