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
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Expands files and directories into dumps, in the order of their registry time. The parts of a split
 * dump ({@code dump-00.csv} … {@code dump-19.csv}) become one dump (see {@link SplitDumps}).
 *
 * <p>A file named on the command line is a dump: if it cannot be read as one, that is an error. A
 * directory means the dumps in it (not its subdirectories): a file there is taken when it is named as a
 * split dump's part, or when its content, decompressed if it is gzip, starts like a dump (an
 * {@code Updated:} line, an XML {@code <}, or an address or CIDR block on its first line that is not a
 * {@code #} comment; see {@link Dumps#looksLikeDump}). The rest — a README, a git bundle, JSON, empty and
 * partly downloaded ({@code .part}, {@code .tmp}) files — is skipped and reported as skipped; hidden files
 * are not looked at.
 * A file that starts like a dump and then fails to parse is still an error.
 */
public final class DumpFiles {
    private DumpFiles() {}

    /** A dump (one file or a split dump's parts) and its header, read once to sort by. */
    public record DumpFile(DumpSource source, DumpHeader header) {}

    /**
     * The dumps the paths name, in registry order, and the files of named directories that are not dumps.
     *
     * @param dumps   in the order of their registry time
     * @param skipped files of the named directories that are not dumps, in name order
     */
    public record Selection(List<DumpFile> dumps, List<Path> skipped) {
        public Selection {
            dumps = List.copyOf(dumps);
            skipped = List.copyOf(skipped);
        }

        /** One line naming the skipped files, or null when none was skipped. */
        public String skippedLine() {
            return DumpFiles.skippedLine(skipped);
        }
    }

    /** {@code skipped 2 files that are not dumps: data/README.md, data/x.bundle}, or null for none. */
    public static String skippedLine(List<Path> skipped) {
        if (skipped.isEmpty()) {
            return null;
        }
        boolean one = skipped.size() == 1;
        return String.format(Locale.ROOT, "skipped %d %s: %s", skipped.size(),
                one ? "file that is not a dump" : "files that are not dumps",
                skipped.stream().map(Path::toString).collect(Collectors.joining(", ")));
    }

    /** The dumps the paths name, in registry order; files of a directory that are not dumps are left out. */
    public static List<DumpFile> inRegistryOrder(List<Path> paths) throws IOException {
        return select(paths).dumps();
    }

    /**
     * Expands {@code paths} as the class comment says and reads each dump's header.
     *
     * @throws IOException a path that does not exist, a named directory holding no dump ("no dumps in DIR"),
     *                     a file that cannot be read as a dump, a split dump with a part missing
     */
    public static Selection select(List<Path> paths) throws IOException {
        List<Path> expanded = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                List<Path> found = new ArrayList<>();
                List<Path> notDumps = new ArrayList<>();
                for (Path child : children(path)) {
                    (isDump(child) ? found : notDumps).add(child);
                }
                if (found.isEmpty()) {
                    throw new IOException(noDumps(path, notDumps));
                }
                expanded.addAll(found);
                skipped.addAll(notDumps);
            } else if (Files.isRegularFile(path)) {
                expanded.add(path);
            } else if (Files.exists(path)) {
                throw new IOException(path + ": not a file or directory");
            } else {
                throw new IOException(path + ": no such file or directory");
            }
        }
        List<DumpFile> files = new ArrayList<>();
        for (DumpSource source : SplitDumps.group(expanded)) {
            files.add(new DumpFile(source, Dumps.readHeader(source)));
        }
        files.sort(Comparator.comparing((DumpFile f) -> f.header().registryTime()).thenComparing(f -> f.source().files().get(0).toString()));
        return new Selection(files, skipped);
    }

    /** The regular files of a directory, hidden ones left out altogether (as {@code ls} does). */
    private static List<Path> children(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

    private static String noDumps(Path dir, List<Path> notDumps) {
        if (notDumps.isEmpty()) {
            return "no dumps in " + dir;
        }
        return "no dumps in " + dir + " (not dumps: " + notDumps.stream().map(p -> p.getFileName().toString())
                .collect(Collectors.joining(", ")) + ")";
    }

    /** A file of a directory that is a dump: a split dump's part by its name, anything else by its content. */
    static boolean isDump(Path file) throws IOException {
        if (!isCandidate(file)) {
            return false;
        }
        return SplitDumps.isPart(file) || Dumps.looksLikeDump(file);
    }

    /** Regular, non-hidden, non-empty files; partial downloads ({@code .part}, {@code .tmp}) are skipped. */
    static boolean isCandidate(Path path) {
        String name = path.getFileName().toString();
        try {
            return Files.isRegularFile(path) && !name.startsWith(".") && !name.endsWith(".part")
                    && !name.endsWith(".tmp") && Files.size(path) > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
