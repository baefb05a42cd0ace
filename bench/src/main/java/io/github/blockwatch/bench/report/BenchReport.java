package io.github.blockwatch.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Turns one {@code bench/run}'s raw figures — JMH's JSON and the pipeline bench's {@code key=value} files —
 * into the Markdown tables of {@code results.md} (each figure beside its reference and its issue-6 target)
 * and the growth-curve PNG.
 */
@Command(name = "bench-report", mixinStandardHelpOptions = true)
public final class BenchReport implements Callable<Integer> {
    /** Readable names of the series in the growth table and chart. */
    static final Map<String, String> LABELS = Map.of(
            "CoverageBenchmark.addAndRemoveOneAddress", "delta, in-memory coverage (the table's index alone)",
            "StoreCoverageBenchmark.addAndRemoveOneAddress reads=indexed", "delta, topology coverage: memory index + RocksDB write-through",
            "StoreCoverageBenchmark.addAndRemoveOneAddress reads=rocksDb", "delta, topology coverage read from RocksDB (first version)",
            "TopologyDeltaBenchmark.oneEntryDelta", "delta, one event through the whole topology (TopologyTestDriver)",
            "CoverageBenchmark.lookup", "lookup, primitive IPv4 index",
            "CoverageBenchmark.lookupGeneric", "lookup, generic BigInteger interface");
    private static final long[] SIZES = {10_000, 100_000, 1_000_000, 2_000_000};

