package io.github.blockwatch.topology;

import io.github.blockwatch.avro.AddressDelta;
import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.DumpProgress;
import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.avro.Owner;
import io.github.blockwatch.avro.PendingUnblock;
import io.github.blockwatch.avro.RangeState;
import io.github.blockwatch.avro.TableTotals;
import io.github.blockwatch.registry.AddressCoverage;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.IpFamily;
import io.github.blockwatch.registry.SourceNames;
import io.github.blockwatch.owners.OwnerLabel;
import io.github.blockwatch.owners.OwnerSegments;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live blocked-address table. For each range it keeps which entries block it ({@link RangeEntries}: a
 * sample and a count, whatever their number); when a range gains its first entry or loses its last one,
 * the exact coverage of the whole address space changes by that range minus whatever else already covers
 * it ({@link AddressCoverage}), and the running totals follow. No update ever recounts the table. Each
 * input record is one registry event with all its ranges; when all of a dump's events are applied it emits
 * {@code DumpApplied}.
 *
 * <p>A range whose last entry an event removes is not unblocked at once: another event of the same dump may
 * list it under another entry (an address moving between entries), and with several partitions that event
 * can come later. It waits in {@value StoreNames#PENDING_UNBLOCKS} until the dump is complete and is
 * unblocked then, unless the dump blocked it again, so the changes and counts of a dump are those of the
 * registry, whatever the order of its events.
 *
 * <p>Ranges are attributed to owners from the global {@value StoreNames#OWNERS} store (through the
 * {@link OwnerDirectory} index): each blocked range carries its owner split, the addresses a dump newly
 * blocks are split by owner as they are covered, and the per-owner totals are counted when a dump completes.
 */
final class AddressTableProcessor implements Processor<String, AddressDelta, String, TableChange> {
    static final String TOTALS_KEY = StoreNames.TOTALS_KEY;
    private static final Logger LOG = LoggerFactory.getLogger(AddressTableProcessor.class);

    private final AddressTableStores names;
    private final OwnerDirectory directory;
    private final int sampleSize;
    private RangeEntries rangeEntries;
    private KeyValueStore<String, Owner> owners;
    private IndexedBoundaryMap boundaryIndex;
    private ProcessorContext<String, TableChange> context;
    private KeyValueStore<String, RangeState> ranges;
    private KeyValueStore<String, TableTotals> totals;
    private KeyValueStore<String, DumpProgress> progress;
    private KeyValueStore<String, PendingUnblock> pendingUnblocks;
    private RangeIndex index;
    private SourceTables sources;
    private TableGeneration generation;
    private AddressCoverage coverage;
    private TableTotals table; // the stored totals, kept in memory and written back once per event
    /** The progress of dumps being applied, as last put in the progress store (emptied on init). */
    private Map<String, DumpProgress> inProgress;

    AddressTableProcessor(AddressTableStores names, OwnerDirectory directory, int sampleSize) {
        this.names = names;
        this.directory = directory;
        this.sampleSize = sampleSize;
    }

    @Override
    public void init(ProcessorContext<String, TableChange> context) {
        this.context = context;
        this.owners = context.getStateStore(StoreNames.OWNERS);
        this.ranges = context.getStateStore(names.ranges());
        this.rangeEntries = new RangeEntries(context.getStateStore(names.rangeEntries()), sampleSize);
        this.totals = context.getStateStore(names.totals());
        this.progress = context.getStateStore(names.progress());
        this.pendingUnblocks = context.getStateStore(names.pendingUnblocks());
        TableTotals stored = totals.get(TOTALS_KEY);
        this.table = stored != null ? stored : Totals.empty();
        this.generation = TableGeneration.open(context.getStateStore(StoreNames.DUMP_SEQUENCE),
                context.getStateStore(StoreNames.DERIVED_STAMPS));
        KeyValueStore<Bytes, Integer> boundaries = context.getStateStore(names.coverage());
        this.boundaryIndex = DerivedCoverage.union(boundaries, names.coverage(), table, ranges, pendingUnblocks, generation);
        this.coverage = new AddressCoverage(boundaryIndex);
        this.index = RangeIndex.open(context.getStateStore(StoreNames.BLOCKED_RANGES_INDEX), ranges, table, pendingUnblocks,
                generation);
        this.sources = new SourceTables(totals, context.getStateStore(names.sourceCoverage()), names.sourceCoverage(),
                ranges, table, generation);
        // init runs again when a task is revived after an aborted transaction, with its stores restored to
        // the last commit: nothing from before may survive in memory.
        this.inProgress = new HashMap<>();
    }

    @Override
    public void close() {
        coverage = null; // the in-memory index can be large; let it go with the task
        boundaryIndex = null;
    }

    @Override
    public void process(Record<String, AddressDelta> record) {
        AddressDelta delta = record.value();
        DumpProgress dump = progress(delta.getDump());
        for (String range : delta.getUnblock()) {
            unblock(record, delta, BlockedRanges.parse(range));
        }
        // One row can list 260,000 addresses: their owners are summed here and added to the dump once.
        Map<OwnerLabel, Long> newlyByOwner = new HashMap<>();
        for (String range : delta.getBlock()) {
            block(record, delta, BlockedRanges.parse(range), dump, newlyByOwner);
        }
        newlyBlockedByOwner(dump, newlyByOwner);
        eventApplied(record, delta, dump);
    }

    private void block(Record<String, AddressDelta> record, AddressDelta delta, Cidr cidr, DumpProgress dump,
                       Map<OwnerLabel, Long> newlyByOwner) {
        // Every range in the ranges store or waiting to be unblocked is covered: where the coverage (in memory)
        // has none of this one's addresses, neither store can hold it, and two reads that would miss are saved.
        boolean mayBeKnown = coverage.coversAny(cidr);
        RangeState state = mayBeKnown ? ranges.get(cidr.toString()) : null;
        boolean wasBlocked = state != null && RangeEntries.count(state) > 0;
        boolean indexed = state != null;
        if (state == null && mayBeKnown) {
            state = unblockedEarlierInTheDump(cidr);
            wasBlocked = state != null;
        }
        if (state == null) {
            state = new RangeState(new HashMap<>(), delta.getDump().getRegistryTime(), delta.getDump().getId(), 0,
                    new HashMap<>());
        }
        int entriesBefore = RangeEntries.count(state);
        boolean newEntry = rangeEntries.put(cidr.toString(), state, delta.getEntryKey(),
                delta.getDecision() == null ? BlockedRanges.noDecision() : delta.getDecision());
        String source = sourceOf(delta);
        if (newEntry && RangeSources.added(state, source, entriesBefore)) {
            sources.rangeListed(source, cidr);
        }
        ranges.put(cidr.toString(), state);
        if (!indexed) {
            index.added(cidr, state);
        }
        OwnerSegments segments = directory.segments(owners);
        BlockedRange range = BlockedRanges.of(cidr, state);
        range.setOwners(OwnerShares.of(cidr, segments));
        if (wasBlocked) {
            context.forward(record.withKey(cidr.toString()).withValue(new TableChange.RangeEntriesChanged(range, delta.getDump())));
            return;
        }
        BigInteger newly = cidr.family() != IpFamily.IPV4 ? coverage.add(cidr) : coverage.add(cidr, (start, end) -> {
            for (OwnerSegments.Piece piece : segments.split(start.longValueExact(), end.longValueExact() - 1)) {
                newlyByOwner.merge(piece.label(), piece.size(), Long::sum);
            }
        });
        Totals.adjust(table, cidr, newly, +1);
        if (cidr.family() == IpFamily.IPV4) {
            dump.setNewlyBlockedIpv4(dump.getNewlyBlockedIpv4() + newly.longValueExact());
        }
        LargestRanges.offer(dump, cidr);
        context.forward(record.withKey(cidr.toString())
                .withValue(new TableChange.RangeBlocked(range, newly, table.getDistinctIpv4(), delta.getDump())));
    }

    private void unblock(Record<String, AddressDelta> record, AddressDelta delta, Cidr cidr) {
        RangeState state = ranges.get(cidr.toString());
        int entriesBefore = state == null ? 0 : RangeEntries.count(state);
        if (state == null || rangeEntries.remove(cidr.toString(), state, delta.getEntryKey()) == null) {
            // Cannot happen while events and this store come from the same exactly-once pipeline.
            LOG.warn("entry {} unblocks {} which it did not block; ignored", delta.getEntryKey(), cidr);
            return;
        }
        String source = sourceOf(delta);
        if (RangeSources.removed(state, source, entriesBefore)) {
            sources.rangeUnlisted(source, cidr);
        }
        if (RangeEntries.count(state) == 0) {
            // The dump may block it again from another entry, in an event still on its way: decide at its end.
            pendingUnblocks.put(cidr.toString(), new PendingUnblock(delta.getDump().getId(), state,
                    delta.getDecision() == null ? BlockedRanges.noDecision() : delta.getDecision()));
            ranges.delete(cidr.toString());
            index.removed(cidr, state);
            return;
        }
        ranges.put(cidr.toString(), state);
        BlockedRange range = BlockedRanges.of(cidr, state);
        range.setOwners(OwnerShares.of(cidr, directory.segments(owners)));
        context.forward(record.withKey(cidr.toString()).withValue(
                new TableChange.RangeEntriesChanged(range, delta.getDump())));
    }

    /** Unblocks the ranges whose last entry the dump removed and did not block again. */
    private void settleUnblocks(Record<String, AddressDelta> record, DumpRef dumpRef, DumpProgress dump) {
        List<KeyValue<String, PendingUnblock>> settled = new ArrayList<>();
        try (KeyValueIterator<String, PendingUnblock> it = pendingUnblocks.all()) {
            while (it.hasNext()) {
                KeyValue<String, PendingUnblock> next = it.next();
                if (next.value.getDumpId().equals(dumpRef.getId())) {
                    settled.add(next);
                }
            }
        }
        for (KeyValue<String, PendingUnblock> pending : settled) {
            pendingUnblocks.delete(pending.key);
            Cidr cidr = BlockedRanges.parse(pending.key);
            RangeState gone = RangeState.newBuilder(pending.value.getState()).setEntries(new HashMap<>()).setMoreEntries(0).build();
            BlockedRange lastSeen = BlockedRanges.of(cidr, gone);
            lastSeen.setOwners(OwnerShares.of(cidr, directory.segments(owners)));
            lastSeen.setDecisions(BlockedRanges.decisions(List.of(pending.value.getLastDecision())));
            BigInteger unblocked = coverage.remove(cidr);
            Totals.adjust(table, cidr, unblocked.negate(), -1);
            if (cidr.family() == IpFamily.IPV4) {
                dump.setUnblockedIpv4(dump.getUnblockedIpv4() + unblocked.longValueExact());
            }
            context.forward(record.withKey(cidr.toString())
                    .withValue(new TableChange.RangeUnblocked(lastSeen, unblocked, table.getDistinctIpv4(), dumpRef)));
        }
    }

    /**
     * The range as it was, if an event of a dump still being applied removed its last entry: it never stopped
     * being covered, and keeps the time it was first blocked. Null otherwise.
     */
    private RangeState unblockedEarlierInTheDump(Cidr cidr) {
        PendingUnblock pending = pendingUnblocks.get(cidr.toString());
        if (pending == null) {
            return null;
        }
        pendingUnblocks.delete(cidr.toString());
        RangeState state = pending.getState();
        state.getEntries().clear();
        state.setMoreEntries(0);
        return state;
    }

    /** Counts the event, stores totals and progress once per event, and reports a dump once it is complete. */
    private void eventApplied(Record<String, AddressDelta> record, AddressDelta delta, DumpProgress dump) {
        switch (delta.getEventType()) {
            case ADDED -> {
                table.setEntries(table.getEntries() + 1);
                sources.entryAdded(sourceOf(delta));
                dump.setAdded(dump.getAdded() + 1);
            }
            case REMOVED -> {
                table.setEntries(table.getEntries() - 1);
                sources.entryRemoved(sourceOf(delta));
                dump.setRemoved(dump.getRemoved() + 1);
            }
            case UPDATED -> dump.setUpdated(dump.getUpdated() + 1);
        }
        totals.put(TOTALS_KEY, table);
        sources.store();
        generation.applied();
        dump.setEventsApplied(dump.getEventsApplied() + 1);
        if (dump.getEventsApplied() < delta.getDumpEventCount()) {
            progress.put(delta.getDump().getId(), dump);
            return;
        }
        progress.delete(delta.getDump().getId());
        inProgress.remove(delta.getDump().getId());
        settleUnblocks(record, delta.getDump(), dump);
        totals.put(TOTALS_KEY, table);
        context.forward(record.withKey(delta.getDump().getId())
                .withValue(new TableChange.DumpApplied(delta.getDump(), TableTotals.newBuilder(table).build(), dump,
                        ownerTotals(), List.of(), sources.snapshot(table))));
    }

    /** Adds a block's newly covered addresses, split by owner, to its dump's account. */
    private static void newlyBlockedByOwner(DumpProgress dump, Map<OwnerLabel, Long> newlyByOwner) {
        if (newlyByOwner.isEmpty()) {
            return;
        }
        long hosting = 0;
        for (Map.Entry<OwnerLabel, Long> e : newlyByOwner.entrySet()) {
            if (e.getKey() != null && e.getKey().hosting()) {
                hosting += e.getValue();
            }
        }
        dump.setNewlyBlockedHostingIpv4(dump.getNewlyBlockedHostingIpv4() + hosting);
        dump.setNewlyBlockedOwners(OwnerShares.merge(dump.getNewlyBlockedOwners(), newlyByOwner, OwnerLabel::withoutService));
    }

    /** The table's IPv4 coverage split by owner, counted now, over the owner segments. */
    private TableChange.OwnerTotals ownerTotals() {
        Map<OwnerLabel, Long> counts = OwnerCoverage.count(boundaryIndex, directory.segments(owners));
        long attributed = counts.values().stream().mapToLong(Long::longValue).sum();
        return new TableChange.OwnerTotals(OwnerShares.sorted(counts), table.getDistinctIpv4() - attributed);
    }

    /** The source of the delta's entry; its dump's, which ingest sets (null before 0.4: the default source). */
    private static String sourceOf(AddressDelta delta) {
        return SourceNames.orDefault(delta.getDump().getSourceName());
    }

    private DumpProgress progress(DumpRef dump) {
        // The object put last is the stored value: reuse it rather than decode the store's copy for every event.
        DumpProgress p = inProgress.computeIfAbsent(dump.getId(), progress::get);
        if (p == null) {
            p = new DumpProgress(0, 0, 0, 0, 0L, 0L, new java.util.ArrayList<>(), new java.util.ArrayList<>(), 0L);
            inProgress.put(dump.getId(), p);
        }
        return p;
    }
}
