package io.github.blockwatch.official;

import io.github.blockwatch.ingest.IngestException;
import io.github.blockwatch.ingest.IngestOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One client of the operator service, one round at a time: is there a dump newer than the newest
 * ingested ({@code getLastDumpDateEx}, its regular and its urgent date)? If so, send a signed request,
 * wait for it with {@code getResult} (backing off, within a bounded total wait), check the archive and
 * ingest its {@code dump.xml} as a dump. A request already sent and not fetched (the state directory says
 * so after a kill) is resumed with its code rather than asked again. Any failure is one line and
 * publishes nothing; the next round tries again.
 */
public final class OfficialDownload {
    /** getResult waits grow from the first interval up to this many times it. */
    private static final int MAX_BACKOFF = 4;

    /**
     * @param resultInterval    wait before the first getResult and between the next ones (doubling, up to 4 times)
     * @param resultTimeout     the longest wait for one request's dump, counted from sendRequest (restarts included)
     * @param dumpFormatVersion the dump format asked for; null: the one the service announces
     * @param keepArchives      how many received archives to keep in the state directory
     */
    public record Settings(Duration resultInterval, Duration resultTimeout, String dumpFormatVersion,
                           DumpArchive.Limits limits, int keepArchives) {}

    private final OperatorService service;
    private final RequestSigner signer;
    private final OfficialState state;
    private final IngestTarget target;
    private final Settings settings;
    private final Consumer<String> out;
    private final Clock clock;

    public OfficialDownload(OperatorService service, RequestSigner signer, OfficialState state, IngestTarget target,
                            Settings settings, Consumer<String> out, Clock clock) {
        this.service = service;
        this.signer = signer;
        this.state = state;
        this.target = target;
        this.settings = settings;
        this.out = out;
        this.clock = clock;
    }

    /**
     * Rounds every {@code every} until interrupted (an interrupt is how the command line stops it), or one
     * round when {@code once}. When polling, a failed round is reported to {@code errors} and the next one
     * tries again; a single round's failure is thrown.
     */
    public void run(Duration every, boolean once, Consumer<IngestOutcome> report, Consumer<String> errors)
            throws IOException, IngestException, InterruptedException {
        while (true) {
            try {
                round().ifPresent(report);
            } catch (IOException | IngestException e) {
                if (once) {
                    throw e;
                }
                errors.accept(e.getMessage());
            }
            if (once) {
                return;
            }
            Thread.sleep(every.toMillis());
        }
    }

