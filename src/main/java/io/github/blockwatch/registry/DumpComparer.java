package io.github.blockwatch.registry;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Compares two dumps, offline: two dumps of one source at different times (what changed), or two sources
 * of the same registry time, such as the official dump.xml and the mirror's dump.csv (what a mirror lags
 * behind or lost). See {@link DumpComparison} for what is reported.
 *
 * <p>Entries are paired by key when both dumps have one format (see {@link EntryKeys}), and by content
 * otherwise: decision (org, number, date), domains and URLs (order ignored), and for an entry with neither,
 * its addresses. Two entries paired by content with different addresses are <em>changed</em>; the
 * registry's dump.xml-only fields (includeTime, entryType, blockType, attributes) cannot be compared with a
 * dump.csv and are left out then. Addresses are compared exactly, overlaps and nesting included: a /24 in
 * A inside a /16 in B is in both.
 */
public final class DumpComparer {
    private static final char SEPARATOR = '\u001F';

    private DumpComparer() {}

    /**
     * @param samples how many samples each difference keeps
     */
    public static DumpComparison compare(DumpSource a, DumpSource b, int samples) throws IOException {
        ReadDump left = ReadDump.of(a);
        ReadDump right = ReadDump.of(b);
        boolean byKey = left.side.format() == right.side.format();
        Pairing pairing = byKey ? pairByKey(left.entries, right.entries) : pairByContent(left.entries, right.entries);
        Ipv4Runs onlyA = left.ipv4.minus(right.ipv4);
        Ipv4Runs onlyB = right.ipv4.minus(left.ipv4);
        long both = left.ipv4.intersect(right.ipv4).addresses();
        return new DumpComparison(left.side, right.side,
                byKey ? DumpComparison.Matching.KEY : DumpComparison.Matching.CONTENT,
                difference(pairing.onlyA, samples), difference(pairing.onlyB, samples),
                difference(pairing.changed, samples), pairing.same,
                new DumpComparison.Difference(onlyA.addresses(), onlyA.describe(samples)),
                new DumpComparison.Difference(onlyB.addresses(), onlyB.describe(samples)),
                both);
    }

