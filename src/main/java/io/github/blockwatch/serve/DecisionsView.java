package io.github.blockwatch.serve;

import io.github.blockwatch.avro.DecisionStats;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.topology.DecisionKeys;
import io.github.blockwatch.topology.StoreNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Decisions and what they block: the current figures from the {@value StoreNames#DECISIONS} store (on the
 * instance holding the address table), and each decision's curve over registry time from the
 * {@code decisions} of {@code blockwatch.stats} (one point per dump that changed it).
 */
final class DecisionsView {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;
    /** Largest first; ties by number and org, so paging is stable. */
    private static final Comparator<DecisionStats> ORDER = Comparator
            .comparingLong(DecisionStats::getDistinctIpv4).reversed()
            .thenComparing(d -> DecisionKeys.of(d.getDecision()));

    private final StoreAccess stores;
    private final TopicHistory<DumpStats> stats;

    DecisionsView(StoreAccess stores, TopicHistory<DumpStats> stats) {
        this.stores = stores;
        this.stats = stats;
    }

    /** Decisions by distinct IPv4 addresses, largest first; {@code cursor} from the previous page. */
    Map<String, Object> page(String cursor, int limit) {
        List<DecisionStats> all = new ArrayList<>();
        try (KeyValueIterator<String, DecisionStats> it = store().all()) {
            it.forEachRemaining(kv -> all.add(kv.value));
        }
        all.sort(ORDER);
        int start = 0;
        if (cursor != null && !cursor.isBlank()) {
            DecisionStats after = decodeCursor(cursor);
            while (start < all.size() && ORDER.compare(all.get(start), after) <= 0) {
                start++;
            }
        }
        List<DecisionStats> shown = all.subList(start, Math.min(all.size(), start + limit));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", all.size());
        answer.put("decisions", shown.stream().map(DecisionsView::figures).toList());
        answer.put("nextCursor", start + limit < all.size() ? encodeCursor(shown.get(shown.size() - 1)) : null);
        return answer;
    }

    /**
     * One decision's current figures and series. Several bodies may have issued the same number: without
     * {@code org} the one blocking most addresses is shown and the others are listed.
     */
    Map<String, Object> detail(String number, String org) {
        if (number == null || number.isBlank()) {
            throw ApiException.badRequest("number: missing");
        }
        List<DecisionStats> sameNumber = new ArrayList<>();
        try (KeyValueIterator<String, DecisionStats> it =
                     store().prefixScan(DecisionKeys.numberPrefix(number), new StringSerializer())) {
            it.forEachRemaining(kv -> sameNumber.add(kv.value));
        }
        sameNumber.sort(ORDER);
        List<Map<String, Object>> series = new ArrayList<>();
        String chosenOrg = org;
        if (chosenOrg == null) {
            chosenOrg = !sameNumber.isEmpty() ? sameNumber.get(0).getDecision().getOrg() : lastOrgInSeries(number);
        }
        if (chosenOrg == null) {
            throw new ApiException(404, "no decision numbered '" + number + "' in the registry history");
        }
        DecisionStats current = null;
        for (DecisionStats d : sameNumber) {
            if (d.getDecision().getOrg().equals(chosenOrg)) {
                current = d;
            }
        }
        for (DumpStats s : stats.values()) {
            for (DecisionStats d : s.getDecisions()) {
                if (d.getDecision().getNumber().equals(number) && d.getDecision().getOrg().equals(chosenOrg)) {
                    Map<String, Object> point = new LinkedHashMap<>();
                    point.put("registryTime", s.getRegistryTime().toString());
                    point.put("dump", s.getDump().getId());
                    point.put("entries", d.getEntries());
                    point.put("ranges", d.getRanges());
                    point.put("distinctIpv4", d.getDistinctIpv4());
                    series.add(point);
                }
            }
        }
        if (current == null && series.isEmpty()) {
            throw new ApiException(404, "no decision numbered '" + number + "' issued by '" + chosenOrg + "'");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        if (current != null) {
            answer.putAll(figures(current));
        } else {
            answer.put("org", chosenOrg);
            answer.put("number", number);
            answer.put("date", null);
            answer.put("entries", 0L);
            answer.put("ranges", 0L);
            answer.put("distinctIpv4", 0L);
        }
        final String shownOrg = chosenOrg;
        answer.put("sameNumber", sameNumber.stream().filter(d -> !d.getDecision().getOrg().equals(shownOrg))
                .map(DecisionsView::figures).toList());
        answer.put("series", series);
        return answer;
    }

    private String lastOrgInSeries(String number) {
        String org = null;
        for (DumpStats s : stats.values()) {
            for (DecisionStats d : s.getDecisions()) {
                if (d.getDecision().getNumber().equals(number)) {
                    org = d.getDecision().getOrg();
                }
            }
        }
        return org;
    }

    private ReadOnlyKeyValueStore<String, DecisionStats> store() {
        return stores.local(StoreNames.DECISIONS);
    }

    static Map<String, Object> figures(DecisionStats d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("org", d.getDecision().getOrg());
        m.put("number", d.getDecision().getNumber());
        m.put("date", d.getDecision().getDate());
        m.put("entries", d.getEntries());
        m.put("ranges", d.getRanges());
        m.put("distinctIpv4", d.getDistinctIpv4());
        return m;
    }

    private static String encodeCursor(DecisionStats last) {
        String text = last.getDistinctIpv4() + "\n" + DecisionKeys.of(last.getDecision());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static DecisionStats decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            long distinct = Long.parseLong(text.substring(0, newline));
            String key = text.substring(newline + 1);
            int sep = key.indexOf('\u001F');
            var decision = new io.github.blockwatch.avro.Decision(key.substring(sep + 1), key.substring(0, sep), "");
            return new DecisionStats(decision, 0L, 0L, distinct);
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw ApiException.badRequest("cursor: not one this API gave out '" + cursor + "'");
        }
    }
}
