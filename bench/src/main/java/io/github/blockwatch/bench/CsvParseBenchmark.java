package io.github.blockwatch.bench;

import io.github.blockwatch.registry.DumpGenerator;
import io.github.blockwatch.registry.DumpReader;
import io.github.blockwatch.registry.Dumps;
import io.github.blockwatch.registry.ParsedRow;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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

/** dump.csv parsing, rows per second: a generated 200,000-row dump (plain cp1251) read to its end. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class CsvParseBenchmark {
    static final int ROWS = 200_000;
    private Path dump;

    @Setup(Level.Trial)
    public void writeDump() throws IOException {
        dump = Files.createTempFile("bench-dump-", ".csv");
        try (Writer out = Files.newBufferedWriter(dump, Charset.forName("windows-1251"))) {
            new DumpGenerator(1, ROWS, ROWS / 50).write(0, out);
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(dump);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long parseRows() throws IOException {
        long ranges = 0;
        try (DumpReader reader = Dumps.open(dump)) {
            for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                if (row instanceof ParsedRow.Accepted accepted) {
                    ranges += accepted.entry().ranges().size();
                }
            }
        }
        return ranges;
    }
}