    /** One dump read whole: its side, its entries in file order, its IPv4 union. */
    private record ReadDump(DumpComparison.Side side, List<Entry> entries, Ipv4Runs ipv4) {
        static ReadDump of(DumpSource source) throws IOException {
            List<Entry> entries = new ArrayList<>();
            Ipv4RangeSet ipv4 = new Ipv4RangeSet();
            long rows = 0;
            long rejected = 0;
            try (DumpReader reader = Dumps.open(source)) {
                for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                    rows++;
                    if (row instanceof ParsedRow.Accepted accepted) {
                        entries.add(accepted.entry());
                        for (Cidr range : accepted.entry().ranges()) {
                            if (range.family() == IpFamily.IPV4) {
                                ipv4.add(range);
                            }
                        }
                    } else {
                        rejected++;
                    }
                }
                ipv4.distinctBlocks();
                Ipv4Runs runs = ipv4.runs();
                DumpHeader header = reader.header();
                return new ReadDump(new DumpComparison.Side(header.source(), header.format(), header.registryTime(),
                        rows, rejected, entries.size(), runs.addresses()), entries, runs);
            }
        }
    }

    private record Pairing(List<Entry> onlyA, List<Entry> onlyB, List<Entry> changed, long same) {}

    private static Pairing pairByKey(List<Entry> a, List<Entry> b) {
        Map<String, Entry> right = new LinkedHashMap<>();
        b.forEach(e -> right.put(e.key(), e));
        List<Entry> onlyA = new ArrayList<>();
        List<Entry> changed = new ArrayList<>();
        long same = 0;
        for (Entry entry : a) {
            Entry other = right.remove(entry.key());
            if (other == null) {
                onlyA.add(entry);
            } else if (sameEntry(entry, other)) {
                same++;
            } else {
                changed.add(entry);
            }
        }
        return new Pairing(onlyA, new ArrayList<>(right.values()), changed, same);
    }

    /** The same content, wherever it sits in its file and whatever its volatile attributes say. */
    private static boolean sameEntry(Entry a, Entry b) {
        return Objects.equals(a.decision(), b.decision()) && a.ranges().equals(b.ranges())
                && a.domains().equals(b.domains()) && a.urls().equals(b.urls())
                && Objects.equals(a.includeTime(), b.includeTime()) && Objects.equals(a.entryType(), b.entryType())
                && Objects.equals(a.blockType(), b.blockType())
                && EntryAttributes.withoutVolatile(a.attributes()).equals(EntryAttributes.withoutVolatile(b.attributes()));
    }

    /**
     * Pairs entries with the same decision, domains and URLs: alike ones first (same addresses), then the
     * rest of each group in file order as changed; what is left over is in one dump only.
     */
    private static Pairing pairByContent(List<Entry> a, List<Entry> b) {
        Map<String, Deque<Entry>> right = new LinkedHashMap<>();
        for (Entry entry : b) {
            right.computeIfAbsent(what(entry), k -> new ArrayDeque<>()).add(entry);
        }
        Map<String, List<Entry>> unpairedA = new LinkedHashMap<>();
        long same = 0;
        for (Entry entry : a) {
            Deque<Entry> candidates = right.get(what(entry));
            Entry alike = candidates == null ? null : removeFirstWithRanges(candidates, entry.ranges());
            if (alike != null) {
                same++;
            } else {
                unpairedA.computeIfAbsent(what(entry), k -> new ArrayList<>()).add(entry);
            }
        }
        List<Entry> onlyA = new ArrayList<>();
        List<Entry> changed = new ArrayList<>();
        for (Map.Entry<String, List<Entry>> group : unpairedA.entrySet()) {
            Deque<Entry> candidates = right.get(group.getKey());
            for (Entry entry : group.getValue()) {
                if (candidates != null && candidates.poll() != null) {
                    changed.add(entry);
                } else {
                    onlyA.add(entry);
                }
            }
        }
        List<Entry> onlyB = right.values().stream().flatMap(Deque::stream).sorted(
                java.util.Comparator.comparingLong(Entry::line)).toList();
        onlyA.sort(java.util.Comparator.comparingLong(Entry::line));
        changed.sort(java.util.Comparator.comparingLong(Entry::line));
        return new Pairing(onlyA, onlyB, changed, same);
    }

    private static Entry removeFirstWithRanges(Deque<Entry> candidates, List<Cidr> ranges) {
        var it = candidates.iterator();
        while (it.hasNext()) {
            Entry candidate = it.next();
            if (candidate.ranges().equals(ranges)) {
                it.remove();
                return candidate;
            }
        }
        return null;
    }

    /** What is blocked and why, in any format: decision, sorted domains and URLs; addresses for a bare entry. */
    private static String what(Entry entry) {
        Decision d = entry.decision() == null ? new Decision("", "", "") : entry.decision();
        StringBuilder text = new StringBuilder()
                .append(d.org()).append(SEPARATOR).append(d.number()).append(SEPARATOR).append(d.date()).append(SEPARATOR)
                .append(entry.domains().stream().sorted().collect(Collectors.joining("|"))).append(SEPARATOR)
                .append(entry.urls().stream().sorted().collect(Collectors.joining("|")));
        if (entry.domains().isEmpty() && entry.urls().isEmpty()) {
            text.append(SEPARATOR).append(entry.ranges().stream().map(Cidr::toString).collect(Collectors.joining("|")));
        }
        return text.toString();
    }

    private static DumpComparison.Difference difference(List<Entry> entries, int samples) {
        return new DumpComparison.Difference(entries.size(),
                entries.stream().limit(samples).map(DumpComparer::describe).toList());
    }

    /** {@code key (line N): org number date: first domain or URL or range (+n more)}. */
    static String describe(Entry entry) {
        StringBuilder text = new StringBuilder(entry.key()).append(" (line ").append(entry.line()).append(')');
        if (entry.decision() != null) {
            text.append(": ").append(entry.decision().org()).append(' ').append(entry.decision().number())
                    .append(' ').append(entry.decision().date());
        }
        List<String> what = new ArrayList<>(entry.domains());
        what.addAll(entry.urls());
        if (what.isEmpty()) {
            entry.ranges().forEach(r -> what.add(r.toString()));
        }
        if (!what.isEmpty()) {
            text.append(": ").append(what.get(0));
            if (what.size() > 1) {
                text.append(" (+").append(what.size() - 1).append(" more)");
            }
        }
        return text.toString();
    }
}
