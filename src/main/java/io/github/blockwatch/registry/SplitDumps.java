package io.github.blockwatch.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Recognises the parts of a split dump and puts them together. Since dump.csv outgrew GitHub's 100 MB
 * file limit (March 2024), the public mirror publishes it as {@code dump-00.csv} … {@code dump-19.csv}: the
 * bytes of one dump.csv cut at line ends, with the {@code Updated:} line at the start of part 00 only, so
 * the parts read in numeric order are the dump ({@code cat dump-*.csv} gives it back).
 *
 * <p>A part is a file named {@code <name>-NN.csv} (optionally {@code .gz}) whose {@code <name>} does not
 * end in a digit or {@code -} (so {@code zi-2018-05-05.csv.gz} is a whole dump, not part 05 of
 * {@code zi-2018-05}). Parts with the same directory and name form one dump, which is read whole or not
 * at all: a gap in the numbering, a missing part 00, or a part lying next to the named ones but not named
 * itself is refused with one line, since a dump read without a part would remove that part's entries.
 * A missing last part cannot be told from the names; its loss shows as a last row cut off without a
 * line break, rejected to the dead-letter topic, unless the cut fell exactly on a line end.
 */
public final class SplitDumps {
    private static final Pattern PART = Pattern.compile("(.*[^0-9-])-([0-9]{2})\\.csv(\\.gz)?");

    private SplitDumps() {}

    /** Whether a file name is that of a part of a split dump. */
    public static boolean isPart(Path file) {
        return PART.matcher(file.getFileName().toString()).matches();
    }

    /** The split dump a part belongs to ({@code dir/dump} for {@code dir/dump-07.csv}), or null for a whole dump. */
    public static String setOf(Path file) {
        Matcher m = PART.matcher(file.getFileName().toString());
        return m.matches() ? directory(file).toAbsolutePath().normalize() + "/" + m.group(1) : null;
    }

    /**
     * Puts files together into dumps: each non-part file alone, the parts of each split dump into one
     * source in numeric order. Sources come in the order of their first file.
     *
     * @throws IOException a split dump with a part missing or not named
     */
    public static List<DumpSource> group(List<Path> files) throws IOException {
        // One slot per dump, in the order of its first file: a single file, or the parts found so far.
        Map<String, TreeMap<Integer, Path>> slots = new LinkedHashMap<>();
        for (Path file : files) {
            Matcher m = PART.matcher(file.getFileName().toString());
            String slot = m.matches()
                    ? "set:" + directory(file).toAbsolutePath().normalize() + "/" + m.group(1)
                    : "file:" + file.toAbsolutePath().normalize();
            TreeMap<Integer, Path> parts = slots.computeIfAbsent(slot, k -> new TreeMap<>());
            int number = m.matches() ? Integer.parseInt(m.group(2)) : 0;
            Path earlier = parts.putIfAbsent(number, file);
            if (earlier != null && !sameFile(earlier, file)) {
                throw new IOException(file.getFileName() + ": part " + m.group(2) + " given twice (also as "
                        + earlier.getFileName() + ")");
            }
        }
        List<DumpSource> result = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Integer, Path>> slot : slots.entrySet()) {
            result.add(slot.getKey().startsWith("file:")
                    ? DumpSource.of(slot.getValue().firstEntry().getValue())
                    : whole(slot.getValue()));
        }
        return result;
    }

    private static DumpSource whole(TreeMap<Integer, Path> parts) throws IOException {
        Path first = parts.values().iterator().next();
        Matcher m = PART.matcher(first.getFileName().toString());
        m.matches();
        String base = m.group(1);
        String suffix = ".csv" + (m.group(3) == null ? "" : m.group(3));
        int last = parts.lastKey();
        String name = parts.size() == 1 && last == 0
                ? first.getFileName().toString()
                : String.format(Locale.ROOT, "%s-{00..%02d}%s", base, last, suffix);
        for (int n = 0; n <= last; n++) {
            if (!parts.containsKey(n)) {
                throw new IOException(String.format(Locale.ROOT, "%s: part %s-%02d%s is missing; a split dump is read "
                        + "whole or not at all", name, base, n, suffix));
            }
        }
        List<String> unnamed = unnamedSiblings(directory(first), base, parts);
        if (!unnamed.isEmpty()) {
            throw new IOException(name + ": parts lying next to it were not named (" + String.join(", ", unnamed)
                    + "); name every part, or the directory");
        }
        return new DumpSource(name, List.copyOf(parts.values()));
    }

    private static List<String> unnamedSiblings(Path dir, String base, Map<Integer, Path> parts) throws IOException {
        List<String> unnamed = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.sorted().toList()) {
                Matcher m = PART.matcher(child.getFileName().toString());
                if (m.matches() && m.group(1).equals(base) && Files.isRegularFile(child)
                        && !parts.containsKey(Integer.parseInt(m.group(2)))) {
                    unnamed.add(child.getFileName().toString());
                }
            }
        }
        return unnamed;
    }

    private static Path directory(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    private static boolean sameFile(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
