package io.github.blockwatch.replay;

import java.util.function.Function;
import io.github.blockwatch.ingest.IngestException;
import io.github.blockwatch.ingest.IngestOutcome;
import io.github.blockwatch.ingest.Ingestor;
import io.github.blockwatch.ingest.OlderDumpException;
import java.util.List;
import java.util.Locale;

/**
 * Feeds the versions of a history one by one, oldest first, to the ordinary ingest (one transaction per
 * dump, unchanged dumps publishing no events), paced by registry time.
 */
public final class Replayer {
    private final Function<String, Ingestor> ingestors;
    private final Pacer pacer;
    private final ReplayProgress progress;

    /** A replay of a history that is one source: every version goes to {@code ingestor}. */
    public Replayer(Ingestor ingestor, Pacer pacer, ReplayProgress progress) {
        this(source -> ingestor, pacer, progress);
    }

    /**
     * @param ingestors the ingestor of a version's source ({@link DumpVersion#source}; null for a history
     *                  that is one source)
     */
    public Replayer(Function<String, Ingestor> ingestors, Pacer pacer, ReplayProgress progress) {
        this.ingestors = ingestors;
        this.pacer = pacer;
        this.progress = progress;
    }

    /**
     * Replays {@code versions} in order. A dump already ingested (same digest) publishes nothing, so an
     * interrupted replay can be run again; a dump older than the state already in Kafka stops the replay.
     */
    public ReplayTotals replay(List<DumpVersion> versions) throws IngestException, InterruptedException {
        ReplayTotals totals = new ReplayTotals();
        progress.start(versions.size());
        try {
            for (DumpVersion version : versions) {
                pacer.awaitTurn(version.registryTime());
                IngestOutcome outcome;
                try {
                    outcome = ingestors.apply(version.source()).ingest(version.content());
                } catch (OlderDumpException e) {
                    throw new IngestException(String.format(Locale.ROOT, "%s (registry time %s): the topics already hold a later "
                                    + "registry state (newest dump %s), and a replay cannot go back in time; replay into empty "
                                    + "topics (a fresh broker, or delete the blockwatch topics), or replay only later dumps with --since",
                            version.label(), e.registryTime(), e.latest()), e);
                }
                totals.add(outcome);
                progress.dumpDone(version, outcome, totals);
            }
        } finally {
            progress.finish(totals);
        }
        return totals;
    }
}
