package io.github.blockwatch.topology;

import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Tells whether a store without a changelog (the coverages, the range index) still matches the stores with
 * one. The table counts the deltas it has applied since it began, its generation, in a logged store
 * ({@value StoreNames#DUMP_SEQUENCE}, beside the per-dump counts: a new logged store in an existing task
 * would make Streams under exactly-once see the task as corrupted at the upgrade and restore all of it).
 * Each derived store's generation, the one it was last brought up to, is kept beside it in a store without a
 * changelog ({@value StoreNames#DERIVED_STAMPS}). Both are written by every delta; both stores cache, so
 * that is one write of each per commit.
 *
 * <p>Counts alone cannot tell: a task that moves to another instance and back finds there the state
 * directory it left, whose logged stores Streams brings up to date from their changelogs while a derived
 * store keeps what it held then, and a dump that swapped one address for another changed no count. Its stamp
 * is older than the generation, so it is rebuilt. A wiped state directory has no stamps at all.
 */
final class TableGeneration {
    /** Its key in {@value StoreNames#DUMP_SEQUENCE}, whose other keys count per dump. */
    static final String APPLIED = "table-generation";

    private final KeyValueStore<String, Long> generation;
    private final KeyValueStore<String, Long> stamps;
    private final Set<String> inStep = new LinkedHashSet<>();
    private long applied;

    private TableGeneration(KeyValueStore<String, Long> generation, KeyValueStore<String, Long> stamps) {
        this.generation = generation;
        this.stamps = stamps;
        Long stored = generation.get(APPLIED);
        this.applied = stored == null ? 0 : stored;
    }

    static TableGeneration open(KeyValueStore<String, Long> generation, KeyValueStore<String, Long> stamps) {
        return new TableGeneration(generation, stamps);
    }

    /** Whether the derived store {@code name} was last brought up to the table's present generation. */
    boolean current(String name) {
        Long stamp = stamps.get(name);
        return stamp != null && stamp == applied;
    }

    /**
     * Records that the derived store {@code name} matches the table now (checked or just rebuilt), and that the
     * table keeps it in step from now on: {@link #applied} stamps it with every delta.
     */
    void matched(String name) {
        stamps.put(name, applied);
        inStep.add(name);
    }

    /** Counts one more delta applied by the table, which kept every matched store in step. */
    void applied() {
        applied++;
        generation.put(APPLIED, applied);
        for (String name : inStep) {
            stamps.put(name, applied);
        }
    }
}
