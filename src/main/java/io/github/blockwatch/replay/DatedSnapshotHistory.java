package io.github.blockwatch.replay;

import io.github.blockwatch.registry.SourceNames;
import io.github.blockwatch.ingest.DumpContent;
import io.github.blockwatch.registry.DumpLimits;
import io.github.blockwatch.registry.DumpReader;
import io.github.blockwatch.registry.Dumps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A directory of dated snapshots, one folder per day named by its date ({@code 2024-07-17/}), each holding the
 * day's copy of one or more lists ({@code ipsum.lst.gz}, …); {@code file} names the one replayed, or, when it
 * is null, every list is replayed, each as its own source named after its file ({@link #sourceName}), all
 * in one order of time (lists of the same time by name). A day without a list named alone is an error (a
 * gap in its history); among every list, a list simply has no version that day. Lists carry
 * no time of their own, so a day's is the time {@code MANIFEST.txt} gives for its folder, if there is one
 * (a line {@code <folder> … <ISO date-time> …}: antifilter's copies name the commit and its time), else the
 * folder's date at 00:00 UTC. A dump with a time of its own (dump.csv, dump.xml) keeps it.
 */
final class DatedSnapshotHistory implements DumpHistory {
    static final String MANIFEST = "MANIFEST.txt";

    private final Path dir;
    private final String file;

    DatedSnapshotHistory(Path dir, String file) {
        this.dir = dir;
        this.file = file;
    }

    /** Whether {@code dir} holds at least one folder named by a date. */
    static boolean isSnapshotDirectory(Path dir) throws IOException {
        return !days(dir).isEmpty();
    }

    @Override
    public List<DumpVersion> versions() throws IOException {
        Map<String, Instant> manifest = manifest(dir.resolve(MANIFEST));
        List<DumpVersion> versions = new ArrayList<>();
        for (Path day : days(dir)) {
            String folder = day.getFileName().toString();
            Instant listTime = manifest.getOrDefault(folder, LocalDate.parse(folder).atStartOfDay(ZoneOffset.UTC).toInstant());
            if (file != null) {
                Path path = day.resolve(file);
                if (!Files.isRegularFile(path)) {
                    throw new IOException(day + ": no " + file + " (a day without the list is a gap in its history)");
                }
                versions.add(version(path, folder + "/" + file, listTime, null));
                continue;
            }
            for (Path path : lists(day)) {
                String name = path.getFileName().toString();
                versions.add(version(path, folder + "/" + name, listTime, sourceName(name)));
            }
        }
        versions.sort(Comparator.comparing(DumpVersion::registryTime)
                .thenComparing(v -> v.source() == null ? "" : v.source()));
        return versions;
    }

    private static DumpVersion version(Path path, String label, Instant listTime, String source) throws IOException {
        DumpContent content = content(path, label, listTime);
        Instant registryTime;
        try (DumpReader reader = content.open()) {
            registryTime = reader.header().registryTime();
        }
        return new DumpVersion(label, registryTime, content, source);
    }

    /** The files of a day's folder, by name (hidden files passed over). */
    private static List<Path> lists(Path day) throws IOException {
        try (Stream<Path> children = Files.list(day)) {
            return children.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

    /**
     * The source a list file is replayed as: its name without extensions, lowercased ({@code ipsum.lst.gz} →
     * {@code ipsum}).
     *
     * @throws IOException when that is no source name ({@link SourceNames#checked})
     */
    static String sourceName(String fileName) throws IOException {
        int dot = fileName.indexOf('.');
        String name = (dot > 0 ? fileName.substring(0, dot) : fileName).toLowerCase(java.util.Locale.ROOT);
        try {
            return SourceNames.checked(name);
        } catch (IllegalArgumentException e) {
            throw new IOException(fileName + ": " + e.getMessage());
        }
    }

    @Override
    public String description() {
        return "dated snapshots " + dir + ", " + (file != null ? file : "every list as its own source");
    }

    @Override
    public void close() {}

    /** The folders of {@code dir} named by a date ({@code yyyy-MM-dd}), oldest first. */
    private static List<Path> days(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).filter(p -> isDate(p.getFileName().toString())).sorted().toList();
        }
    }

    private static boolean isDate(String name) {
        try {
            LocalDate.parse(name);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Folder → time from MANIFEST.txt; empty without one. A line without a date-time is passed over. */
    static Map<String, Instant> manifest(Path manifest) throws IOException {
        Map<String, Instant> times = new HashMap<>();
        if (!Files.isRegularFile(manifest)) {
            return times;
        }
        for (String line : Files.readAllLines(manifest)) {
            String[] fields = line.strip().split("\\s+");
            for (int i = 1; i < fields.length; i++) {
                try {
                    times.put(fields[0], OffsetDateTime.parse(fields[i]).toInstant());
                    break;
                } catch (DateTimeParseException e) {
                    // not this field: a commit hash, a count
                }
            }
        }
        return times;
    }

    private static DumpContent content(Path path, String name, Instant listTime) {
        return new DumpContent() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long size() {
                try {
                    return Files.size(path);
                } catch (IOException e) {
                    return 0;
                }
            }

            @Override
            public DumpReader open(DumpLimits limits) throws IOException {
                return Dumps.open(Files.newInputStream(path), name, listTime, limits);
            }
        };
    }
}
