package io.github.blockwatch.bench;

import io.github.blockwatch.registry.DumpReader;
import io.github.blockwatch.registry.Dumps;
import io.github.blockwatch.registry.ParsedRow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * dump.xml parsing, {@code <content>} rows per second: the real official dump of 2015-05-31 (10,099
 * contents, 3 MB, shipped with the tests) read to its end, uncompressed first so that only parsing counts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class XmlParseBenchmark {
    /** Relative to the repository root, where bench/run starts JMH. */
    static final Path DUMP = Path.of("src/test/resources/rkn-xml/dump-2015-05-31T2300.xml.gz");
    /** The dump's rows (checked in the setup), so that the score is rows per second. */
    static final int ROWS = 10_099;
    private Path dump;

    @Setup(Level.Trial)
    public void unpack() throws IOException {
        dump = Files.createTempFile("bench-dump-", ".xml");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(DUMP))) {
            Files.copy(in, dump, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        long rows = parse(null);
        if (rows != ROWS) {
            throw new IllegalStateException(DUMP + " has " + rows + " rows, not " + ROWS);
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(dump);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long parseRows(Blackhole sink) throws IOException {
        return parse(sink);
    }

    private long parse(Blackhole sink) throws IOException {
        long count = 0;
        try (DumpReader reader = Dumps.open(dump)) {
            for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                count++;
                if (sink != null) {
                    sink.consume(row);
                }
            }
        }
        return count;
    }
}
