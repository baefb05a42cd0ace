package io.github.blockwatch.registry;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One registry entry as read from one dump.
 *
 * @param key       stable key: the same entry in two dumps has the same key (see {@link EntryKeys})
 * @param decision  the decision behind it; null only for plain CIDR lists
 * @param ranges    blocked addresses, canonical, sorted, without duplicates
 * @param domains   blocked domains (may be empty)
 * @param urls      blocked URLs (may be empty)
 * @param includeTime dump.xml {@code includeTime}, else null
 * @param entryType dump.xml {@code entryType}, else null
 * @param blockType dump.xml {@code blockType}, else null
 * @param line      line (csv, list) or content ordinal (xml) where it was read
 * @param attributes every other attribute the registry gives the entry, verbatim, sorted by name (see
 *                   {@link EntryAttributes} for the names); empty for dump.csv and CIDR lists
 */
public record Entry(
        String key,
        Decision decision,
        List<Cidr> ranges,
        List<String> domains,
        List<String> urls,
        String includeTime,
        String entryType,
        String blockType,
        long line,
        Map<String, String> attributes) {
    public Entry {
        ranges = List.copyOf(ranges);
        domains = List.copyOf(domains);
        urls = List.copyOf(urls);
        // Most entries (every dump.csv row) have none: no TreeMap for them.
        attributes = attributes.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    /** An entry without further attributes (dump.csv, CIDR lists, dump.xml before format 2.4). */
    public Entry(String key, Decision decision, List<Cidr> ranges, List<String> domains, List<String> urls,
                 String includeTime, String entryType, String blockType, long line) {
        this(key, decision, ranges, domains, urls, includeTime, entryType, blockType, line, Map.of());
    }
}