    /**
     * One round: fetch and ingest the newest dump if there is one not ingested yet.
     *
     * @return what ingesting it did, or empty when there was nothing new
     */
    public Optional<IngestOutcome> round() throws IOException, IngestException, InterruptedException {
        Optional<OfficialState.Pending> resumed = state.pending();
        OfficialState.Pending pending;
        if (resumed.isPresent()) {
            pending = resumed.get();
            say("resuming request %s sent at %s", pending.code(), pending.sentAt());
        } else {
            LastDumpDates dates = service.lastDumpDates();
            Instant latest = target.latestRegistryTime();
            if (!isNewer(dates, latest) || state.fetched(dates)) {
                say("newest dump %s (urgent %s) is ingested already; nothing to fetch", dates.lastDumpDate(),
                        dates.lastDumpDateUrgently());
                return Optional.empty();
            }
            pending = send(dates);
        }
        Path archive = awaitArchive(pending);
        try {
            return Optional.of(ingest(pending, archive));
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    /** A newer dump: anything announced after the newest registry time ingested (seconds: dump.xml has no more). */
    static boolean isNewer(LastDumpDates dates, Instant latestIngested) {
        return latestIngested == null || dates.newest().truncatedTo(ChronoUnit.SECONDS).isAfter(latestIngested);
    }

    private OfficialState.Pending send(LastDumpDates dates) throws IOException, InterruptedException {
        Instant now = clock.instant();
        SignedRequest signed = signer.sign(ZonedDateTime.now(clock));
        String format = settings.dumpFormatVersion() != null ? settings.dumpFormatVersion() : dates.dumpFormatVersion();
        RequestAnswer answer = service.sendRequest(signed, format);
        if (!answer.accepted()) {
            throw new OperatorServiceException("sendRequest: the service refused the request: "
                    + (answer.comment().isEmpty() ? "(no resultComment)" : SoapAnswer.clip(answer.comment())));
        }
        if (answer.code().isEmpty()) {
            throw new OperatorServiceException("sendRequest: the service accepted the request but sent no code");
        }
        OfficialState.Pending pending = new OfficialState.Pending(answer.code(), now, dates.lastDumpDate(),
                dates.lastDumpDateUrgently());
        state.savePending(pending);
        say("dump of %s announced; request %s sent", dates.newest(), answer.code());
        return pending;
    }

    private Path awaitArchive(OfficialState.Pending pending) throws IOException, InterruptedException {
        Path archive = state.work().resolve("archive.zip");
        Instant deadline = pending.sentAt().plus(settings.resultTimeout());
        Duration wait = settings.resultInterval();
        Duration longest = settings.resultInterval().multipliedBy(MAX_BACKOFF);
        int notReady = 0;
        while (true) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                state.clearPending();
                throw new OperatorServiceException("getResult: no dump for request " + pending.code() + " within "
                        + Durations.describe(settings.resultTimeout()) + " of sending it (not ready " + notReady
                        + " times; --result-timeout); the next round sends a fresh request");
            }
            Thread.sleep(Math.min(wait.toMillis(), left.toMillis()));
            wait = wait.multipliedBy(2).compareTo(longest) > 0 ? longest : wait.multipliedBy(2);
            ResultAnswer answer = service.getResult(pending.code(), archive);
            if (answer.ready()) {
                say("request %s ready: %s archive (dump format %s, operator %s, INN %s)", pending.code(),
                        Sizes.describe(Files.size(archive)), orDash(answer.dumpFormatVersion()),
                        orDash(answer.operatorName()), orDash(answer.inn()));
                return archive;
            }
            if (answer.notReady()) {
                notReady++;
                say("request %s not ready (%d)", pending.code(), notReady);
                continue;
            }
            // A final answer without a dump: the code is spent, the next round asks afresh.
            state.clearPending();
            Files.deleteIfExists(archive);
            if (answer.resultCode() == ResultAnswer.READY) {
                throw new OperatorServiceException("getResult: request " + pending.code() + " reported ready (resultCode 1) "
                        + (answer.result() ? "without registerZipArchive" : "with result false") + "; nothing fetched");
            }
            throw new OperatorServiceException("getResult: request " + pending.code() + " failed with resultCode "
                    + answer.resultCode() + ": " + (answer.comment().isEmpty() ? "(no resultComment)" : SoapAnswer.clip(answer.comment())));
        }
    }

    private IngestOutcome ingest(OfficialState.Pending pending, Path archive) throws IOException, IngestException {
        String name = "dump.xml@" + SoapAnswer.clip(pending.code());
        IngestOutcome outcome;
        byte[] signature;
        try (DumpArchive dump = DumpArchive.open(archive, settings.limits(), name)) {
            signature = dump.signature();
            outcome = target.ingest(dump.dump());
        } catch (IOException | IngestException | RuntimeException e) {
            // The archive was received and is unusable: this code will not bring a better one.
            state.clearPending();
            throw e;
        }
        // Kafka has it now; only then is the request done (a kill before this resumes it, and ingest then
        // finds the dump ingested and publishes nothing).
        state.keep(archive, signature, outcome.registryTime(), settings.keepArchives());
        state.markFetched(pending.lastDumpDate(), pending.lastDumpDateUrgently());
        state.clearPending();
        return outcome;
    }

    private void say(String format, Object... args) {
        out.accept("operator service: " + String.format(java.util.Locale.ROOT, format, args));
    }

    private static String orDash(String text) {
        return text == null || text.isEmpty() ? "-" : SoapAnswer.clip(text);
    }

}
