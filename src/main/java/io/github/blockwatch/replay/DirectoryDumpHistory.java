package io.github.blockwatch.replay;

import io.github.blockwatch.ingest.DumpContent;
import io.github.blockwatch.ingest.DumpFiles;
import io.github.blockwatch.registry.DumpReader;
import io.github.blockwatch.registry.Dumps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A directory of dated dump files, in the order of the registry time each states (as {@code ingest DIR}). */
final class DirectoryDumpHistory implements DumpHistory {
    private final Path dir;

    DirectoryDumpHistory(Path dir) {
        this.dir = dir;
    }

    @Override
    public List<DumpVersion> versions() throws IOException {
        return DumpFiles.inRegistryOrder(List.of(dir)).stream()
                .map(f -> new DumpVersion(f.path().getFileName().toString(), f.header().registryTime(), content(f.path())))
                .toList();
    }

    @Override
    public String description() {
        return "directory " + dir;
    }

    @Override
    public void close() {}

    private static DumpContent content(Path file) {
        return new DumpContent() {
            @Override
            public String name() {
                return file.getFileName().toString();
            }

            @Override
            public long size() {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0;
                }
            }

            @Override
            public DumpReader open() throws IOException {
                return Dumps.open(file);
            }
        };
    }
}
