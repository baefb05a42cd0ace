package io.github.blockwatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.blockwatch.ingest.DumpFiles;
import io.github.blockwatch.registry.DumpComparer;
import io.github.blockwatch.registry.DumpComparison;
import io.github.blockwatch.registry.DumpSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code blockwatch compare A B}: what one dump holds and the other does not, offline. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        header = "Compare two dumps: entries and IPv4 addresses in one and not the other",
        description = {"Compares two dumps offline (no Kafka): two dumps of one source at different times, or two "
                + "sources of the same registry time (the official dump.xml against the mirror's dump.csv) to see "
                + "what a mirror lags behind or lost. Reports the entries only in A, only in B and in both with "
                + "different content, and the distinct IPv4 addresses only in A, only in B and in both (exact: "
                + "overlapping and nested blocks counted once), with samples.",
            "",
            "Entries are paired by entry key when both dumps have one format, and by decision, domains and URLs "
                + "when they do not (a dump.xml content id and a dump.csv row have different keys)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the dumps agree: no entry or address in one only, no entry changed",
            "1:an error: a dump unreadable or refused",
            "2:invalid command line",
            "3:the dumps differ (the report says how)"})
final class CompareCommand implements Callable<Integer> {
    static final int DIFFERENT = 3;

    enum Format { text, json }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "A dump: dump.csv, dump.xml or CIDR list (plain or gzip), or a "
            + "directory holding one dump (the parts of a split dump, dump-00.csv …)")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "The dump to compare A with, likewise")
    Path b;

    @Option(names = "--format", defaultValue = "text", description = "text (a table) or json (one object) (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--limit", defaultValue = "10", paramLabel = "N",
            description = "Samples shown of each difference (default: ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() throws Exception {
        if (limit < 0) {
            throw new CliException("--limit must be 0 or more, not " + limit);
        }
        DumpComparison comparison = DumpComparer.compare(source(a), source(b), limit);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(json(comparison));
        } else {
            text(comparison, out);
        }
        out.flush();
        return comparison.isEmpty() ? 0 : DIFFERENT;
    }

    /** A file, or the one dump a directory holds (a split dump's parts; files that are not dumps are passed over). */
    private static DumpSource source(Path path) throws IOException {
        List<DumpFiles.DumpFile> dumps = DumpFiles.select(List.of(path)).dumps();
        if (dumps.size() != 1) {
            throw new IOException(path + ": holds " + dumps.size() + " dumps; compare takes one dump a side");
        }
        return dumps.get(0).source();
    }

    private static void text(DumpComparison c, PrintWriter out) {
        out.printf(Locale.ROOT, "A: %s%n", side(c.a()));
        out.printf(Locale.ROOT, "B: %s%n", side(c.b()));
        out.println(lag(c));
        out.println(c.matchedBy() == DumpComparison.Matching.KEY
                ? "entries paired by entry key"
                : "entries paired by content: decision, domains and URLs (addresses for entries without them)");
        out.println();
        out.printf(Locale.ROOT, "%-18s %14s %18s%n", "", "entries", "IPv4 addresses");
        out.printf(Locale.ROOT, "%-18s %,14d %,18d%n", "only in A", c.onlyInA().count(), c.ipv4OnlyInA().count());
        out.printf(Locale.ROOT, "%-18s %,14d %,18d%n", "only in B", c.onlyInB().count(), c.ipv4OnlyInB().count());
        out.printf(Locale.ROOT, "%-18s %,14d %,18d%n", "in both", c.same() + c.changed().count(), c.ipv4InBoth());
        out.printf(Locale.ROOT, "%-18s %,14d %18s%n", "  of them changed", c.changed().count(), "");
        samples(out, "entries only in A", c.onlyInA());
        samples(out, "entries only in B", c.onlyInB());
        samples(out, "entries changed (as in A)", c.changed());
        samples(out, "IPv4 only in A", c.ipv4OnlyInA());
        samples(out, "IPv4 only in B", c.ipv4OnlyInB());
    }

    private static String side(DumpComparison.Side s) {
        return String.format(Locale.ROOT, "%s (%s, registry time %s): rows %,d (rejected %,d), entries %,d, distinct IPv4 %,d",
                s.source(), s.format().label(), s.registryTime(), s.rows(), s.rejected(), s.entries(), s.ipv4());
    }

    private static String lag(DumpComparison c) {
        Duration d = Duration.between(c.a().registryTime(), c.b().registryTime());
        if (d.isZero()) {
            return "same registry time";
        }
        return (d.isNegative() ? "A" : "B") + " is newer by " + human(d.abs());
    }

    private static String human(Duration d) {
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        StringBuilder text = new StringBuilder();
        if (days > 0) {
            text.append(days).append("d ");
        }
        if (days > 0 || hours > 0) {
            text.append(hours).append("h ");
        }
        return text.append(minutes).append('m').toString();
    }

    private static void samples(PrintWriter out, String title, DumpComparison.Difference difference) {
        if (difference.samples().isEmpty()) {
            return;
        }
        out.println();
        out.printf(Locale.ROOT, "%s (%d of %,d):%n", title, difference.samples().size(), difference.count());
        difference.samples().forEach(s -> out.println("  " + s));
    }

    static String json(DumpComparison c) throws JsonProcessingException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("a", sideJson(c.a()));
        doc.put("b", sideJson(c.b()));
        doc.put("registryTimeDifferenceSeconds", Duration.between(c.a().registryTime(), c.b().registryTime()).toSeconds());
        doc.put("matchedBy", c.matchedBy().name().toLowerCase(Locale.ROOT));
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("onlyInA", c.onlyInA());
        entries.put("onlyInB", c.onlyInB());
        entries.put("changed", c.changed());
        entries.put("same", c.same());
        doc.put("entries", entries);
        Map<String, Object> ipv4 = new LinkedHashMap<>();
        ipv4.put("onlyInA", c.ipv4OnlyInA());
        ipv4.put("onlyInB", c.ipv4OnlyInB());
        ipv4.put("inBoth", c.ipv4InBoth());
        doc.put("ipv4", ipv4);
        doc.put("identical", c.isEmpty());
        return new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
    }

    private static Map<String, Object> sideJson(DumpComparison.Side s) {
        Map<String, Object> side = new LinkedHashMap<>();
        side.put("source", s.source());
        side.put("format", s.format().label());
        side.put("registryTime", s.registryTime().toString());
        side.put("rows", s.rows());
        side.put("rejected", s.rejected());
        side.put("entries", s.entries());
        side.put("ipv4", s.ipv4());
        return side;
    }
}
