package io.github.blockwatch.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Successive versions of a registry dump, oldest first, to be replayed. */
public interface DumpHistory extends AutoCloseable {
    /** Every version, in registry-time order (ties kept in history order). */
    List<DumpVersion> versions() throws IOException;

    /** What the history is, for the first line of a replay ({@code git bundle x.bundle, dump.xml}). */
    String description();

    @Override
    void close();

    /**
     * Opens {@code source}: a git repository (work tree or bare), a git bundle file, a directory of dated
     * snapshots ({@code 2024-07-17/ipsum.lst.gz}, …, with {@code file}), or a directory of dump files.
     *
     * @param file the dump's path inside a repository (null to find {@code dump.xml} or {@code dump.csv}), or
     *             the list's name in each folder of dated snapshots
     */
    static DumpHistory open(Path source, String file) throws IOException {
        return open(source, file, null);
    }

    /**
     * As {@link #open(Path, String)}, reporting the slow first steps of a git history (fetching a bundle,
     * reading every version's header) as lines on {@code progress}, a terminal; null for silence.
     */
    static DumpHistory open(Path source, String file, PrintStream progress) throws IOException {
        check(source, file);
        if (Files.isRegularFile(source)) {
            return GitDumpHistory.openBundle(source, file, GitDumpHistory.monitor(progress));
        }
        if (GitDumpHistory.isRepository(source)) {
            return GitDumpHistory.openRepository(source, file, GitDumpHistory.monitor(progress));
        }
        if (file != null || DatedSnapshotHistory.isSnapshotDirectory(source)) {
            return new DatedSnapshotHistory(source, file);
        }
        return new DirectoryDumpHistory(source);
    }

    /**
     * What {@link #open} would refuse, found without reading a git history: a path that does not exist or is
     * neither a git repository, a bundle nor a directory, {@code --file} for a directory of dumps (or none for
     * one of dated snapshots), or a directory holding no dump. Quick, so a command can check its arguments before it connects to anything.
     */
    static void check(Path source, String file) throws IOException {
        if (Files.isRegularFile(source)) {
            if (!GitDumpHistory.isBundle(source)) {
                throw new IOException(source + ": not a git repository, git bundle or directory of dumps "
                        + "(to ingest one dump use 'blockwatch ingest')");
            }
            return;
        }
        if (!Files.isDirectory(source)) {
            throw new IOException(source + ": no such file or directory");
        }
        if (GitDumpHistory.isRepository(source)) {
            return;
        }
        boolean snapshots = DatedSnapshotHistory.isSnapshotDirectory(source);
        if (file != null && !snapshots) {
            throw new IOException(source + ": neither a git repository nor a directory of dated snapshots (2024-07-17/ …), "
                    + "so --file does not apply (a directory of dumps is replayed whole)");
        }
        if (file == null && !snapshots) {
            DirectoryDumpHistory.check(source);
        }
    }

    /** Files of a directory of dumps that are not dumps and were passed over (see {@code DumpFiles}). */
    default List<Path> skipped() {
        return List.of();
    }
}
