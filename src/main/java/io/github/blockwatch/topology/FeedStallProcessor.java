package io.github.blockwatch.topology;

import io.github.blockwatch.registry.SourceNames;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import io.github.blockwatch.alerts.AlertBuilder;
import io.github.blockwatch.alerts.Severities;
import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.DumpRecord;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * FEED_STALLED: the registry feed stopped. Two ways to tell:
 * <ul>
 *   <li><b>registry-time gap</b>: a dump's registry time is more than {@code stallAfter} after the newest
 *       dump before it (the mirror stopped for months in 2018; the registry paused in March 2024). Raised for
 *       the dump that ends the gap, so a replay of history shows every stall it crosses.</li>
 *   <li><b>nothing arrives</b>: a wall-clock punctuator finds that no dump has been ingested for
 *       {@code stallAfter} (by the dump record's {@code ingestedAt}). One alert per stall: re-armed when a dump
 *       arrives.</li>
 * </ul>
 * Held dumps count as arrivals: the feed delivered something, and DUMP_SHRANK says what is wrong with it.
 * A plain address list has no registry time of its own (its "registry time" is the file's modification or
 * download time, another clock): it counts as an arrival, but neither ends nor starts a registry-time gap.
 * Measured against it, a list read after the 2018 dumps once raised a gap of 3,133 days.
 * Each named source ({@code ingest --source}) is a feed of its own, watched apart: its gap and its silence are
 * its own (the state keys below, with {@code /} and the name after them; the default source's are bare, as
 * before sources existed), and the alert names it.
 * These alerts concern no address range: {@code ranges} and {@code decisions} are empty, {@code family} and
 * the counts 0; the facts are in {@code details}.
 */
final class FeedStallProcessor implements Processor<String, DumpRecord, String, RangeAlert> {
    /** The dump with the newest registry time: the start of the next gap. */
    static final String NEWEST = "newest";
    /** The dump ingested last: the start of the current wait. */
    static final String LAST_ARRIVED = "last-arrived";
    /** The dump whose wait was already alerted. */
    static final String ALERTED = "alerted";

    /** {@code DumpRef.format} of a plain address list, whose time is a file's, not the registry's. */
    static final String LIST_FORMAT = "list";

    private static final Duration MAX_CHECK_INTERVAL = Duration.ofMinutes(1);
    private static final Duration MIN_CHECK_INTERVAL = Duration.ofSeconds(1);

    private final Duration stallAfter;
    private final String storeName;
    private KeyValueStore<String, DumpRecord> dumps;
    private ProcessorContext<String, RangeAlert> context;

    FeedStallProcessor(Duration stallAfter, String storeName) {
        this.stallAfter = stallAfter;
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, RangeAlert> context) {
        this.context = context;
        this.dumps = context.getStateStore(storeName);
        context.schedule(checkInterval(stallAfter), PunctuationType.WALL_CLOCK_TIME, this::checkForStall);
    }

    /** A tenth of the stall time, between a second and a minute: late by at most that much. */
    static Duration checkInterval(Duration stallAfter) {
        Duration tenth = stallAfter.dividedBy(10);
        return tenth.compareTo(MIN_CHECK_INTERVAL) < 0 ? MIN_CHECK_INTERVAL
                : tenth.compareTo(MAX_CHECK_INTERVAL) > 0 ? MAX_CHECK_INTERVAL : tenth;
    }

    @Override
    public void process(Record<String, DumpRecord> record) {
        DumpRecord dump = record.value();
        String source = SourceNames.orDefault(dump.getDump().getSourceName());
        if (LIST_FORMAT.equals(dump.getDump().getFormat())) {
            dumps.put(key(LAST_ARRIVED, source), dump);
            return;
        }
        DumpRecord newest = dumps.get(key(NEWEST, source));
        Instant time = dump.getDump().getRegistryTime();
        if (newest == null || time.isAfter(newest.getDump().getRegistryTime())) {
            if (newest != null) {
                Duration gap = Duration.between(newest.getDump().getRegistryTime(), time);
                if (gap.compareTo(stallAfter) > 0) {
                    context.forward(record.withKey(dump.getDump().getId()).withValue(gapAlert(newest, dump, gap)));
                }
            }
            dumps.put(key(NEWEST, source), dump);
        }
        dumps.put(key(LAST_ARRIVED, source), dump);
    }

    /** The state key of {@code what} for {@code source}: bare for the default source. */
    static String key(String what, String source) {
        return SourceNames.DEFAULT.equals(source) ? what : what + "/" + source;
    }

    /** Checks every source that ever delivered (nothing arrived: a new installation or source, not a stall). */
    private void checkForStall(long wallClockMs) {
        List<String> sources = new ArrayList<>();
        try (KeyValueIterator<String, DumpRecord> all = dumps.all()) {
            all.forEachRemaining(kv -> {
                if (kv.key.equals(LAST_ARRIVED)) {
                    sources.add(SourceNames.DEFAULT);
                } else if (kv.key.startsWith(LAST_ARRIVED + "/")) {
                    sources.add(kv.key.substring(LAST_ARRIVED.length() + 1));
                }
            });
        }
        for (String source : sources) {
            checkForStall(wallClockMs, source);
        }
    }

    private void checkForStall(long wallClockMs, String source) {
        DumpRecord last = dumps.get(key(LAST_ARRIVED, source));
        Instant now = Instant.ofEpochMilli(wallClockMs);
        Duration waited = Duration.between(last.getIngestedAt(), now);
        DumpRecord alerted = dumps.get(key(ALERTED, source));
        boolean alreadyAlerted = alerted != null && alerted.getDump().getId().equals(last.getDump().getId())
                && alerted.getIngestedAt().equals(last.getIngestedAt());
        if (waited.compareTo(stallAfter) >= 0 && !alreadyAlerted) {
            RangeAlert alert = waitAlert(last, waited, now);
            context.forward(new Record<>(alert.getId(), alert, wallClockMs));
            dumps.put(key(ALERTED, source), last);
        }
    }

    private RangeAlert gapAlert(DumpRecord before, DumpRecord dump, Duration gap) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("stall", "registry-gap");
        details.put("previousDump", before.getDump().getId());
        details.put("previousSource", before.getDump().getSource());
        details.put("from", before.getDump().getRegistryTime().toString());
        details.put("to", dump.getDump().getRegistryTime().toString());
        details.put("gap", gap.toString());
        details.put("stallAfter", stallAfter.toString());
        String summary = String.format(Locale.ROOT, "feed stalled: no dump for %s of registry time, from %s (%s) to %s (%s)",
                human(gap), before.getDump().getRegistryTime(), before.getDump().getSource(),
                dump.getDump().getRegistryTime(), dump.getDump().getSource());
        return AlertBuilder.about(AlertType.FEED_STALLED, "registry-gap", dump.getDump())
                .severity(Severities.of(gap.toSeconds(), stallAfter.toSeconds()))
                .details(details).summary(summary).build();
    }

    private RangeAlert waitAlert(DumpRecord last, Duration waited, Instant now) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("stall", "no-new-dump");
        details.put("lastDump", last.getDump().getId());
        details.put("lastSource", last.getDump().getSource());
        details.put("lastArrived", last.getIngestedAt().toString());
        details.put("detectedAt", now.toString());
        details.put("waited", waited.toString());
        details.put("stallAfter", stallAfter.toString());
        String summary = String.format(Locale.ROOT, "feed stalled: no new dump for %s since %s arrived at %s (registry time %s)",
                human(waited), last.getDump().getSource(), last.getIngestedAt(), last.getDump().getRegistryTime());
        // Raised once per stall, when it is noticed: its length says nothing yet, the silence does.
        String subject = "no-new-dump\u001f" + last.getIngestedAt().toEpochMilli();
        return AlertBuilder.about(AlertType.FEED_STALLED, subject, last.getDump())
                .severity(Severity.HIGH).details(details).summary(summary).build();
    }

    /** 308d 5h 25m; 6h; 45m 10s. */
    static String human(Duration d) {
        StringBuilder text = new StringBuilder();
        append(text, d.toDays(), "d");
        append(text, d.toHoursPart(), "h");
        append(text, d.toMinutesPart(), "m");
        if (d.toDays() == 0) {
            append(text, d.toSecondsPart(), "s");
        }
        return text.length() == 0 ? "0s" : text.toString();
    }

    private static void append(StringBuilder text, long value, String unit) {
        if (value > 0) {
            text.append(text.length() == 0 ? "" : " ").append(value).append(unit);
        }
    }
}
