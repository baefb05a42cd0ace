package io.github.blockwatch.serve;

import io.github.blockwatch.alerts.AlertJson;
import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.avro.RegistryEntry;
import io.github.blockwatch.avro.TableTotals;
import io.github.blockwatch.registry.SourceNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's JSON shapes, built from the Avro values as plain maps (Avro's generated classes carry their
 * schema and do not serialize cleanly with Jackson). Times are ISO-8601 UTC, counts per {@link Counts}.
 * Alerts have their one form in {@link AlertJson}.
 */
final class JsonViews {
    /** Domains and URLs shown per entry; the counts tell how many there are in all. */
    static final int SAMPLE = 5;

    private JsonViews() {}

    static Map<String, Object> decision(Decision d) {
        return AlertJson.decision(d);
    }

    static Map<String, Object> entry(RegistryEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", e.getKey());
        m.put("decision", e.getDecision() == null ? null : decision(e.getDecision()));
        m.put("rangeCount", e.getRanges().size());
        m.put("domainCount", e.getDomains().size());
        m.put("domains", sample(e.getDomains()));
        m.put("urlCount", e.getUrls().size());
        m.put("urls", sample(e.getUrls()));
        m.put("source", SourceNames.sourceOf(e.getKey()));
        return m;
    }

    static Map<String, Object> totals(TableTotals t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entries", t.getEntries());
        m.put("rangesIpv4", t.getRangesIpv4());
        m.put("rangesIpv6", t.getRangesIpv6());
        m.put("distinctIpv4", t.getDistinctIpv4());
        m.put("distinctIpv6", Counts.json(t.getDistinctIpv6()));
        return m;
    }

    static Map<String, Object> stats(DumpStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dump", s.getDump().getId());
        m.put("source", s.getDump().getSource());
        m.put("registryTime", s.getRegistryTime().toString());
        m.put("entries", s.getEntries());
        m.put("ranges", s.getRanges());
        m.put("rangesIpv6", s.getRangesIpv6());
        m.put("distinctIpv4", s.getDistinctIpv4());
        m.put("distinctIpv6", Counts.json(s.getDistinctIpv6()));
        m.put("added", s.getAdded());
        m.put("removed", s.getRemoved());
        m.put("updated", s.getUpdated());
        m.put("newlyBlockedIpv4", s.getNewlyBlockedIpv4());
        m.put("unblockedIpv4", s.getUnblockedIpv4());
        m.put("owners", s.getOwners().stream().map(OwnerIndex::share).toList());
        m.put("unattributedIpv4", s.getUnattributedIpv4());
        m.put("sourceName", SourcesView.nameOf(s));
        m.put("sources", SourcesView.ofPoint(s));
        return m;
    }

    private static List<String> sample(List<String> values) {
        return List.copyOf(values.subList(0, Math.min(SAMPLE, values.size())));
    }
}
