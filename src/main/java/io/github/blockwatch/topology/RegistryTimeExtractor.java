package io.github.blockwatch.topology;

import io.github.blockwatch.avro.AddressDelta;
import io.github.blockwatch.avro.DumpRecord;
import io.github.blockwatch.avro.RegistryEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time = registry time: the time the dump behind a record states, carried in its payload
 * ({@code dump.registryTime} of a {@link RegistryEvent}, of the internal {@link AddressDelta}, of a
 * {@link DumpRecord}). Record timestamps cannot carry it: blockwatch's topics use {@code LogAppendTime}
 * (see docs/DESIGN.md, Timestamps), so they say when a dump was ingested, which in a replay of 2014 is
 * today. Any other record keeps its own timestamp, or the partition's time if it has none.
 */
public final class RegistryTimeExtractor implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        Object value = record.value();
        if (value instanceof RegistryEvent event) {
            return event.getDump().getRegistryTime().toEpochMilli();
        }
        if (value instanceof AddressDelta delta) {
            return delta.getDump().getRegistryTime().toEpochMilli();
        }
        if (value instanceof DumpRecord dump) {
            return dump.getDump().getRegistryTime().toEpochMilli();
        }
        // A tombstone or a record of another kind: nothing of the registry's to go by.
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(partitionTime, 0);
    }
}
