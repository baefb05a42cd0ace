package io.github.blockwatch.topology;

import io.github.blockwatch.avro.AddressDelta;
import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.DumpProgress;
import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.avro.RangeState;
import io.github.blockwatch.avro.TableTotals;
import io.github.blockwatch.registry.AddressCoverage;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.InvalidAddressException;
import io.github.blockwatch.registry.IpFamily;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live blocked-address table. For each range it keeps which entries block it; when a range gains its
 * first entry or loses its last one, the exact coverage of the whole address space changes by that range
 * minus whatever else already covers it ({@link AddressCoverage}), and the running totals follow. No
 * update ever recounts the table. Each input record is one registry event with all its ranges; when all
 * of a dump's events are applied it emits {@code DumpApplied}.
 */
final class AddressTableProcessor implements Processor<String, AddressDelta, String, TableChange> {
    static final String TOTALS_KEY = StoreNames.TOTALS_KEY;
    private static final Logger LOG = LoggerFactory.getLogger(AddressTableProcessor.class);

    private final AddressTableStores names;
    private ProcessorContext<String, TableChange> context;
    private KeyValueStore<String, RangeState> ranges;
    private KeyValueStore<String, TableTotals> totals;
    private KeyValueStore<String, DumpProgress> progress;
    private AddressCoverage coverage;
    private TableTotals table; // the stored totals, kept in memory and written back once per event

    AddressTableProcessor(AddressTableStores names) {
        this.names = names;
    }

    @Override
    public void init(ProcessorContext<String, TableChange> context) {
        this.context = context;
        KeyValueStore<Bytes, Integer> boundaries = context.getStateStore(names.coverage());
        this.coverage = new AddressCoverage(IndexedBoundaryMap.load(boundaries));
        this.ranges = context.getStateStore(names.ranges());
        this.totals = context.getStateStore(names.totals());
        this.progress = context.getStateStore(names.progress());
        TableTotals stored = totals.get(TOTALS_KEY);
        this.table = stored != null ? stored : new TableTotals(0L, 0L, 0L, 0L, BigDecimal.ZERO);
    }

    @Override
    public void close() {
        coverage = null; // the in-memory index can be large; let it go with the task
    }

    @Override
    public void process(Record<String, AddressDelta> record) {
        AddressDelta delta = record.value();
        DumpProgress dump = progress(delta.getDump());
        for (String range : delta.getUnblock()) {
            unblock(record, delta, parse(range), dump);
        }
        for (String range : delta.getBlock()) {
            block(record, delta, parse(range), dump);
        }
        eventApplied(record, delta, dump);
    }

    private void block(Record<String, AddressDelta> record, AddressDelta delta, Cidr cidr, DumpProgress dump) {
        RangeState state = ranges.get(cidr.toString());
        boolean wasBlocked = state != null && !state.getEntries().isEmpty();
        if (state == null) {
            state = new RangeState(new HashMap<>(), delta.getDump().getRegistryTime(), delta.getDump().getId());
        }
        state.getEntries().put(delta.getEntryKey(),
                delta.getDecision() == null ? BlockedRanges.noDecision() : delta.getDecision());
        ranges.put(cidr.toString(), state);
        BlockedRange range = BlockedRanges.of(cidr, state);
        if (wasBlocked) {
            context.forward(record.withKey(cidr.toString()).withValue(new TableChange.RangeEntriesChanged(range, delta.getDump())));
            return;
        }
        BigInteger newly = coverage.add(cidr);
        adjust(table, cidr, newly, +1);
        if (cidr.family() == IpFamily.IPV4) {
            dump.setNewlyBlockedIpv4(dump.getNewlyBlockedIpv4() + newly.longValueExact());
        }
        LargestRanges.offer(dump, cidr);
        context.forward(record.withKey(cidr.toString())
                .withValue(new TableChange.RangeBlocked(range, newly, table.getDistinctIpv4(), delta.getDump())));
    }

    private void unblock(Record<String, AddressDelta> record, AddressDelta delta, Cidr cidr, DumpProgress dump) {
        RangeState state = ranges.get(cidr.toString());
        if (state == null || state.getEntries().remove(delta.getEntryKey()) == null) {
            // Cannot happen while events and this store come from the same exactly-once pipeline.
            LOG.warn("entry {} unblocks {} which it did not block; ignored", delta.getEntryKey(), cidr);
            return;
        }
        if (!state.getEntries().isEmpty()) {
            ranges.put(cidr.toString(), state);
            context.forward(record.withKey(cidr.toString()).withValue(
                    new TableChange.RangeEntriesChanged(BlockedRanges.of(cidr, state), delta.getDump())));
            return;
        }
        BlockedRange lastSeen = BlockedRanges.of(cidr, state);
        lastSeen.setDecisions(BlockedRanges.decisions(java.util.List.of(
                delta.getDecision() == null ? BlockedRanges.noDecision() : delta.getDecision())));
        ranges.delete(cidr.toString());
        BigInteger unblocked = coverage.remove(cidr);
        adjust(table, cidr, unblocked.negate(), -1);
        if (cidr.family() == IpFamily.IPV4) {
            dump.setUnblockedIpv4(dump.getUnblockedIpv4() + unblocked.longValueExact());
        }
        context.forward(record.withKey(cidr.toString())
                .withValue(new TableChange.RangeUnblocked(lastSeen, unblocked, table.getDistinctIpv4(), delta.getDump())));
    }

    /** Counts the event, stores totals and progress once per event, and reports a dump once it is complete. */
    private void eventApplied(Record<String, AddressDelta> record, AddressDelta delta, DumpProgress dump) {
        switch (delta.getEventType()) {
            case ADDED -> {
                table.setEntries(table.getEntries() + 1);
                dump.setAdded(dump.getAdded() + 1);
            }
            case REMOVED -> {
                table.setEntries(table.getEntries() - 1);
                dump.setRemoved(dump.getRemoved() + 1);
            }
            case UPDATED -> dump.setUpdated(dump.getUpdated() + 1);
        }
        totals.put(TOTALS_KEY, table);
        dump.setEventsApplied(dump.getEventsApplied() + 1);
        if (dump.getEventsApplied() < delta.getDumpEventCount()) {
            progress.put(delta.getDump().getId(), dump);
            return;
        }
        progress.delete(delta.getDump().getId());
        context.forward(record.withKey(delta.getDump().getId())
                .withValue(new TableChange.DumpApplied(delta.getDump(), TableTotals.newBuilder(table).build(), dump)));
    }

    private static void adjust(TableTotals table, Cidr cidr, BigInteger addresses, int ranges) {
        if (cidr.family() == IpFamily.IPV4) {
            table.setDistinctIpv4(table.getDistinctIpv4() + addresses.longValueExact());
            table.setRangesIpv4(table.getRangesIpv4() + ranges);
        } else {
            table.setDistinctIpv6(table.getDistinctIpv6().add(new BigDecimal(addresses)));
            table.setRangesIpv6(table.getRangesIpv6() + ranges);
        }
    }

    private DumpProgress progress(DumpRef dump) {
        DumpProgress p = progress.get(dump.getId());
        return p != null ? p : new DumpProgress(0, 0, 0, 0, 0L, 0L, new java.util.ArrayList<>());
    }

    private static Cidr parse(String cidr) {
        try {
            return Cidr.parse(cidr);
        } catch (InvalidAddressException e) {
            // Ranges were validated and canonicalised by ingest; a bad one here means a foreign producer.
            throw new IllegalArgumentException("event carries " + e.getMessage(), e);
        }
    }
}
