package io.github.blockwatch.topology;

import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.kafka.Topic;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The live blocked-IP table as a compacted topic: {@code blockwatch.blocked.ranges}, key = canonical CIDR,
 * value = {@link BlockedRange}, a tombstone (null) when the last entry blocking the range is gone.
 */
final class BlockedRangeTable {
    private BlockedRangeTable() {}

    static void addTo(KStream<String, TableChange> changes, Topic<String, BlockedRange> topic) {
        changes.flatMap((key, change) -> {
            List<KeyValue<String, BlockedRange>> out = new ArrayList<>(1);
            if (change instanceof TableChange.RangeBlocked blocked) {
                out.add(KeyValue.pair(blocked.range().getCidr(), blocked.range()));
            } else if (change instanceof TableChange.RangeEntriesChanged changed) {
                out.add(KeyValue.pair(changed.range().getCidr(), changed.range()));
            } else if (change instanceof TableChange.RangeUnblocked unblocked) {
                out.add(KeyValue.pair(unblocked.lastSeen().getCidr(), null));
            }
            return out;
        }).to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde()));
    }
}
