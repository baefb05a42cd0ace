package io.github.blockwatch.topology;

import io.github.blockwatch.alerts.AlertBuilder;
import io.github.blockwatch.alerts.HumanCounts;
import io.github.blockwatch.alerts.Severities;
import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.RangeState;
import io.github.blockwatch.avro.SurgeBucket;
import io.github.blockwatch.avro.SurgeWindow;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * SURGE: the IPv4 addresses newly blocked by the dumps of a sliding window of registry time add up to
 * the threshold or more. Fires once when the sum crosses the threshold and not again until it has fallen
 * below it, so a long surge is one alert, not one per dump.
 */
final class SurgeProcessor implements Processor<String, TableChange, String, RangeAlert> {
    private static final String WINDOW_KEY = "ipv4";

    private final AlertRules rules;
    private final String storeName;
    private final String rangesStoreName;
    private KeyValueStore<String, SurgeWindow> windows;
    private KeyValueStore<String, RangeState> ranges;
    private ProcessorContext<String, RangeAlert> context;

    SurgeProcessor(AlertRules rules, String storeName, String rangesStoreName) {
        this.rules = rules;
        this.storeName = storeName;
        this.rangesStoreName = rangesStoreName;
    }

    @Override
    public void init(ProcessorContext<String, RangeAlert> context) {
        this.context = context;
        this.windows = context.getStateStore(storeName);
        this.ranges = context.getStateStore(rangesStoreName);
    }

    @Override
    public void process(Record<String, TableChange> record) {
        if (!(record.value() instanceof TableChange.DumpApplied applied)) {
            return;
        }
        DumpRef dump = applied.dump();
        Instant now = dump.getRegistryTime();
        Instant windowStart = now.minus(rules.surgeWindow());
        SurgeWindow window = windows.get(WINDOW_KEY);
        if (window == null) {
            window = new SurgeWindow(new ArrayList<>(), false);
        }
        List<SurgeBucket> buckets = new ArrayList<>();
        for (SurgeBucket bucket : window.getBuckets()) {
            if (bucket.getRegistryTime().isAfter(windowStart)) {
                buckets.add(bucket);
            }
        }
        long newly = applied.progress().getNewlyBlockedIpv4();
        if (newly > 0) {
            buckets.add(new SurgeBucket(now, newly, applied.progress().getLargestNewRanges()));
        }
        long sum = buckets.stream().mapToLong(SurgeBucket::getNewlyBlocked).sum();
        boolean above = sum >= rules.surgeThreshold();
        if (above && !window.getFiring()) {
            context.forward(record.withKey(dump.getId()).withValue(alert(buckets, sum, windowStart, applied)));
        }
        window.setBuckets(buckets);
        window.setFiring(above);
        windows.put(WINDOW_KEY, window);
    }

    /** The decisions behind the largest ranges first: they, not the oldest decisions, made the surge. */
    private List<Decision> decisionsBehind(List<String> largestFirst) {
        Set<Decision> decisions = new LinkedHashSet<>();
        for (String range : largestFirst) {
            RangeState state = ranges.get(range);
            if (state != null) {
                decisions.addAll(BlockedRanges.decisions(state.getEntries().values()));
            }
        }
        return decisions.stream().limit(BlockedRanges.MAX_DECISIONS).toList();
    }

    private RangeAlert alert(List<SurgeBucket> buckets, long sum, Instant windowStart, TableChange.DumpApplied applied) {
        List<String> largest = buckets.stream()
                .flatMap(b -> b.getLargestNewRanges().stream())
                .distinct()
                .sorted(LargestRanges.LARGEST_FIRST)
                .limit(LargestRanges.MAX_RANGES)
                .toList();
        List<Decision> decisions = decisionsBehind(largest);
        BigInteger newly = BigInteger.valueOf(sum);
        String summary = String.format(Locale.ROOT, "surge: %s IPv4 addresses newly blocked within %s of registry time%s; %s IPv4 blocked in total",
                HumanCounts.format(sum), Durations.human(rules.surgeWindow()), Summaries.byDecisions(decisions),
                HumanCounts.format(applied.totals().getDistinctIpv4()));
        return AlertBuilder.about(AlertType.SURGE, "ipv4", applied.dump())
                .severity(Severities.of(newly, BigInteger.valueOf(rules.surgeThreshold())))
                .ranges(largest, 4)
                .counts(newly, newly)
                .totalBlockedIpv4(applied.totals().getDistinctIpv4())
                .windowStart(windowStart)
                .decisions(decisions)
                .summary(summary)
                .build();
    }
}
