package io.github.blockwatch.app;

import io.github.blockwatch.alerts.AlertText;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.broker.EmbeddedBroker;
import io.github.blockwatch.ingest.DumpFiles;
import io.github.blockwatch.ingest.IngestException;
import io.github.blockwatch.ingest.IngestOutcome;
import io.github.blockwatch.ingest.Ingestor;
import io.github.blockwatch.ingest.ShrinkPolicy;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.topology.AlertRules;
import io.github.blockwatch.topology.StreamsSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The demo: an embedded broker, the Streams application and an alert printer in this process, then each
 * dump ingested in registry order, and the state after the newest one.
 */
public final class Demo implements AutoCloseable {
    /** How long the table may take to catch up with the last dump before the demo gives up. */
    private static final Duration CATCH_UP = Duration.ofMinutes(10);

    private final EmbeddedBroker broker;
    private final StreamsApp app;
    private final ClientSettings clients;
    private final TopicFollower<String, RangeAlert> alerts;
    private final Thread alertPrinter;
    private final AtomicLong printed;

    private Demo(EmbeddedBroker broker, StreamsApp app, ClientSettings clients,
                 TopicFollower<String, RangeAlert> alerts, Thread alertPrinter, AtomicLong printed) {
        this.broker = broker;
        this.app = app;
        this.clients = clients;
        this.alerts = alerts;
        this.alertPrinter = alertPrinter;
        this.printed = printed;
    }

    /** Starts broker, topology and alert printer; fresh state in {@code workDir}. */
    public static Demo start(Path workDir, int port, AlertRules rules, PrintWriter out) throws IOException {
        return start(workDir, port, rules, out, null);
    }

    /**
     * As {@link #start(Path, int, AlertRules, PrintWriter)}; {@code applicationServer} ({@code host:port}
     * of the HTTP API, or null) tells Streams where this instance answers queries. Says on {@code out} what
     * it starts, as it starts it (the two together take a quarter of a minute on a small machine).
     */
    public static Demo start(Path workDir, int port, AlertRules rules, PrintWriter out, String applicationServer)
            throws IOException {
        say(out, "blockwatch demo: starting a Kafka broker in this process ...");
        EmbeddedBroker broker = EmbeddedBroker.start(workDir.resolve("broker"), port);
        try {
            say(out, "blockwatch demo: broker at " + broker.bootstrapServers() + "; starting the streams application ...");
            ClientSettings clients = ClientSettings.of(broker.bootstrapServers());
            StreamsApp app = StreamsApp.start(clients, StreamsSettings.DEFAULT_APPLICATION_ID,
                    workDir.resolve("streams"), rules, 1, applicationServer);
            TopicFollower<String, RangeAlert> alerts = new TopicFollower<>(clients, Topics.ALERTS, true);
            AtomicLong printed = new AtomicLong();
            Thread printer = new Thread(() -> alerts.follow((id, alert) -> {
                synchronized (out) {
                    out.println("ALERT " + AlertText.format(alert));
                    out.flush();
                }
                printed.incrementAndGet();
            }), "blockwatch-demo-alerts");
            printer.setDaemon(true);
            printer.start();
            return new Demo(broker, app, clients, alerts, printer, printed);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    private static void say(PrintWriter out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public ClientSettings clients() {
        return clients;
    }

    public StreamsApp app() {
        return app;
    }

    /**
     * Publishes the owner datasets (as {@code blockwatch owners load} does), prints one OWNERS line per file
     * and waits until the application holds them, so the replay that follows is attributed from its first dump.
     */
    public List<OwnersLoader.Outcome> loadOwners(List<Path> files, PrintWriter out) throws IOException, InterruptedException {
        List<OwnersLoader.Outcome> outcomes = OwnersLoader.load(clients, files, false);
        synchronized (out) {
            for (OwnersLoader.Outcome outcome : outcomes) {
                out.println("OWNERS " + outcome.summary());
            }
            out.flush();
        }
        OwnersLoader.awaitApplied(app.streams(), outcomes, CATCH_UP);
        return outcomes;
    }

    /**
     * Ingests the dumps in registry order, each once the table has applied the one before and its alerts are
     * printed, so that the alerts come out in registry order: ingest raises some alerts itself (DUMP_SHRANK,
     * FEED_STALLED) the moment it publishes a dump, and the 2020 dump's would otherwise be printed before the
     * alerts the table raises for 2018.
     *
     * @param dumps in registry order (see {@link DumpFiles})
     * @return the stats after the newest dump that changed anything, or null if none did
     */
    public DumpStats replay(List<DumpFiles.DumpFile> dumps, PrintWriter out) throws IOException, IngestException, InterruptedException {
        DumpStats last = null;
        long events = 0;
        long started = System.nanoTime();
        Instant deadline = Instant.now().plus(CATCH_UP);
        // A replay of history applies what the registry really published, however much smaller; the
        // DUMP_SHRANK alert still says so (the bundled 2020 mirror file is cut to 41 rows).
        try (Ingestor ingestor = Ingestor.open(clients, ShrinkPolicy.accepting());
             TopicFollower<String, DumpStats> stats = new TopicFollower<>(clients, Topics.STATS, true)) {
            for (DumpFiles.DumpFile file : dumps) {
                IngestOutcome outcome;
                synchronized (out) {
                    // The alert printer waits meanwhile: ingest's own alerts of this dump (DUMP_SHRANK,
                    // FEED_STALLED) come out after its INGEST line, not before.
                    outcome = ingestor.ingest(file.source());
                    say(out, "INGEST " + outcome.summary());
                }
                long changes = outcome.added() + outcome.removed() + outcome.updated();
                if (outcome.published() && changes > 0) {
                    events += changes;
                    last = awaitStats(stats, outcome.dumpId(), deadline);
                }
                awaitAlertsPrinted(deadline);
            }
        }
        if (last == null) {
            return null;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // Ingest and table, dump after dump: the whole pipeline, dump files to applied table.
        say(out, String.format(Locale.ROOT, "PIPELINE %,d events ingested and applied to the table in %.1f s (%,.0f events/s)",
                events, seconds, events / seconds));
        return last;
    }

    /** Waits until the table has applied {@code dumpId} (its stats record is committed). */
    private DumpStats awaitStats(TopicFollower<String, DumpStats> stats, String dumpId, Instant deadline)
            throws InterruptedException {
        AtomicReference<DumpStats> found = new AtomicReference<>();
        while (found.get() == null) {
            if (app.failure() != null) {
                throw new IllegalStateException("the streams application failed: " + app.failure().getMessage(), app.failure());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the table did not apply dump " + dumpId + " within " + CATCH_UP);
            }
            stats.readToEnd((id, s) -> {
                if (dumpId.equals(id)) {
                    found.set(s);
                }
            });
            if (found.get() == null) {
                Thread.sleep(100);
            }
        }
        return found.get();
    }

    /** Alerts are committed with or before the stats; wait until the printer has shown every one so far. */
    private void awaitAlertsPrinted(Instant deadline) throws InterruptedException {
        AtomicLong committed = new AtomicLong();
        try (TopicFollower<String, RangeAlert> all = new TopicFollower<>(clients, Topics.ALERTS, true)) {
            all.readToEnd((id, alert) -> committed.incrementAndGet());
        }
        while (printed.get() < committed.get() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        alerts.stop();
        try {
            alertPrinter.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        alerts.close();
        app.close();
        broker.close();
    }
}