    @Option(names = "--jmh", description = "JMH results (-rf json); repeatable")
    List<Path> jmh = new ArrayList<>();
    @Option(names = "--latency", description = "pipeline-bench latency results")
    Path latency;
    @Option(names = "--throughput", description = "pipeline-bench throughput results")
    Path throughput;
    @Option(names = "--listing", description = "pipeline-bench listing results")
    Path listing;
    @Option(names = "--present", description = "pipeline-bench present results (the 2025-size dump)")
    Path present;
    @Option(names = "--png", description = "where to write the growth chart")
    Path png;
    @Option(names = "--subtitle", defaultValue = "", description = "the chart's second line (machine, date)")
    String subtitle;

    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new BenchReport()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        List<JmhResult> results = new ArrayList<>();
        for (Path file : jmh) {
            if (Files.exists(file)) {
                results.addAll(JmhResult.read(file));
            }
        }
        Properties lat = load(latency);
        Properties thr = load(throughput);
        pipelineTable(lat, thr, load(listing), load(present), results);
        if (!results.isEmpty()) {
            growthTable(results);
            otherJmh(results);
            if (png != null) {
                GrowthChart.write(results, LABELS, subtitle, png);
                out.println();
                out.println("Growth curves: " + png);
            }
        }
        return 0;
    }

    /** Issue 18: records the topology sent (changelogs, repartition, outputs) per event, from its producers' metrics. */
    private void recordsRow(Properties results, String what) {
        if (results.getProperty("records.perEvent") != null) {
            double perEvent = num(results, "records.perEvent");
            row("records the topology wrote per event, " + what + " (changelogs, repartition, outputs)",
                    String.format(Locale.ROOT, "%.2f (%s records)", perEvent, count(num(results, "records.total"))),
                    "", "≤ 3 (issue 18)", verdict(perEvent <= 3));
        }
    }

    private void pipelineTable(Properties lat, Properties thr, Properties listing, Properties present, List<JmhResult> jmhResults) {
        out.println("## Side by side with the references and the issue-6 targets");
        out.println();
        out.println("| measurement | blockwatch | reference on the same run | target | met |");
        out.println("|---|---|---|---|---|");
        if (!thr.isEmpty()) {
            double ours = num(thr, "topology.eventsPerSecond");
            String kcat = thr.getProperty("baseline.kcat.recordsPerSecond", "-");
            double java = num(thr, "baseline.java.recordsPerSecond");
            row(String.format(Locale.ROOT, "events/s through the topology, exactly_once_v2 (%s, %s events; ingest commit → stats record)",
                            thr.getProperty("dump"), count(num(thr, "events"))),
                    count(ours),
                    String.format(Locale.ROOT, "broker alone, same %s records of %.0f B avg, one transaction, acks=all, idempotent, lz4: kcat -P %s/s (%s), Java producer %s/s (%s)",
                            count(num(thr, "baseline.records")), num(thr, "baseline.averageBytes"),
                            isNumber(kcat) ? count(Double.parseDouble(kcat)) : kcat,
                            isNumber(kcat) ? ratio(ours, Double.parseDouble(kcat)) : "-", count(java), ratio(ours, java)),
                    "≥ 200,000", verdict(ours >= 200_000));
            if (thr.getProperty("baseline.streams.passThrough.eventsPerSecond") != null) {
                double pass = num(thr, "baseline.streams.passThrough.eventsPerSecond");
                double oneStore = num(thr, "baseline.streams.oneStore.eventsPerSecond");
                row("events/s through a trivial Kafka Streams application, same settings (exactly_once_v2, 200 ms commits), same records",
                        "", String.format(Locale.ROOT, "pass-through %s/s (%s), one RocksDB put per event %s/s (%s)",
                                count(pass), ratio(ours, pass), count(oneStore), ratio(ours, oneStore)),
                        "≥ 200,000", "pass-through: " + verdict(pass >= 200_000) + "; one store: " + verdict(oneStore >= 200_000));
            }
            recordsRow(thr, "generated dump");
            row("events/s, whole pipeline (ingest start: parse, diff, publish → stats record)",
                    count(num(thr, "pipeline.eventsPerSecond")), String.format(Locale.ROOT, "ingest alone %.1f s, topology %.1f s",
                            num(thr, "ingest.seconds"), num(thr, "topology.seconds")), "", "");
        }
        if (!lat.isEmpty()) {
            double p99 = num(lat, "alert.fromCommit.p99ms");
            row(String.format(Locale.ROOT, "delta → alert, from the ingest's commit (%s one-row deltas on %s)",
                            count(num(lat, "alert.fromCommit.n")), lat.getProperty("base.dump")),
                    percentiles(lat, "alert.fromCommit"), "", "p99 < 1 s", verdict(p99 < 1000));
            row("delta → alert, from the start of ingest (parse the whole dump, diff, publish)",
                    percentiles(lat, "alert.fromIngestStart"), "", "", "");
            double httpP99 = num(lat, "http.sequential.p99ms");
            row(String.format(Locale.ROOT, "HTTP GET /api/ip/{ip}, one client, keep-alive (%s requests, half blocked)",
                            count(num(lat, "http.sequential.n"))),
                    percentiles(lat, "http.sequential") + String.format(Locale.ROOT, "; p99.9 %.2f ms", num(lat, "http.sequential.p999ms")),
                    "", "p99 < 2 ms", verdict(httpP99 < 2));
            if (lat.getProperty("http.blocking.p99ms") != null) {
                double blockingP99 = num(lat, "http.blocking.p99ms");
                row(String.format(Locale.ROOT, "HTTP GET /api/ip/{ip}, the same with a one-thread blocking client (HttpURLConnection, keep-alive; %s requests)",
                                count(num(lat, "http.blocking.n"))),
                        percentiles(lat, "http.blocking") + String.format(Locale.ROOT, "; p99.9 %.2f ms; %s requests/s",
                                num(lat, "http.blocking.p999ms"), count(num(lat, "http.blocking.perSecond"))),
                        "", "p99 < 2 ms", verdict(blockingP99 < 2));
            }
            row("HTTP throughput, requests/s with 1 / 2 / 4 clients",
                    count(num(lat, "http.sequential.perSecond")) + " / " + count(num(lat, "http.clients2.perSecond"))
                            + " / " + count(num(lat, "http.clients4.perSecond")), "", "", "");
        }
        if (!listing.isEmpty()) {
            // Issue 15: both listings in milliseconds at 2M ranges (one index scan each, whatever the table's size).
            for (String[] l : new String[][] {{"within", "/api/ranges?within=52.0.0.0/8&limit=3"}, {"recent", "/api/ranges/recent?limit=3"}}) {
                double p99 = num(listing, "listing." + l[0] + ".p99ms");
                row(String.format(Locale.ROOT, "HTTP GET %s, one blocking client, keep-alive (%s requests; table of %s ranges from %s)",
                                l[1], count(num(listing, "listing." + l[0] + ".n")), count(num(listing, "listing.ranges")),
                                listing.getProperty("listing.dump")),
                        percentiles(listing, "listing." + l[0]) + String.format(Locale.ROOT, "; %s requests/s",
                                count(num(listing, "listing." + l[0] + ".perSecond"))),
                        "", "p99 < 10 ms", verdict(p99 < 10));
            }
        }
        if (!present.isEmpty()) {
            // Issue 18: the registry's 2025 size, split as the mirror splits it, loaded in seconds.
            double total = num(present, "present.total.seconds");
            row(String.format(Locale.ROOT, "present-day dump into an empty pipeline, ingest start → stats record (%s rows in %s parts, "
                                    + "%.0f MB, generate --shape 2025; %s events)", count(num(present, "present.rows")),
                            count(num(present, "present.parts")), num(present, "present.megabytes"), count(num(present, "present.events"))),
                    String.format(Locale.ROOT, "%.1f s (ingest %.1f s, applied %.1f s after its commit); %s events/s", total,
                            num(present, "present.ingest.seconds"), num(present, "present.apply.seconds"),
                            count(num(present, "present.eventsPerSecond"))),
                    "", "≤ 30 s (issue 18)", verdict(total <= 30));
            recordsRow(present, "present-day dump");
            if (present.getProperty("churn.commitToApplied.seconds") != null) {
                double latency = num(present, "churn.commitToApplied.seconds");
                row(String.format(Locale.ROOT, "a day of churn on it (generate --deltas 1: %s events), ingest commit → stats record "
                                + "(its alerts are out by then)", count(num(present, "churn.events"))),
                        String.format(Locale.ROOT, "%.2f s (ingest %.1f s)", latency, num(present, "churn.ingest.seconds")),
                        "", "≤ 1 s (issue 18)", verdict(latency <= 1));
            }
        }
        JmhResult lookup2m = find(jmhResults, "CoverageBenchmark.lookup", 2_000_000);
        if (lookup2m != null) {
            row("in-store lookups/s at 2M ranges (JMH, CoverageBenchmark.lookup)", count(lookup2m.score()), "", "≥ 5,000,000",
                    verdict(lookup2m.score() >= 5_000_000));
        }
        JmhResult small = find(jmhResults, "StoreCoverageBenchmark.addAndRemoveOneAddress reads=indexed", 10_000);
        JmhResult large = find(jmhResults, "StoreCoverageBenchmark.addAndRemoveOneAddress reads=indexed", 2_000_000);
        if (small != null && large != null) {
            double change = small.score() / large.score() - 1;
            row("one-entry delta at 2M ranges vs 10k (topology coverage, JMH)",
                    String.format(Locale.ROOT, "%.2f µs vs %.2f µs (%+.0f%%)", 1e6 / large.score(), 1e6 / small.score(), 100 * change),
                    "", "the same", verdict(Math.abs(change) < 0.10));
        }
        memoryRow(lat, "base", "after " + lat.getProperty("base.dump", "the base dump") + " (+ deltas, HTTP)", "end");
        memoryRow(thr, "table", "after " + thr.getProperty("dump", "the generated dump"), null);
        memoryRow(present, "present", "after the present-day dump (" + present.getProperty("present.dump", "") + ")", null);
        out.println();
    }

    private void memoryRow(Properties p, String prefix, String what, String laterPrefix) {
        if (p.isEmpty()) {
            return;
        }
        String peakRss = laterPrefix != null && p.containsKey(laterPrefix + ".peakRssMiB") ? laterPrefix : prefix;
        row("memory and disk " + what + ": peak RSS (whole JVM: broker + Streams + ingest) / peak heap / live heap / state store / broker logs",
                String.format(Locale.ROOT, "%.0f MiB / %.0f MiB / %.0f MiB / %.1f MiB / %.1f MiB",
                        num(p, peakRss + ".peakRssMiB"), num(p, peakRss + ".peakHeapMiB"), num(p, prefix + ".liveHeapMiB"),
                        num(p, prefix + ".stateStoreMiB"), num(p, prefix + ".brokerLogMiB")), "", "", "");
    }

    private void growthTable(List<JmhResult> results) {
        out.println("## Growth with the table size (JMH)");
        out.println();
        out.println("| series | unit | 10k | 100k | 1M | 2M | 2M vs 10k |");
        out.println("|---|---|---|---|---|---|---|");
        TreeSet<String> series = new TreeSet<>();
        results.stream().filter(r -> r.ranges() > 0).forEach(r -> series.add(r.series()));
        for (String name : series) {
            List<String> cells = new ArrayList<>();
            boolean delta = false;
            Double first = null;
            Double last = null;
            for (long size : SIZES) {
                JmhResult r = find(results, name, size);
                if (r == null) {
                    cells.add("");
                    continue;
                }
                delta = r.isDelta();
                double value = delta ? 1e6 / r.score() : r.score();
                cells.add(delta ? String.format(Locale.ROOT, "%.2f", value) : count(value));
                if (first == null) {
                    first = value;
                }
                last = value;
            }
            String change = first == null || last == null ? "" : String.format(Locale.ROOT, "%+.0f%%", 100 * (last / first - 1));
            out.println("| " + LABELS.getOrDefault(name, name) + " | " + (delta ? "µs per delta" : "ops/s") + " | "
                    + String.join(" | ", cells) + " | " + change + " |");
        }
        out.println();
    }

    private void otherJmh(List<JmhResult> results) {
        if (results.stream().allMatch(r -> r.ranges() > 0 && LABELS.containsKey(r.series()))) {
            return;
        }
        out.println("## Other JMH benchmarks");
        out.println();
        out.println("| benchmark | params | score | ± error | unit |");
        out.println("|---|---|---|---|---|");
        for (JmhResult r : results) {
            if (r.ranges() > 0 && LABELS.containsKey(r.series())) {
                continue;
            }
            out.println("| " + r.shortName() + " | " + (r.params().isEmpty() ? "" : r.params().toString()) + " | " + count(r.score()) + " | "
                    + (Double.isNaN(r.error()) ? "" : count(r.error())) + " | " + r.unit() + " |");
        }
    }

    private static JmhResult find(List<JmhResult> results, String series, long size) {
        return results.stream().filter(r -> r.series().equals(series) && r.ranges() == size).findFirst().orElse(null);
    }

    private void row(String what, String ours, String reference, String target, String met) {
        out.println("| " + what + " | " + ours + " | " + reference + " | " + target + " | " + met + " |");
    }

    private static String percentiles(Properties p, String prefix) {
        return String.format(Locale.ROOT, "p50 %s ms, p99 %s ms, max %s ms", ms(num(p, prefix + ".p50ms")),
                ms(num(p, prefix + ".p99ms")), ms(num(p, prefix + ".maxms")));
    }

    private static String ms(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String verdict(boolean met) {
        return met ? "yes" : "**no**";
    }

    private static String ratio(double ours, double reference) {
        return reference > 0 ? String.format(Locale.ROOT, "ours = %.2f×", ours / reference) : "-";
    }

    private static String count(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double num(Properties p, String key) {
        String value = p.getProperty(key);
        return value == null || !isNumber(value) ? Double.NaN : Double.parseDouble(value);
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        if (file != null && Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
        }
        return p;
    }
}
