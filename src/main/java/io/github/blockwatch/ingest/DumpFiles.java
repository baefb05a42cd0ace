package io.github.blockwatch.ingest;

import io.github.blockwatch.registry.DumpHeader;
import io.github.blockwatch.registry.DumpSource;
import io.github.blockwatch.registry.Dumps;
import io.github.blockwatch.registry.SplitDumps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands files and directories into dumps, in the order of their registry time. The parts of a split
 * dump ({@code dump-00.csv} … {@code dump-19.csv}) become one dump (see {@link SplitDumps}).
 */
public final class DumpFiles {
    private DumpFiles() {}

    /** A dump (one file or a split dump's parts) and its header, read once to sort by. */
    public record DumpFile(DumpSource source, DumpHeader header) {}

    public static List<DumpFile> inRegistryOrder(List<Path> paths) throws IOException {
        List<Path> expanded = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> children = Files.list(path)) {
                    expanded.addAll(children.filter(DumpFiles::looksLikeDump).sorted().toList());
                }
            } else if (Files.isRegularFile(path)) {
                expanded.add(path);
            } else {
                throw new IOException(path + ": no such file or directory");
            }
        }
        List<DumpFile> files = new ArrayList<>();
        for (DumpSource source : SplitDumps.group(expanded)) {
            files.add(new DumpFile(source, Dumps.readHeader(source)));
        }
        files.sort(Comparator.comparing((DumpFile f) -> f.header().registryTime()).thenComparing(f -> f.source().files().get(0).toString()));
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
