package io.github.blockwatch.ingest;

import java.util.Locale;
import io.github.blockwatch.avro.DumpRecord;
import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.RegistryEntry;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.registry.DumpHeader;
import io.github.blockwatch.registry.DumpLimitException;
import io.github.blockwatch.registry.DumpReader;
import io.github.blockwatch.registry.DumpSource;
import io.github.blockwatch.registry.Dumps;
import io.github.blockwatch.registry.SourceNames;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ingests dumps one after the other: parse, diff against the state, check the feed's health (a dump far
 * smaller than the last is held, a changed format is alerted), publish in one transaction, remember.
 * Created once per run; it fences older ingest processes, then recovers the state from Kafka.
 */
public final class Ingestor implements AutoCloseable {
    private final IngestPublisher publisher;
    private final RegistryState state;
    private final Progress progress;
    private final boolean force;
    private final ShrinkPolicy shrink;
    private final IngestLimits limits;
    private final String source;

    private Ingestor(IngestPublisher publisher, RegistryState state, Progress progress, boolean force, ShrinkPolicy shrink,
                     IngestLimits limits, String source) {
        this.source = source;
        this.publisher = publisher;
        this.state = state;
        this.progress = progress;
        this.force = force;
        this.shrink = shrink;
        this.limits = limits;
    }

    /**
     * @param force  ingest dumps older than the newest one already ingested (normally refused: an older
     *               dump would roll the table back in time)
     * @param shrink when a dump counts as shrunken (DUMP_SHRANK), and whether such a dump is held or applied
     */
    public static Ingestor open(ClientSettings settings, String transactionalId, Progress progress, boolean force,
                                ShrinkPolicy shrink) {
        return open(settings, transactionalId, progress, force, shrink, IngestLimits.DEFAULT);
    }

    /** @param limits how far ahead of the clock a dump may be, and how large it and its rows may be */
    public static Ingestor open(ClientSettings settings, String transactionalId, Progress progress, boolean force,
                                ShrinkPolicy shrink, IngestLimits limits) {
        return open(settings, transactionalId, progress, force, shrink, limits, SourceNames.DEFAULT);
    }

    /**
     * @param source the named source the dumps belong to ({@link SourceNames}): they are diffed against its
     *               state only, chained after its dumps only, and checked for order, shrinking and format
     *               changes against its dumps only
     */
    public static Ingestor open(ClientSettings settings, String transactionalId, Progress progress, boolean force,
                                ShrinkPolicy shrink, IngestLimits limits, String source) {
        IngestPublisher publisher = new IngestPublisher(settings, transactionalId);
        try {
            return new Ingestor(publisher, RegistryStateLoader.load(settings, source), progress, force, shrink, limits,
                    source);
        } catch (RuntimeException e) {
            publisher.close();
            throw e;
        }
    }

    /** As {@link #open(ClientSettings, String, Progress, boolean, ShrinkPolicy)}, holding shrunken dumps. */
    public static Ingestor open(ClientSettings settings, String transactionalId, Progress progress, boolean force) {
        return open(settings, transactionalId, progress, force, ShrinkPolicy.holding());
    }

    /** The defaults: shrunken dumps are held. */
    public static Ingestor open(ClientSettings settings) {
        return open(settings, ShrinkPolicy.holding());
    }

    /** The defaults, with the given shrink policy ({@link ShrinkPolicy#accepting()} for replays of history). */
    public static Ingestor open(ClientSettings settings, ShrinkPolicy shrink) {
        return open(settings, IngestPublisher.DEFAULT_TRANSACTIONAL_ID, Progress.NONE, false, shrink);
    }

    public IngestOutcome ingest(Path file) throws IngestException {
        return ingest(file, file.getFileName().toString());
    }

    public IngestOutcome ingest(Path file, String sourceName) throws IngestException {
        return ingest(DumpSource.of(file, sourceName));
    }

    /** Ingests one dump: a file, or the parts of a split dump as one. */
    public IngestOutcome ingest(DumpSource source) throws IngestException {
        ParsedDump dump;
        try {
            dump = DumpParser.parse(checked(Dumps.open(source, limits.dump())), source.size(), progress);
        } catch (IOException e) {
            throw new IngestException(message(e), e);
        }
        return ingest(dump);
    }

    /** Ingests a dump that is not a file of its own, such as a blob of a git commit (see replay). */
    public IngestOutcome ingest(DumpContent content) throws IngestException {
        ParsedDump dump;
        try {
            dump = DumpParser.parse(checked(content.open(limits.dump())), content.size(), progress);
        } catch (IOException e) {
            throw new IngestException(message(e), e);
        }
        return ingest(dump);
    }

    /** The reading error as one line; a limit the dump went over is named by the setting that raises it. */
    private static String message(IOException e) {
        if (e instanceof DumpLimitException limit) {
            return e.getMessage() + switch (limit.limit()) {
                case DUMP_SIZE -> " (--max-dump-size)";
                case FIELD_SIZE -> " (--max-field-size)";
            };
        }
        return e.getMessage();
    }

