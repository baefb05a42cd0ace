package io.github.blockwatch.topology;

import io.github.blockwatch.avro.AddressDelta;
import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.avro.DumpProgress;
import io.github.blockwatch.avro.PendingUnblock;
import io.github.blockwatch.avro.RangeState;
import io.github.blockwatch.avro.TableTotals;
import io.github.blockwatch.kafka.AvroSerde;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The overlap-aware address table (see {@link AddressTableProcessor}). Distinct-address counting needs
 * every range in one place: with several events partitions the per-event deltas go through a
 * single-partition repartition topic ({@code <application.id>-address-deltas-repartition}), with one they
 * are in one place already ({@link DeltaRoute}). There, {@link DumpSequencer} puts the dumps back in publication order, and the table
 * settles a dump's unblocks only once all its events are in, so the result does not depend on the order in
 * which the partitions deliver a dump's events.
 */
final class AddressTable {
    private AddressTable() {}

    /**
     * @param beforeTable applied to the single-partition deltas just before the table processes them: a step
     *                    there sees the table's stores as they were before each delta (the stores exist by
     *                    then, so it may read them)
     * @param sampleSize  how many of a range's entries its state holds ({@link RangeEntries}); tests make it small
     * @param route       whether the deltas go through the one-partition repartition topic first
     */
    static KStream<String, TableChange> addTo(StreamsBuilder builder, KStream<String, AddressDelta> deltas,
                                              OwnerDirectory owners,
                                              UnaryOperator<KStream<String, AddressDelta>> beforeTable, int sampleSize,
                                              DeltaRoute route) {
        AddressTableStores stores = AddressTableStores.DEFAULT;
        // Both coverages are derived from the ranges store and rebuilt from it when they disagree with the
        // table's counts (DerivedCoverage): a changelog would add two records per range blocked or unblocked.
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(stores.coverage()), Serdes.Bytes(), Serdes.Integer())
                .withLoggingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(stores.sourceCoverage()), Serdes.Bytes(), Serdes.Integer())
                .withLoggingDisabled());
        // Which generation of the table each of those (and the index) matches: TableGeneration.
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.DERIVED_STAMPS), Serdes.String(), Serdes.Long())
                .withCachingEnabled().withLoggingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(stores.ranges()), Serdes.String(), AvroSerde.of(RangeState.class)));
        // Derived from the ranges store and rebuilt from it when they disagree (RangeIndex): a changelog would
        // add two records per range blocked or unblocked for nothing a restore could not recompute.
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.BLOCKED_RANGES_INDEX), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(stores.rangeEntries()), Serdes.String(), AvroSerde.of(Decision.class)));
        // The totals, the dump's progress and the sequencer's counters are rewritten by every event. Streams'
        // record cache keeps the latest value of each key and writes it to RocksDB and the changelog once per
        // commit, before the transaction commits (exactly-once holds); without it one 1M-event dump wrote a
        // million versions of the same totals.
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(stores.totals()), Serdes.String(), AvroSerde.of(TableTotals.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(stores.progress()), Serdes.String(), AvroSerde.of(DumpProgress.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(stores.pendingUnblocks()), Serdes.String(), AvroSerde.of(PendingUnblock.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.DUMP_SEQUENCE), Serdes.String(), Serdes.Long()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.DUMP_SEQUENCE_HELD), Serdes.String(), AvroSerde.of(AddressDelta.class)));
        KStream<String, AddressDelta> inOnePlace = route == DeltaRoute.DIRECT ? deltas
                : deltas.repartition(Repartitioned.<String, AddressDelta>as(DeltaRoute.REPARTITION_NAME)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(AvroSerde.of(AddressDelta.class))
                        .withNumberOfPartitions(1));
        KStream<String, AddressDelta> single = inOnePlace
                .process(() -> new DumpSequencer(stores.totals()), Named.as("dump-sequencer"),
                        StoreNames.DUMP_SEQUENCE, StoreNames.DUMP_SEQUENCE_HELD, stores.totals());
        return beforeTable.apply(single).process(() -> new AddressTableProcessor(stores, owners, sampleSize),
                Named.as("address-table"), stores.coverage(), stores.ranges(), stores.rangeEntries(), stores.totals(),
                stores.progress(), stores.pendingUnblocks(), StoreNames.BLOCKED_RANGES_INDEX, stores.sourceCoverage(),
                StoreNames.DUMP_SEQUENCE, StoreNames.DERIVED_STAMPS);
    }
}
