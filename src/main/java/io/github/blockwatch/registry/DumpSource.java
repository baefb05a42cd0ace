package io.github.blockwatch.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What is read as one dump: one file, or the parts of a split dump in order ({@code dump-00.csv} …
 * {@code dump-19.csv}, see {@link SplitDumps}), read as if concatenated.
 *
 * @param name  how the dump is named in headers, events and messages: the file name, or for a split
 *              dump {@code dump-{00..19}.csv}
 * @param files the file, or the parts in order
 */
public record DumpSource(String name, List<Path> files) {
    public DumpSource {
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a dump source needs at least one file");
        }
    }

    /** One file, named by its file name. */
    public static DumpSource of(Path file) {
        return new DumpSource(file.getFileName().toString(), List.of(file));
    }

    /** One file under another name (a URL it was fetched from). */
    public static DumpSource of(Path file, String name) {
        return new DumpSource(name, List.of(file));
    }

    public boolean isSplit() {
        return files.size() > 1;
    }

    /** Bytes on disk, all parts together (compressed bytes for gzip): what progress is measured against. */
    public long size() throws IOException {
        long size = 0;
        for (Path file : files) {
            size += Files.size(file);
        }
        return size;
    }

    @Override
    public String toString() {
        return name;
    }
}
