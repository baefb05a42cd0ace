package io.github.blockwatch.topology;

import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.avro.EventType;
import io.github.blockwatch.avro.RegistryEntry;
import io.github.blockwatch.avro.RegistryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;

/** Builds the events of one dump the way ingest does: every event carries the dump's event count. */
final class TestEvents {
    static final Decision DECISION = new Decision("Генпрокуратура", "27-31-2015/Ид4082-15", "2015-12-04");

    private final DumpRef dump;
    private final List<RegistryEvent> events = new ArrayList<>();
    private Decision decision = DECISION;
    private String follows;

    private TestEvents(String time) {
        Instant at = Instant.parse(time);
        this.dump = new DumpRef(at + "/test", "test-" + time, "csv", at, null);
    }

    static TestEvents dump(String registryTime) {
        return new TestEvents(registryTime);
    }

    /** The events of a named source ({@code ingest --source}): its name in the dump id and DumpRef. */
    TestEvents source(String name) {
        dump.setSourceName(name);
        dump.setId(name + "/" + dump.getId());
        return this;
    }

    /** The dump these events come after, as ingest names it (the last dump it published events for). */
    TestEvents follows(String dumpId) {
        this.follows = dumpId;
        return this;
    }

    /** The decision of the events added after this call ({@link #DECISION} until then; null for none). */
    TestEvents under(Decision decision) {
        this.decision = decision;
        return this;
    }

    TestEvents added(String key, String... ranges) {
        return event(EventType.ADDED, key, ranges);
    }

    TestEvents updated(String key, String... ranges) {
        return event(EventType.UPDATED, key, ranges);
    }

    TestEvents removed(String key, String... ranges) {
        return event(EventType.REMOVED, key, ranges);
    }

    private TestEvents event(EventType type, String key, String... ranges) {
        RegistryEntry entry = RegistryEntry.newBuilder()
                .setKey(key)
                .setDecision(decision)
                .setRanges(List.of(ranges))
                .build();
        events.add(RegistryEvent.newBuilder().setType(type).setKey(key).setDump(dump).setDumpEventCount(0).setEntry(entry).build());
        return this;
    }

    /** Pipes events in the given order, each stamped with its dump's registry time, as the topology reads it. */
    static void pipe(TestInputTopic<String, RegistryEvent> topic, List<RegistryEvent> events) {
        for (RegistryEvent event : events) {
            topic.pipeInput(event.getKey(), event, event.getDump().getRegistryTime());
        }
    }

    DumpRef ref() {
        return dump;
    }

    List<RegistryEvent> build() {
        events.forEach(e -> {
            e.setDumpEventCount(events.size());
            e.setFollows(follows);
        });
        return events;
    }
}
