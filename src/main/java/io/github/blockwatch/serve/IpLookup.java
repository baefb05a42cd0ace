package io.github.blockwatch.serve;

import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.avro.RangeState;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.InvalidAddressException;
import io.github.blockwatch.registry.SourceNames;
import io.github.blockwatch.topology.RangeSources;
import io.github.blockwatch.topology.StoreNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Is an address blocked? Every prefix block that contains it, /32 down to /0 (IPv6: /128 down to /0), is
 * looked up by key in the {@value StoreNames#BLOCKED_RANGES} store — at most 33 or 129 gets, whatever the
 * size of the table — then the entries behind each covering range. With sources side by side, each
 * covering range names the sources that list it, and the answer says per source whether it blocks the address.
 */
final class IpLookup {
    /** Entries listed per covering range; {@code entryCount} tells how many there are in all. */
    static final int ENTRIES_PER_RANGE = 20;

    private final StoreAccess stores;
    private final EntryFetcher entries;
    private final OwnerIndex owners;
    private final SourcesView sources;

    IpLookup(StoreAccess stores, EntryFetcher entries, OwnerIndex owners, SourcesView sources) {
        this.stores = stores;
        this.entries = entries;
        this.owners = owners;
        this.sources = sources;
    }

    static Cidr parseAddress(String text) {
        Cidr address;
        try {
            address = Cidr.parse(text);
        } catch (InvalidAddressException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (!address.isSingleAddress() || text.contains("/")) {
            throw ApiException.badRequest("not a single address '" + text + "' (for a block use /api/ranges?within=)");
        }
        return address;
    }

    /** Answers from this instance's part of the ranges store (the caller has checked it holds it). */
    Map<String, Object> lookup(Cidr address) {
        StoreAccess.KeyReader<String, RangeState> ranges = stores.reader(StoreNames.BLOCKED_RANGES);
        int bits = address.family().bits();
        List<Map<String, Object>> covering = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        for (int prefix = bits; prefix >= 0; prefix--) {
            Cidr block = address.enclosing(prefix);
            RangeState state = ranges.get(block.toString());
            if (state != null) {
                Map<String, Object> range = range(block, state, keys);
                range.put("owners", owners.shares(block));
                covering.add(range);
            }
        }
        Map<String, Map<String, Object>> found = keys.isEmpty() ? Map.of() : entries.fetch(keys, false);
        for (Map<String, Object> range : covering) {
            for (Object e : (List<?>) range.get("entries")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> entry = (Map<String, Object>) e;
                Map<String, Object> full = found.get((String) entry.get("key"));
                if (full != null) {
                    entry.put("domainCount", full.get("domainCount"));
                    entry.put("domains", full.get("domains"));
                    entry.put("urlCount", full.get("urlCount"));
                    entry.put("urls", full.get("urls"));
                }
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ip", address.firstAddress());
        answer.put("family", address.family().version());
        answer.put("blocked", !covering.isEmpty());
        answer.put("owner", owners.ownerOf(address));
        answer.put("ranges", covering);
        bySource(answer, covering, sources.names());
        return answer;
    }

    /**
     * Adds {@code blockedBy}, the sources listing a covering range, and {@code sources}: for every source of
     * {@code known} and of the ranges, whether it blocks the address and by which of the ranges (CIDRs, in the
     * order of {@code covering}). Each range carries its {@code sources}.
     */
    static void bySource(Map<String, Object> answer, List<Map<String, Object>> covering, Collection<String> known) {
        Map<String, List<String>> ranges = new TreeMap<>();
        known.forEach(name -> ranges.put(name, new ArrayList<>()));
        Set<String> blockedBy = new TreeSet<>();
        for (Map<String, Object> range : covering) {
            for (Object name : (List<?>) range.get("sources")) {
                blockedBy.add((String) name);
                ranges.computeIfAbsent((String) name, n -> new ArrayList<>()).add((String) range.get("cidr"));
            }
        }
        Map<String, Object> bySource = new LinkedHashMap<>();
        ranges.forEach((name, cidrs) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("blocked", !cidrs.isEmpty());
            one.put("ranges", cidrs);
            bySource.put(name, one);
        });
        answer.put("blockedBy", List.copyOf(blockedBy));
        answer.put("sources", bySource);
    }

    private static Map<String, Object> range(Cidr block, RangeState state, Set<String> keys) {
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("cidr", block.toString());
        range.put("addresses", Counts.json(block.size()));
        range.put("firstBlocked", state.getFirstBlocked().toString());
        range.put("firstBlockedDump", state.getFirstBlockedDump());
        range.put("entryCount", state.getEntries().size() + state.getMoreEntries());
        range.put("sources", RangeSources.names(state));
        List<Map<String, Object>> listed = new ArrayList<>();
        state.getEntries().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .limit(ENTRIES_PER_RANGE)
                .forEach(e -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("key", e.getKey());
                    entry.put("decision", decision(e.getValue()));
                    entry.put("source", SourceNames.sourceOf(e.getKey()));
                    listed.add(entry);
                    keys.add(e.getKey());
                });
        range.put("entries", listed);
        return range;
    }

    private static Map<String, Object> decision(Decision d) {
        return d == null ? null : JsonViews.decision(d);
    }
}
