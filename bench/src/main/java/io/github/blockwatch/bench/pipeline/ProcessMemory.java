package io.github.blockwatch.bench.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Memory and disk figures of this process: peak and current resident set ({@code VmHWM}, {@code VmRSS}
 * from {@code /proc/self/status}; broker, Streams, ingest and HTTP together), the heap's peak (sum of
 * each heap pool's peak: an upper bound, the pools need not peak together), the live heap after a full
 * GC, and the space a directory takes on disk.
 */
record ProcessMemory(long peakRssBytes, long rssBytes, long peakHeapBytes, long liveHeapBytes) {

    static ProcessMemory now() {
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new ProcessMemory(procStatus("VmHWM"), procStatus("VmRSS"), peakHeap, live);
    }

    /** A {@code /proc/self/status} line in bytes, or -1 where there is no procfs. */
    private static long procStatus(String field) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith(field + ":"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024)
                    .findFirst().orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Bytes {@code dir} takes on disk, as {@code du -sk} counts them: the broker preallocates its index
     * files (10 MiB each), so their length says little. Falls back to the sum of file lengths without du.
     */
    static long directorySize(Path dir) {
        try {
            Process du = new ProcessBuilder("du", "-sk", dir.toString()).redirectErrorStream(true).start();
            String out = new String(du.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (du.waitFor() == 0) {
                return Long.parseLong(out.trim().split("\\s+")[0]) * 1024;
            }
        } catch (IOException | NumberFormatException e) {
            // no du here: sum the lengths below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // RocksDB deletes files while we walk
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
