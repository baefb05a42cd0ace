package io.github.blockwatch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * A RocksDB get that finds its key and one that does not, on 200,000 CIDR-like keys in the memtable: the
 * table's first load misses on most of its reads, and rocksdbjni before 10.10 threw and caught a C++
 * exception inside JNI on every miss. Run it with another rocksdbjni jar first on the class path to compare
 * versions (docs/PERFORMANCE.md, "Issue 18, next steps").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class RocksDbGetBenchmark {
    private static final int KEYS = 200_000;

    private Path dir;
    private Options options;
    private RocksDB db;
    private byte[][] present;
    private byte[][] absent;
    private int next;

    @Setup
    public void setup() throws IOException, RocksDBException {
        RocksDB.loadLibrary();
        dir = Files.createTempDirectory("rocksdb-get-bench");
        options = new Options().setCreateIfMissing(true);
        db = RocksDB.open(options, dir.toString());
        present = new byte[KEYS][];
        absent = new byte[KEYS][];
        for (int i = 0; i < KEYS; i++) {
            present[i] = ("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255) + "/32").getBytes(StandardCharsets.UTF_8);
            absent[i] = ("11." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255) + "/32").getBytes(StandardCharsets.UTF_8);
            db.put(present[i], new byte[24]);
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        db.close();
        options.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public byte[] getMiss() throws RocksDBException {
        return db.get(absent[next++ % KEYS]);
    }

    @Benchmark
    public byte[] getHit() throws RocksDBException {
        return db.get(present[next++ % KEYS]);
    }
}
