package io.github.blockwatch.bench;

import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.avro.EventType;
import io.github.blockwatch.avro.RegistryEntry;
import io.github.blockwatch.avro.RegistryEvent;
import io.github.blockwatch.kafka.Topics;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The Avro single-object serde on a typical registry event (one domain entry, two addresses). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class AvroSerdeBenchmark {
    private Serializer<RegistryEvent> serializer;
    private Deserializer<RegistryEvent> deserializer;
    private RegistryEvent event;
    private byte[] bytes;

    @Setup
    public void setup() {
        serializer = Topics.REGISTRY_EVENTS.valueSerde().serializer();
        deserializer = Topics.REGISTRY_EVENTS.valueSerde().deserializer();
        RegistryEntry entry = RegistryEntry.newBuilder()
                .setKey("csv:0123456789abcdef")
                .setDecision(new Decision("Генпрокуратура", "27-31-2018/Ид2971-18", "2018-04-16"))
                .setRanges(List.of("104.24.110.17/32", "104.24.111.17/32"))
                .setDomains(List.of("ash-music.ru"))
                .setUrls(List.of("http://ash-music.ru/ash_songs/olesja"))
                .build();
        Instant at = Instant.parse("2018-05-05T13:25:00Z");
        event = new RegistryEvent(EventType.ADDED, entry.getKey(), new DumpRef(at + "/abc", "zi.csv.gz", "csv", at, null), 1000, entry, null);
        bytes = serializer.serialize("t", event);
    }

    @Benchmark
    public byte[] serialize() {
        return serializer.serialize("t", event);
    }

    @Benchmark
    public RegistryEvent deserialize() {
        return deserializer.deserialize("t", bytes);
    }
}
