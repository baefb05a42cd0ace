package io.github.blockwatch.cli;

import java.util.Locale;
import io.github.blockwatch.ingest.ConsoleProgress;
import io.github.blockwatch.ingest.DirectoryWatcher;
import io.github.blockwatch.ingest.DumpFiles;
import io.github.blockwatch.ingest.FetchLimits;
import io.github.blockwatch.ingest.IngestException;
import io.github.blockwatch.ingest.IngestLimits;
import io.github.blockwatch.ingest.IngestOutcome;
import io.github.blockwatch.ingest.IngestTotals;
import io.github.blockwatch.ingest.Ingestor;
import io.github.blockwatch.ingest.Progress;
import io.github.blockwatch.ingest.ShrinkPolicy;
import io.github.blockwatch.ingest.UrlFetcher;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.TopicAdmin;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.official.IngestTarget;
import io.github.blockwatch.official.OfficialDownload;
import io.github.blockwatch.official.OfficialState;
import io.github.blockwatch.official.RequestSigner;
import io.github.blockwatch.registry.SourceNames;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code blockwatch ingest}: publishes registry dumps as events, one Kafka transaction per dump. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        header = "Publish registry dumps as ADDED/REMOVED/UPDATED events",
        description = {"Reads registry dumps (dump.csv, dump.xml, CIDR lists; plain or gzip; or dump.xml from the operators' official download service with --operator-request), diffs each against the registry state kept in Kafka and publishes ADDED/REMOVED/UPDATED events, one transaction per dump. Dumps are taken in the order of their registry time. Unusable rows go to blockwatch.dlq ('blockwatch dlq' lists them)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every row of every dump was accepted (a dump ingested before counts as it did then)",
            "1:an error: a dump refused or unreadable, no dumps in a directory, a fetch or publish failed; nothing of that dump published",
            "2:invalid command line",
            "3:everything published, but some rows were rejected to blockwatch.dlq (rows read = accepted + rejected), now or when the dump was first ingested",
            "4:a dump was held: far smaller than the last accepted one (DUMP_SHRANK alert raised, no events published); --accept-shrink applies it"})
final class IngestCommand implements Callable<Integer> {
    /**
     * Exit code when every dump was published (or had been before) but some of their rows were rejected:
     * a script can tell "all clean" (0) from "published with dead letters" (3) from "failed" (1).
     */
    static final int ROWS_REJECTED = 3;

    /**
     * Exit code when a dump was held back as shrunken (DUMP_SHRANK): a cut-off download must not pass for a
     * registry that lifted thousands of blocks. Wins over {@link #ROWS_REJECTED}.
     */
    static final int DUMP_HELD = 4;

    private boolean rowsRejected;
    private boolean held;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Sources sources;

    static final class Sources {
        @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Dump files, or directories of them (a directory's files that do not start like a dump, e.g. a README, are skipped and named)")
        List<Path> paths;

        @Option(names = "--watch", paramLabel = "DIR", description = "Ingest the dumps in DIR, then each new one as it arrives")
        Path watch;

        @Option(names = "--url", paramLabel = "URL", converter = MirrorUrlConverter.class,
                description = "Fetch the dump from a mirror (HTTP/HTTPS, conditional GET): dump.csv, dump.xml, a plain list "
                        + "(antifilter's ipsum.lst: registry time = Last-Modified, else the fetch time) or a JSON array of "
                        + "addresses (reestr.rublacklist.net/api/v3/ips/)")
        URI url;

        @Option(names = "--operator-request", paramLabel = "FILE",
                description = "Fetch dumps from the operators' official download service (SOAP OperatorRequest) with this request: "
                        + "a request.xml, or a properties file (UTF-8) with operatorName, inn, ogrn, email; see the options below")
        Path operatorRequest;
    }

    @Option(names = "--every", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --url: poll again this often (e.g. 10m); without it, fetch once. "
                    + "With --operator-request: ask the service this often (default: 2m; --once for one round)")
    Duration every;

    @Option(names = "--force", description = "Ingest a dump even if it is older than the newest one ingested")
    boolean force;

    @Option(names = "--accept-shrink",
            description = "Apply a dump even if it is far smaller than the last accepted one (the DUMP_SHRANK alert is still raised); "
                    + "also applies a dump held earlier")
    boolean acceptShrink;

