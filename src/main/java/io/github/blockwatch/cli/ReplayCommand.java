package io.github.blockwatch.cli;

import io.github.blockwatch.registry.SourceNames;
import java.util.LinkedHashMap;
import java.util.Map;
import io.github.blockwatch.ingest.DumpFiles;
import io.github.blockwatch.ingest.IngestLimits;
import io.github.blockwatch.ingest.Ingestor;
import io.github.blockwatch.ingest.ShrinkPolicy;
import io.github.blockwatch.ingest.Progress;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.TopicAdmin;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.replay.ConsoleReplayProgress;
import io.github.blockwatch.replay.DumpHistory;
import io.github.blockwatch.replay.DumpVersion;
import io.github.blockwatch.replay.Pacer;
import io.github.blockwatch.replay.ReplayProgress;
import io.github.blockwatch.replay.ReplayTotals;
import io.github.blockwatch.replay.Replayer;
import io.github.blockwatch.replay.Speed;
import io.github.blockwatch.replay.TimeWindow;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code blockwatch replay}: a history of registry dumps, ingested oldest first, paced by registry time. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        header = "Replay a history of registry dumps in registry time",
        description = {"Ingests the successive versions of a registry dump, oldest first, exactly as 'blockwatch ingest' "
                + "does (one transaction per dump; an unchanged dump publishes no events). SOURCE is a git repository or "
                + "git bundle holding successive versions of dump.xml or dump.csv (read with JGit, commit by commit, "
                + "no checkout), or a directory of dated dumps. Dumps are taken in the order of the registry time they "
                + "state, and 'blockwatch run' uses that time as event time. --speed plays the history at a multiple of "
                + "registry time, e.g. 3600x for an hour a second, so a month plays in minutes on the dashboard. "
                + "A dump much smaller than the one before is applied knowingly (a history holds real ones), still raising "
                + "DUMP_SHRANK."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every dump replayed and every row accepted",
            "1:an error: not a repository, bundle or directory, no dumps in a directory, a dump unreadable, the topics already hold a later state, no broker",
            "2:invalid command line",
            "3:every dump replayed, but some rows were rejected to blockwatch.dlq"})
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Parameters(paramLabel = "SOURCE", description = "A git repository (work tree or bare), a git bundle, a directory of dated snapshots (one folder per day, 2024-07-17/, with --file), or a directory of dumps")
    Path source;

    @Option(names = "--since", paramLabel = "TIME", converter = InstantConverter.class,
            description = "Replay only dumps of this registry time or later (2014-11-05, 2014-11-05T10:00; UTC)")
    Instant since;

    @Option(names = "--until", paramLabel = "TIME", converter = InstantConverter.class,
            description = "Replay only dumps of this registry time or earlier")
    Instant until;

    @Option(names = "--speed", paramLabel = "Nx", defaultValue = "max", converter = SpeedConverter.class,
            description = "Registry time per wall-clock time: 3600x plays an hour a second; max (default) does not wait")
    Speed speed;

    @Option(names = "--max-pause", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "With --speed: never wait longer than this between two dumps, whatever the registry gap (default: ${DEFAULT-VALUE})")
    Duration maxPause;

    @Option(names = "--file", paramLabel = "PATH",
            description = "The dump's path inside the repository (default: dump.xml or dump.csv, whichever the newest commit holds); "
                    + "for dated snapshots, the list in each day's folder (e.g. ipsum.lst.gz), dated by MANIFEST.txt's time for the folder, else the folder's date")
    String file;

    @Option(names = "--source", paramLabel = "NAME",
            description = "The named source the history is (as 'ingest --source'); default: the default source, and for "
                    + "dated snapshots each list's own name (ipsum.lst.gz: ipsum). Without --file, the lists of dated "
                    + "snapshots are replayed side by side, each as its own source")
    String sourceName;

    @Option(names = "--transactional-id",
            description = "Kafka transactional.id, shared with ingest of the same source so the two fence each other "
                    + "(default: blockwatch-ingest, or blockwatch-ingest-NAME for source NAME); with several sources, "
                    + "each gets this with -NAME after it")
    String transactionalId;

    @Option(names = "--partitions", defaultValue = "1",
            description = "Partitions for topics this creates when they are missing (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Show a progress bar on a terminal (default: on)")
    boolean progress;

    @Option(names = {"-v", "--verbose"}, description = "Print one line per dump, as ingest does")
    boolean verbose;

    @ArgGroup(validate = false, heading = "Limits on what a dump may be (as for ingest)%n")
    IngestLimitOptions limitOptions = new IngestLimitOptions();

    static final class SpeedConverter implements CommandLine.ITypeConverter<Speed> {
        @Override
        public Speed convert(String value) {
            try {
                return Speed.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        TimeWindow window;
        try {
            window = new TimeWindow(since, until);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        if (maxPause.isNegative()) {
            throw new CliException("--max-pause must not be negative");
        }
        IngestLimits limits = limitOptions.limits();
        if (sourceName != null) {
            try {
                SourceNames.checked(sourceName);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        // What can be checked quickly first (the path, a directory's dumps), then the broker: reading a long
        // git history's headers takes minutes, not worth it without one.
        DumpHistory.check(source, file);
        ClientSettings settings = kafka.settings();
        try (TopicAdmin admin = TopicAdmin.connect(settings)) {
            admin.requireBroker();
        }
        boolean onTerminal = progress && System.console() != null;
        try (DumpHistory history = DumpHistory.open(source, file, onTerminal ? System.err : null)) {
            List<DumpVersion> all = history.versions();
            if (all.isEmpty()) {
                throw new CliException(history.description() + ": no dumps in it");
            }
            List<DumpVersion> selected = window.select(all);
            if (selected.isEmpty()) {
                throw new CliException(String.format(Locale.ROOT, "%s: none of its %,d dumps (%s .. %s) is within --since/--until",
                        history.description(), all.size(), all.get(0).registryTime(), all.get(all.size() - 1).registryTime()));
            }
            try (TopicAdmin admin = TopicAdmin.connect(settings)) {
                admin.createMissing(Topics.ALL, partitions);
            }
            out.printf(Locale.ROOT, "replay: %s: %,d of %,d dumps, registry time %s .. %s, speed %s%n", history.description(),
                    selected.size(), all.size(), selected.get(0).registryTime(),
                    selected.get(selected.size() - 1).registryTime(), speed);
            out.flush();
            if (!history.skipped().isEmpty()) {
                spec.commandLine().getErr().println("blockwatch replay: " + DumpFiles.skippedLine(history.skipped()));
            }
            boolean severalSources = selected.stream().map(DumpVersion::source).distinct().count() > 1;
            if (sourceName != null && severalSources) {
                throw new CliException(history.description() + ": its lists are replayed each as its own source; "
                        + "--source names one (replay one list with --file LIST --source NAME)");
            }
            long started = System.nanoTime();
            ReplayTotals totals;
            try (SourceIngestors ingestors = new SourceIngestors(settings, limits, severalSources)) {
                totals = new Replayer(ingestors::of, Pacer.of(speed, maxPause), progress(out)).replay(selected);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("replay interrupted");
            }
            out.println(totals.summary(Duration.ofNanos(System.nanoTime() - started)));
            out.flush();
            return totals.rejectedRows() > 0 ? IngestCommand.ROWS_REJECTED : 0;
        }
    }

    /** One ingestor per source met, opened when its first dump comes (each reads its own state). */
    private final class SourceIngestors implements AutoCloseable {
        private final ClientSettings settings;
        private final IngestLimits limits;
        private final boolean several;
        private final Map<String, Ingestor> open = new LinkedHashMap<>();

        SourceIngestors(ClientSettings settings, IngestLimits limits, boolean several) {
            this.settings = settings;
            this.limits = limits;
            this.several = several;
        }

        Ingestor of(String versionSource) {
            String source = sourceName != null ? sourceName : versionSource != null ? versionSource : SourceNames.DEFAULT;
            return open.computeIfAbsent(source, name -> Ingestor.open(settings, transactionalId(name), Progress.NONE,
                    false, ShrinkPolicy.accepting(), limits, name));
        }

        private String transactionalId(String source) {
            if (transactionalId == null) {
                return Ingestor.defaultTransactionalId(source);
            }
            return several ? transactionalId + "-" + source : transactionalId;
        }

        @Override
        public void close() {
            open.values().forEach(Ingestor::close);
        }
    }

    private ReplayProgress progress(PrintWriter out) {
        ReplayProgress bar = progress && System.console() != null ? new ConsoleReplayProgress(System.err) : ReplayProgress.NONE;
        if (!verbose) {
            return bar;
        }
        return new ReplayProgress() {
            @Override
            public void start(int totalDumps) {
                bar.start(totalDumps);
            }

            @Override
            public void dumpDone(DumpVersion version, io.github.blockwatch.ingest.IngestOutcome outcome, ReplayTotals totals) {
                out.println(version.label() + ": " + outcome.summary());
                out.flush();
                bar.dumpDone(version, outcome, totals);
            }

            @Override
            public void finish(ReplayTotals totals) {
                bar.finish(totals);
            }
        };
    }
}
