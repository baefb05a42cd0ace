package io.github.blockwatch.serve;

import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.avro.SourceTotals;
import io.github.blockwatch.avro.TableTotals;
import io.github.blockwatch.registry.SourceNames;
import io.github.blockwatch.topology.SourceTotalsSnapshot;
import io.github.blockwatch.topology.StoreNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The sources (feeds) side by side: each one's table now, from the per-source totals in
 * {@value StoreNames#TABLE_TOTALS} on the instance that holds the address table ({@link SourceTotalsSnapshot}),
 * and its dumps from {@code blockwatch.stats}. A deployment that never named a source has the one source
 * {@value SourceNames#DEFAULT}; records written before sources existed are read as its.
 */
final class SourcesView {
    private final StoreAccess stores;
    private final TopicHistory<DumpStats> stats;

    SourcesView(StoreAccess stores, TopicHistory<DumpStats> stats) {
        this.stores = stores;
        this.stats = stats;
    }

    /** Every source's table now, sorted by name; empty before the first event. Only where the table is local. */
    List<SourceTotals> now() {
        return SourceTotalsSnapshot.read(stores.<String, TableTotals>local(StoreNames.TABLE_TOTALS));
    }

    /** The names of the sources the table has met, sorted. */
    List<String> names() {
        return now().stream().map(SourceTotals::getSource).toList();
    }

    /**
     * The {@code source} query parameter: null when absent; 400 when it cannot be a source's name, 404 when the
     * table has met no source of that name.
     */
    String filter(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            SourceNames.checked(text.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("source: " + e.getMessage());
        }
        List<String> known = names();
        if (!known.contains(text.strip())) {
            throw new ApiException(404, "no source named '" + text.strip() + "' in the table"
                    + (known.isEmpty() ? " (it is empty)" : "; its sources: " + String.join(", ", known)));
        }
        return text.strip();
    }

    /** {@code /api/stats}' {@code sources}: by name, each one's table now with its newest applied dump. */
    Map<String, Object> answer() {
        Map<String, DumpStats> last = new HashMap<>();
        Map<String, Integer> dumps = new HashMap<>();
        for (DumpStats s : stats.values()) {
            last.put(nameOf(s), s);
            dumps.merge(nameOf(s), 1, Integer::sum);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        for (SourceTotals t : now()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("entries", t.getEntries());
            m.put("rangesIpv4", t.getRanges() - t.getRangesIpv6());
            m.put("rangesIpv6", t.getRangesIpv6());
            m.put("distinctIpv4", t.getDistinctIpv4());
            m.put("distinctIpv6", Counts.json(t.getDistinctIpv6()));
            DumpStats newest = last.get(t.getSource());
            m.put("lastDump", newest == null ? null : dump(newest));
            m.put("dumps", dumps.getOrDefault(t.getSource(), 0));
            answer.put(t.getSource(), m);
        }
        return answer;
    }

    /**
     * The registry times of the source's applied dumps, newest first: the first-blocked times its ranges can
     * have when one of its dumps blocked them first.
     */
    List<Instant> dumpTimesNewestFirst(String source) {
        TreeSet<Instant> times = new TreeSet<>();
        for (DumpStats s : stats.values()) {
            if (nameOf(s).equals(source)) {
                times.add(s.getDump().getRegistryTime());
            }
        }
        return new ArrayList<>(times.descendingSet());
    }

    /** The names of the sources with an applied dump at or before {@code at}, each with the newest such dump. */
    Map<String, DumpStats> inForce(Instant at) {
        Map<String, DumpStats> inForce = new HashMap<>();
        for (DumpStats s : stats.values()) {
            DumpStats before = inForce.get(nameOf(s));
            if (!s.getRegistryTime().isAfter(at)
                    && (before == null || !s.getRegistryTime().isBefore(before.getRegistryTime()))) {
                inForce.put(nameOf(s), s);
            }
        }
        return inForce;
    }

    /** A stats point's {@code sources}: each source's table after the dump; a point written before 0.4 is its source's alone. */
    static Map<String, Object> ofPoint(DumpStats s) {
        Map<String, Object> bySource = new LinkedHashMap<>();
        if (s.getSources().isEmpty()) {
            bySource.put(nameOf(s), figures(s.getEntries(), s.getRanges(), s.getRangesIpv6(), s.getDistinctIpv4(),
                    Counts.json(s.getDistinctIpv6())));
            return bySource;
        }
        for (SourceTotals t : s.getSources()) {
            bySource.put(t.getSource(), figures(t.getEntries(), t.getRanges(), t.getRangesIpv6(), t.getDistinctIpv4(),
                    Counts.json(t.getDistinctIpv6())));
        }
        return bySource;
    }

    /** The source a dump belongs to. */
    static String nameOf(DumpStats s) {
        return SourceNames.orDefault(s.getDump().getSourceName());
    }

    /** A dump as the API names one elsewhere (IpAt's {@code dump}): id, registry time, file or URL. */
    static Map<String, Object> dump(DumpStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.getDump().getId());
        m.put("registryTime", s.getRegistryTime().toString());
        m.put("source", s.getDump().getSource());
        return m;
    }

    private static Map<String, Object> figures(long entries, long ranges, long rangesIpv6, long distinctIpv4,
                                               Object distinctIpv6) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entries", entries);
        m.put("ranges", ranges);
        m.put("rangesIpv6", rangesIpv6);
        m.put("distinctIpv4", distinctIpv4);
        m.put("distinctIpv6", distinctIpv6);
        return m;
    }
}