    @Option(names = "--shrink-ratio", paramLabel = "RATIO", defaultValue = "0.5",
            description = "DUMP_SHRANK: a dump with fewer than RATIO x the entries of the last accepted dump (default: ${DEFAULT-VALUE}) ...")
    double shrinkRatio;

    @Option(names = "--shrink-min-drop", paramLabel = "ENTRIES", defaultValue = "1000",
            description = "... and at least ENTRIES fewer, so tiny registries do not raise it (default: ${DEFAULT-VALUE})")
    long shrinkMinDrop;

    @Option(names = "--source", paramLabel = "NAME", defaultValue = SourceNames.DEFAULT,
            description = "The named source these dumps belong to (official, antifilter-ipsum, zi ...): each source is its own "
                    + "sequence of dumps with its own registry state, order, shrink and format checks, side by side with the "
                    + "others in one table (default: ${DEFAULT-VALUE}, the source of deployments that name none)")
    String sourceName;

    @Option(names = "--transactional-id",
            description = "Kafka transactional.id; ingests sharing it fence each other "
                    + "(default: blockwatch-ingest, or blockwatch-ingest-NAME with --source NAME)")
    String transactionalId;

    @ArgGroup(validate = false, heading = "Official download (with --operator-request)%n")
    OfficialOptions official = new OfficialOptions();

    @ArgGroup(validate = false, heading = "Topics, when they are missing (as 'topics --create' makes them)%n")
    TopicLayoutOptions topicLayout = new TopicLayoutOptions();

    @ArgGroup(validate = false, heading = "Limits on what a dump may be%n")
    IngestLimitOptions limitOptions = new IngestLimitOptions();

    @ArgGroup(validate = false, heading = "Downloads from a mirror (--url)%n")
    FetchOptions fetchOptions = new FetchOptions();

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Show a progress bar on a terminal (default: on)")
    boolean progress;