    /**
     * The opened dump, once its header passed the clock check: a dump dated ahead of this machine's clock
     * by more than the allowed skew is refused before its rows are read. Its registry time would become
     * the table's event time, and the newest dump's time is the order every later dump is checked against.
     */
    private DumpReader checked(DumpReader reader) throws IOException {
        Instant registryTime = reader.header().registryTime();
        Instant now = Instant.now();
        if (registryTime.isAfter(now.plus(limits.maxClockSkew()))) {
            reader.close();
            throw new IOException(String.format(Locale.ROOT, "%s: registry time %s is %s ahead of this machine's clock (%s); "
                            + "refused, more than --max-clock-skew %s (a wrong clock, or a local time labelled UTC)",
                    reader.header().source(), registryTime, IngestLimits.human(Duration.between(now, registryTime)),
                    now.truncatedTo(ChronoUnit.SECONDS), IngestLimits.human(limits.maxClockSkew())));
        }
        return reader;
    }

    /**
     * The transactional id ingests of {@code source} share unless told otherwise: {@code blockwatch-ingest}
     * for the default source, {@code blockwatch-ingest-NAME} for a named one, so two ingests of one source
     * fence each other while ingests of different sources run side by side.
     */
    public static String defaultTransactionalId(String source) {
        return IngestPublisher.transactionalId(source);
    }

    /** Registry time of the newest dump of this ingestor's source ingested so far (by anyone), or null when none was. */
    public Instant latestRegistryTime() {
        return state.latestRegistryTime();
    }

    private IngestOutcome ingest(ParsedDump dump) throws IngestException {
        DumpHeader header = dump.header();
        DumpRef ref = EntryRecords.dumpRef(header, dump.digest(), source);
        Map<String, RegistryEntry> entries = EntryRecords.withinSource(source, dump.entries());
        boolean heldBefore = state.held(dump.digest());
        if (state.alreadyIngested(dump.digest()) || (heldBefore && !shrink.accept())) {
            return new IngestOutcome(header.source(), ref.getId(), header.registryTime(), false,
                    dump.rowsRead(), dump.accepted(), dump.rejected().size(), dump.entries().size(), 0, 0, 0,
                    heldBefore, List.of());
        }
        // A dump dated ahead of the clock, ingested before --max-clock-skew existed, is no order to keep:
        // else every later dump would be refused until that date (see docs/OPERATIONS.md). A plain list's time
        // is a file's, and is compared with other lists' only.
        Instant latest = state.latestTimeUpTo(Instant.now().plus(limits.maxClockSkew()), ref.getFormat());
        if (!force && latest != null && header.registryTime().isBefore(latest)) {
            throw new OlderDumpException(String.format(Locale.ROOT, "%s: registry time %s is older than the newest dump already "
                    + "ingested (%s); refused, since it would roll the table back (use --force to ingest it anyway)",
                    header.source(), header.registryTime(), latest), header.registryTime(), latest);
        }
        DumpDiff diff = DumpDiff.between(state.entries(), entries, ref, state.lastWithEvents());
        DumpRecord previous = state.lastApplied();
        long previousEntries = state.entries().size();
        boolean shrank = previous != null && shrink.shrank(previousEntries, dump.entries().size());
        boolean hold = shrank && !shrink.accept();
        DumpDiff published = hold ? DumpDiff.NONE : diff;
        DumpRecord record = DumpRecord.newBuilder()
                .setDump(ref)
                .setDigest(dump.digest())
                .setRowsRead(dump.rowsRead())
                .setAccepted(dump.accepted())
                .setRejected(dump.rejected().size())
                .setEntries(dump.entries().size())
                .setAdded(published.added())
                .setRemoved(published.removed())
                .setUpdated(published.updated())
                .setIngestedAt(Instant.now())
                .setFormatVersion(dump.layout().formatVersion())
                .setEncoding(dump.layout().encoding())
                .setFieldCount(dump.layout().fieldCount())
                .setHeld(hold)
                .build();
        // A dump held before had its alerts and rejected rows published then; accepting it adds its events only.
        List<RangeAlert> alerts = new ArrayList<>();
        if (previous != null && !heldBefore) {
            if (shrank) {
                alerts.add(FeedHealthAlerts.dumpShrank(previous, previousEntries, record, diff, shrink, hold));
            }
            FeedHealthAlerts.formatChanged(previous, record).ifPresent(alerts::add);
        }
        publisher.publish(published, heldBefore ? List.of() : dump.rejected(), record, alerts);
        if (hold) {
            state.recordDump(record);
        } else {
            state.apply(diff, record);
        }
        return new IngestOutcome(header.source(), ref.getId(), header.registryTime(), true, dump.rowsRead(),
                dump.accepted(), dump.rejected().size(), dump.entries().size(), published.added(), published.removed(),
                published.updated(), hold, alerts);
    }

    @Override
    public void close() {
        publisher.close();
    }
}
