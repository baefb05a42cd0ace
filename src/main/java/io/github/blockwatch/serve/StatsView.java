package io.github.blockwatch.serve;

import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.avro.TableTotals;
import io.github.blockwatch.topology.StoreNames;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Current totals from the {@value StoreNames#TABLE_TOTALS} store (on the instance that holds the address
 * table) and the time series of {@code blockwatch.stats}, one point per applied dump. {@code totals} is the
 * union of every source; {@code sources} each source's own table ({@link SourcesView}).
 */
final class StatsView {
    private final StoreAccess stores;
    private final TopicHistory<DumpStats> stats;
    private final SourcesView sources;

    StatsView(StoreAccess stores, TopicHistory<DumpStats> stats, SourcesView sources) {
        this.stores = stores;
        this.stats = stats;
        this.sources = sources;
    }

    /** The totals now; zeros before the first event. */
    TableTotals totals() {
        TableTotals totals = stores.<String, TableTotals>local(StoreNames.TABLE_TOTALS).get(StoreNames.TOTALS_KEY);
        return totals != null ? totals : new TableTotals(0L, 0L, 0L, 0L, BigDecimal.ZERO);
    }

    Map<String, Object> answer() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("totals", JsonViews.totals(totals()));
        answer.put("sources", sources.answer());
        answer.put("series", stats.values().stream().map(JsonViews::stats).toList());
        return answer;
    }
}
