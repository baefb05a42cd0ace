package io.github.blockwatch.ingest;

import java.util.Locale;
import io.github.blockwatch.avro.DumpRecord;
import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.registry.DumpHeader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Ingests dumps one after the other: parse, diff against the state, publish in one transaction, remember.
 * Created once per run; it fences older ingest processes, then recovers the state from Kafka.
 */
public final class Ingestor implements AutoCloseable {
    private final IngestPublisher publisher;
    private final RegistryState state;
    private final Progress progress;
    private final boolean force;

    private Ingestor(IngestPublisher publisher, RegistryState state, Progress progress, boolean force) {
        this.publisher = publisher;
        this.state = state;
        this.progress = progress;
        this.force = force;
    }

    /**
     * @param force ingest dumps older than the newest one already ingested (normally refused: an older
     *              dump would roll the table back in time)
     */
    public static Ingestor open(ClientSettings settings, String transactionalId, Progress progress, boolean force) {
        IngestPublisher publisher = new IngestPublisher(settings, transactionalId);
        try {
            return new Ingestor(publisher, RegistryStateLoader.load(settings), progress, force);
        } catch (RuntimeException e) {
            publisher.close();
            throw e;
        }
    }

    public static Ingestor open(ClientSettings settings) {
        return open(settings, IngestPublisher.DEFAULT_TRANSACTIONAL_ID, Progress.NONE, false);
    }

    public IngestOutcome ingest(Path file) throws IngestException {
        return ingest(file, file.getFileName().toString());
    }

    public IngestOutcome ingest(Path file, String sourceName) throws IngestException {
        ParsedDump dump;
        try {
            dump = DumpParser.parse(file, sourceName, progress);
        } catch (IOException e) {
            throw new IngestException(e.getMessage(), e);
        }
        return ingest(dump);
    }

    /** Ingests a dump that is not a file of its own, such as a blob of a git commit (see replay). */
    public IngestOutcome ingest(DumpContent content) throws IngestException {
        ParsedDump dump;
        try {
            dump = DumpParser.parse(content.open(), content.size(), progress);
        } catch (IOException e) {
            throw new IngestException(e.getMessage(), e);
        }
        return ingest(dump);
    }

    /** Registry time of the newest dump ingested so far (by anyone), or null when none was. */
    public Instant latestRegistryTime() {
        return state.latestRegistryTime();
    }

    private IngestOutcome ingest(ParsedDump dump) throws IngestException {
        DumpHeader header = dump.header();
        DumpRef ref = EntryRecords.dumpRef(header, dump.digest());
        if (state.alreadyIngested(dump.digest())) {
            return new IngestOutcome(header.source(), ref.getId(), header.registryTime(), false,
                    dump.rowsRead(), dump.accepted(), dump.rejected().size(), dump.entries().size(), 0, 0, 0);
        }
        Instant latest = state.latestRegistryTime();
        if (!force && latest != null && header.registryTime().isBefore(latest)) {
            throw new OlderDumpException(String.format(Locale.ROOT, "%s: registry time %s is older than the newest dump already "
                    + "ingested (%s); refused, since it would roll the table back (use --force to ingest it anyway)",
                    header.source(), header.registryTime(), latest), header.registryTime(), latest);
        }
        DumpDiff diff = DumpDiff.between(state.entries(), dump.entries(), ref);
        DumpRecord record = new DumpRecord(ref, dump.digest(), dump.rowsRead(), dump.accepted(),
                (long) dump.rejected().size(), (long) dump.entries().size(), diff.added(), diff.removed(),
                diff.updated(), Instant.now());
        publisher.publish(diff, dump.rejected(), record);
        state.apply(diff, record);
        return new IngestOutcome(header.source(), ref.getId(), header.registryTime(), true, dump.rowsRead(),
                dump.accepted(), dump.rejected().size(), dump.entries().size(), diff.added(), diff.removed(),
                diff.updated());
    }

    @Override
    public void close() {
        publisher.close();
    }
}