    @Override
    public Integer call() throws Exception {
        if (every != null && sources.url == null && sources.operatorRequest == null) {
            throw new CliException("--every needs --url or --operator-request");
        }
        if (official.anyGiven() && sources.operatorRequest == null) {
            throw new CliException("--signature, --sign-command, --once, --state-dir, --dump-format-version and "
                    + "--power-of-attorney go with --operator-request");
        }
        ShrinkPolicy shrink;
        try {
            SourceNames.checked(sourceName);
            shrink = new ShrinkPolicy(shrinkRatio, shrinkMinDrop, acceptShrink);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        // The limits and the files before the broker: a missing file or an empty directory is said at once, broker or not.
        IngestLimits limits = limitOptions.limits();
        FetchLimits fetchLimits = fetchOptions.limits();
        DumpFiles.Selection dumps = sources.paths == null ? null : DumpFiles.select(sources.paths);
        if (sources.watch != null && !Files.isDirectory(sources.watch)) {
            throw new CliException(sources.watch + ": not a directory");
        }
        if (sources.operatorRequest != null) {
            // the request files and the state directory first: a wrong file fails before Kafka is asked anything
            RequestSigner signer = official.signer(sources.operatorRequest, official.stateDir().resolve("work"));
            try (OfficialState state = OfficialState.open(official.stateDir())) {
                return ingest(shrink, limits, fetchLimits, dumps, ingestor -> new OfficialDownload(official.service(state.work()), signer, state,
                        IngestTarget.of(ingestor), official.settings(), line -> print(line), Clock.systemUTC()));
            }
        }
        return ingest(shrink, limits, fetchLimits, dumps, null);
    }

    /**
     * Connects, makes missing topics, and ingests from the source given: {@code dumps} (files), else the watched
     * directory, the official download ({@code client}) or the URL.
     */
    private int ingest(ShrinkPolicy shrink, IngestLimits limits, FetchLimits fetchLimits, DumpFiles.Selection dumps,
                       Function<Ingestor, OfficialDownload> client) throws Exception {
        ClientSettings settings = kafka.settings();
        try (TopicAdmin admin = TopicAdmin.connect(settings)) {
            admin.requireBroker();
            admin.create(Topics.ALL, topicLayout.plan());
        }
        PrintWriter out = spec.commandLine().getOut();
        Progress bar = progress && System.console() != null ? new ConsoleProgress(System.err) : Progress.NONE;
        String txId = transactionalId != null ? transactionalId : Ingestor.defaultTransactionalId(sourceName);
        try (Ingestor ingestor = Ingestor.open(settings, txId, bar, force, shrink, limits, sourceName)) {
            if (dumps != null) {
                if (dumps.skippedLine() != null) {
                    spec.commandLine().getErr().println("blockwatch ingest: " + dumps.skippedLine());
                }
                IngestTotals totals = new IngestTotals();
                for (DumpFiles.DumpFile file : dumps.dumps()) {
                    IngestOutcome outcome = ingestor.ingest(file.source());
                    report(out, outcome);
                    totals.add(outcome);
                }
                if (totals.dumps() > 1) {
                    out.println(totals.summary());
                }
            } else if (sources.watch != null) {
                watch(out, ingestor, sources.watch);
            } else if (client != null) {
                try {
                    client.apply(ingestor).run(every != null ? every : Duration.ofMinutes(2), official.once,
                            outcome -> report(out, outcome),
                            error -> spec.commandLine().getErr().println("blockwatch ingest: error: " + error));
                } catch (InterruptedException e) {
                    // as with --watch: an interrupt ends the polling normally
                }
            } else {
                poll(out, ingestor, sources.url, fetchLimits);
            }
        }
        return held ? DUMP_HELD : rowsRejected ? ROWS_REJECTED : 0;
    }

    private void watch(PrintWriter out, Ingestor ingestor, Path dir) throws Exception {
        DirectoryWatcher watcher = new DirectoryWatcher(dir);
        out.printf(Locale.ROOT, "watching %s for new dumps; Ctrl-C to stop%n", dir);
        out.flush();
        while (!Thread.currentThread().isInterrupted()) {
            List<DumpFiles.DumpFile> ready;
            try {
                ready = DumpFiles.inRegistryOrder(watcher.poll());
            } catch (java.io.IOException e) {
                // An unreadable header or a split dump with a part missing: say so and keep watching.
                spec.commandLine().getErr().println("blockwatch ingest: error: " + e.getMessage());
                ready = List.of();
            }
            for (DumpFiles.DumpFile file : ready) {
                try {
                    report(out, ingestor.ingest(file.source()));
                } catch (IngestException e) {
                    // One bad dump must not stop the watch: say so and wait for the next one.
                    spec.commandLine().getErr().println("blockwatch ingest: error: " + e.getMessage());
                }
            }
            try {
                Thread.sleep(DirectoryWatcher.DEFAULT_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                // Being interrupted is how an embedding program stops the watch: a normal end, not an error.
                // The flag stays cleared: the verb ends here, and a set flag would fail the producer's close.
                return;
            }
        }
    }

    private void poll(PrintWriter out, Ingestor ingestor, URI url, FetchLimits fetchLimits) throws Exception {
        UrlFetcher fetcher = new UrlFetcher(url, fetchLimits);
        Path download = Files.createTempFile("blockwatch-dump-", ".download");
        // Ctrl-C ends the JVM without the finally below: the JVM's own exit hook removes the files then.
        download.toFile().deleteOnExit();
        download.resolveSibling(download.getFileName() + ".part").toFile().deleteOnExit();
        String source = url.toString();
        try {
            do {
                try {
                    if (fetcher.fetchIfChanged(download)) {
                        report(out, ingestor.ingest(download, source));
                    } else {
                        out.printf(Locale.ROOT, "%s: not modified since the last fetch (HTTP 304); nothing published%n", source);
                        out.flush();
                    }
                } catch (java.io.IOException | IngestException e) {
                    if (every == null) {
                        throw e;
                    }
                    spec.commandLine().getErr().println("blockwatch ingest: error: " + e.getMessage());
                }
                if (every != null) {
                    try {
                        Thread.sleep(every.toMillis());
                    } catch (InterruptedException e) {
                        return; // as with --watch: an interrupt ends the polling normally
                    }
                }
            } while (every != null);
        } finally {
            Files.deleteIfExists(download);
            Files.deleteIfExists(download.resolveSibling(download.getFileName() + ".part"));
        }
    }

    private void print(String line) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(line);
        out.flush();
    }

    private void report(PrintWriter out, IngestOutcome outcome) {
        // A dump ingested before counts too: its rejected rows are in the DLQ from that first time.
        rowsRejected |= outcome.rejected() > 0;
        held |= outcome.held();
        out.println(outcome.summary());
        out.flush();
    }
}
