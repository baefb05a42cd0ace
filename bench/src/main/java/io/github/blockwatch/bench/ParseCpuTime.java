package io.github.blockwatch.bench;

import io.github.blockwatch.registry.DumpReader;
import io.github.blockwatch.registry.Dumps;
import io.github.blockwatch.registry.ParsedRow;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

/**
 * Reads a dump to its end {@code rounds} times and prints, per round, rows per second of wall time and of
 * the reading thread's CPU time. On a shared machine the CPU-time figure moves much less with the load than
 * JMH's wall clock (it leaves out the time the thread waited for a core, and the collector's threads).
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.github.blockwatch.bench.ParseCpuTime DUMP ROUNDS}
 */
public final class ParseCpuTime {
    private ParseCpuTime() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ParseCpuTime DUMP ROUNDS");
            System.exit(2);
        }
        Path dump = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < rounds; round++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            long rows = 0;
            long ranges = 0;
            try (DumpReader reader = Dumps.open(dump)) {
                for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                    rows++;
                    if (row instanceof ParsedRow.Accepted accepted) {
                        ranges += accepted.entry().ranges().size();
                    }
                }
            }
            long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
            long wall = System.nanoTime() - wallStart;
            System.out.printf("round %d rows %d ranges %d wall %.0f rows/s cpu %.0f rows/s%n",
                    round, rows, ranges, rows * 1e9 / wall, rows * 1e9 / cpu);
        }
    }
}
