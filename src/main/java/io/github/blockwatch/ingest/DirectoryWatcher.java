package io.github.blockwatch.ingest;

import io.github.blockwatch.registry.SplitDumps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds dumps as they arrive in a directory (files that are not dumps are passed over, as in
 * {@link DumpFiles}). A file is handed over once its size and modification time have stayed the same for
 * one poll, so a dump still being copied in is not read half-written; the parts of a split dump
 * ({@code dump-00.csv} …) are handed over together, once every part present is. Polling rather than a
 * WatchService: it behaves the same on every file system, network mounts included.
 */
public final class DirectoryWatcher {
    private final Path dir;
    private final Map<Path, String> lastSeen = new HashMap<>();
    private final Set<Path> handedOver = new HashSet<>();

    public DirectoryWatcher(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a directory");
        }
        this.dir = dir;
    }

    /** Files that are complete and were not handed over before, oldest name first. */
    public List<Path> poll() throws IOException {
        Map<Path, String> now = new HashMap<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.filter(DumpFiles::isCandidate).toList()) {
                FileTime modified = Files.getLastModifiedTime(child);
                now.put(child, Files.size(child) + "@" + modified.toMillis());
            }
        }
        List<Path> pending = now.keySet().stream().filter(p -> !handedOver.contains(p)).toList();
        Set<String> unsettledSplitDumps = new HashSet<>();
        for (Path file : pending) {
            String set = SplitDumps.setOf(file);
            if (set != null && !now.get(file).equals(lastSeen.get(file))) {
                unsettledSplitDumps.add(set);
            }
        }
        List<Path> stable = pending.stream()
                .filter(p -> now.get(p).equals(lastSeen.get(p)))
                .filter(p -> !unsettledSplitDumps.contains(SplitDumps.setOf(p)))
                .sorted()
                .toList();
        handedOver.addAll(stable);
        lastSeen.clear();
        lastSeen.putAll(now);
        return stable.stream().filter(DirectoryWatcher::isDumpOrUnreadable).toList();
    }

    /** A README or a bundle beside the dumps is left alone, as {@code ingest DIR} skips it; a broken dump is not. */
    private static boolean isDumpOrUnreadable(Path file) {
        try {
            return DumpFiles.isDump(file);
        } catch (IOException e) {
            return true; // ingest reports it, once
        }
    }

    /** How often {@code ingest --watch} polls. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
}
