package io.github.blockwatch.topology;

import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.SurgeBucket;
import io.github.blockwatch.avro.SurgeWindow;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
    private KeyValueStore<String, SurgeWindow> windows;
    private ProcessorContext<String, RangeAlert> context;

    SurgeProcessor(AlertRules rules, String storeName) {
        this.rules = rules;
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, RangeAlert> context) {
        this.context = context;
        this.windows = context.getStateStore(storeName);
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
            buckets.add(new SurgeBucket(now, newly, applied.progress().getLargestNewRanges(), applied.progress().getDecisions()));
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

    private RangeAlert alert(List<SurgeBucket> buckets, long sum, Instant windowStart, TableChange.DumpApplied applied) {
        List<String> ranges = buckets.stream()
                .flatMap(b -> b.getLargestNewRanges().stream())
                .distinct()
                .sorted(Comparator.comparingInt(LargestRanges::prefixLength).thenComparing(Comparator.naturalOrder()))
                .limit(LargestRanges.MAX_RANGES)
                .toList();
        List<Decision> decisions = BlockedRanges.decisions(
                buckets.stream().flatMap(b -> b.getDecisions().stream()).toList());
        BigInteger newly = BigInteger.valueOf(sum);
        String summary = String.format("surge: %s IPv4 addresses newly blocked within %s of registry time%s; %s IPv4 blocked in total",
                HumanCounts.format(sum), Durations.human(rules.surgeWindow()), Summaries.byDecisions(decisions),
                HumanCounts.format(applied.totals().getDistinctIpv4()));
        return RangeAlert.newBuilder()
                .setId(AlertIds.of(AlertType.SURGE, "ipv4", applied.dump().getId()))
                .setType(AlertType.SURGE)
                .setSeverity(Severity.of(newly, BigInteger.valueOf(rules.surgeThreshold())))
                .setRanges(ranges)
                .setFamily(4)
                .setAddressCount(new BigDecimal(newly))
                .setNewlyBlocked(new BigDecimal(newly))
                .setTotalBlockedIpv4(applied.totals().getDistinctIpv4())
                .setRegistryTime(applied.dump().getRegistryTime())
                .setWindowStart(windowStart)
                .setDump(applied.dump())
                .setDecisions(decisions)
                .setSummary(summary)
                .build();
    }
}
