package io.github.blockwatch.ingest;

import io.github.blockwatch.registry.DumpHeader;
import io.github.blockwatch.registry.Dumps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Expands files and directories into dump files, in the order of their registry time. */
public final class DumpFiles {
    private DumpFiles() {}

    /** A dump file and its header, read once to sort by. */
    public record DumpFile(Path path, DumpHeader header) {}

    public static List<DumpFile> inRegistryOrder(List<Path> paths) throws IOException {
        List<DumpFile> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> children = Files.list(path)) {
                    for (Path child : children.filter(DumpFiles::looksLikeDump).sorted().toList()) {
                        files.add(new DumpFile(child, Dumps.readHeader(child)));
                    }
                }
            } else if (Files.isRegularFile(path)) {
                files.add(new DumpFile(path, Dumps.readHeader(path)));
            } else {
                throw new IOException(path + ": no such file or directory");
            }
        }
        files.sort(Comparator.comparing((DumpFile f) -> f.header().registryTime()).thenComparing(f -> f.path().toString()));
        return files;
    }

    /** Regular, non-hidden, non-empty files; partial downloads ({@code .part}, {@code .tmp}) are skipped. */
    static boolean looksLikeDump(Path path) {
        String name = path.getFileName().toString();
        try {
            return Files.isRegularFile(path) && !name.startsWith(".") && !name.endsWith(".part")
                    && !name.endsWith(".tmp") && Files.size(path) > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
