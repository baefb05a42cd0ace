package io.github.blockwatch.topology;

import io.github.blockwatch.avro.DecisionStats;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.InvalidAddressException;
import io.github.blockwatch.registry.IpFamily;
import io.github.blockwatch.registry.Ipv4BlockUnion;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The distinct IPv4 addresses of each decision, kept exact range by range for large decisions.
 *
 * <p>A decision's figure used to be recounted from all its ranges at the end of every dump that changed
 * one of them, so a one-row change under the decision of a million ranges cost a pass over a million
 * ranges. Decisions with at least {@link #INDEXED_FROM} ranges now keep an {@link Ipv4BlockUnion} in memory,
 * built from the decision's range store on the first change after the processor starts and updated by
 * each range the decision starts or stops listing; smaller ones are still recounted once a dump is applied
 * ({@link DecisionSettler}), at a cost bounded by that threshold. The unions live only in memory: the
 * range store stays the state that survives restarts, and each union is rebuilt from it.
 */
final class DecisionAddresses {
    /** Ranges from which a decision keeps its union in memory; below it a recount is cheap. */
    static final int INDEXED_FROM = 256;
    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, Integer> decisionRanges;
    private final Map<String, Ipv4BlockUnion> unions = new HashMap<>();

    DecisionAddresses(KeyValueStore<String, Integer> decisionRanges) {
        this.decisionRanges = decisionRanges;
    }

    /**
     * Called once the range store shows that {@code decisionKey} started ({@code listed}) or stopped listing
     * {@code range}. Returns true if {@code stats} now holds the decision's exact distinct IPv4 count, false
     * if the decision is small and not indexed: its count waits for the recount at the end of the dump.
     */
    boolean rangeChanged(String decisionKey, String range, boolean listed, DecisionStats stats) {
        Ipv4BlockUnion union = unions.get(decisionKey);
        if (union == null) {
            if (stats.getRanges() < INDEXED_FROM) {
                return false;
            }
            union = read(decisionRanges, decisionKey); // the store already shows this change
            unions.put(decisionKey, union);
        } else {
            Cidr block = parse(range);
            if (block.family() == IpFamily.IPV4) {
                if (listed) {
                    union.add(block);
                } else {
                    union.remove(block);
                }
            }
            if (stats.getRanges() == 0) {
                unions.remove(decisionKey);
            }
        }
        stats.setDistinctIpv4(union.distinctAddresses());
        return true;
    }

    /**
     * Puts a small decision's distinct IPv4 count in {@code stats}: none without ranges, else recounted from
     * its ranges when {@code rangesChanged} (otherwise the count it holds stands).
     */
    static void recount(KeyValueStore<String, Integer> decisionRanges, String decisionKey, DecisionStats stats,
                        boolean rangesChanged) {
        if (stats.getRanges() <= 0) {
            stats.setDistinctIpv4(0L);
        } else if (rangesChanged) {
            stats.setDistinctIpv4(read(decisionRanges, decisionKey).distinctAddresses());
        }
    }

    /** The union of the IPv4 ranges the range store lists under {@code decisionKey}. */
    static Ipv4BlockUnion read(KeyValueStore<String, Integer> decisionRanges, String decisionKey) {
        Ipv4BlockUnion union = new Ipv4BlockUnion();
        String prefix = DecisionTable.rangeKey(decisionKey, "");
        try (KeyValueIterator<String, Integer> it = decisionRanges.prefixScan(prefix, KEYS)) {
            while (it.hasNext()) {
                Cidr block = parse(it.next().key.substring(prefix.length()));
                if (block.family() == IpFamily.IPV4) {
                    union.add(block);
                }
            }
        }
        return union;
    }

    private static Cidr parse(String cidr) {
        try {
            return Cidr.parse(cidr);
        } catch (InvalidAddressException e) {
            throw new IllegalArgumentException("decision range store holds " + e.getMessage(), e);
        }
    }
}
