package io.github.blockwatch.replay;

import io.github.blockwatch.ingest.DumpContent;
import io.github.blockwatch.ingest.DumpFiles;
import io.github.blockwatch.registry.DumpLimits;
import io.github.blockwatch.registry.DumpReader;
import io.github.blockwatch.registry.DumpSource;
import io.github.blockwatch.registry.Dumps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A directory of dated dump files, in the order of the registry time each states (as {@code ingest DIR}). */
final class DirectoryDumpHistory implements DumpHistory {
    private final Path dir;
    private List<Path> skipped = List.of();

    DirectoryDumpHistory(Path dir) {
        this.dir = dir;
    }

    /** Fails as {@link #versions()} would on a directory holding no dump (reads the headers only). */
    static void check(Path dir) throws IOException {
        DumpFiles.select(List.of(dir));
    }

    @Override
    public List<DumpVersion> versions() throws IOException {
        DumpFiles.Selection selection = DumpFiles.select(List.of(dir));
        skipped = selection.skipped();
        return selection.dumps().stream()
                .map(f -> new DumpVersion(f.source().name(), f.header().registryTime(), content(f.source())))
                .toList();
    }

    @Override
    public List<Path> skipped() {
        return skipped;
    }

    @Override
    public String description() {
        return "directory " + dir;
    }

    @Override
    public void close() {}

    /** A dump of the directory: one file, or the parts of a split dump read as one. */
    private static DumpContent content(DumpSource source) {
        return new DumpContent() {
            @Override
            public String name() {
                return source.name();
            }

            @Override
            public long size() {
                try {
                    return source.size();
                } catch (IOException e) {
                    return 0;
                }
            }

            @Override
            public DumpReader open(DumpLimits limits) throws IOException {
                return Dumps.open(source, limits);
            }
        };
    }
}
