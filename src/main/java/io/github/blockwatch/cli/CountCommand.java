package io.github.blockwatch.cli;

import io.github.blockwatch.registry.AddressTally;
import java.util.Locale;
import io.github.blockwatch.ingest.DumpFiles;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.DumpCount;
import io.github.blockwatch.registry.DumpCounter;
import io.github.blockwatch.registry.DumpSource;
import io.github.blockwatch.registry.Dumps;
import io.github.blockwatch.registry.IpFamily;
import io.github.blockwatch.registry.RangeReader;
import io.github.blockwatch.registry.RangeRow;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code blockwatch count}: what a dump blocks, counted offline with the live table's arithmetic. */
@Command(name = "count", mixinStandardHelpOptions = true,
        header = "Count rows, entries, ranges and distinct addresses offline",
        description = {"Counts, offline (no Kafka), each dump's rows, entries, distinct ranges and distinct IPv4/IPv6 addresses. The IPv4 count equals 'iprange -C' over the same addresses:",
            "",
            "  blockwatch count --print-ipv4 dump.csv.gz | iprange -C"})
final class CountCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Dump files (dump.csv, dump.xml, CIDR list; plain or gzip), or directories of them; the parts of a split dump (dump-00.csv …, or their directory) are counted as one dump")
    List<Path> files;

    @Option(names = "--print-ipv4", description = "Instead of counts, print every IPv4 range of accepted rows, one a line")
    boolean printIpv4;

    @Option(names = "--union", description = "After the dumps, count them together: sources side by side, overlaps once, "
            + "as the live table counts its sources' union ('iprange -C' over all of them)")
    boolean union;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        DumpFiles.Selection dumps = DumpFiles.select(files);
        if (dumps.skippedLine() != null) {
            // stderr: stdout may be a list of ranges on its way to iprange
            spec.commandLine().getErr().println("blockwatch count: " + dumps.skippedLine());
        }
        if (union && printIpv4) {
            throw new CliException("--union counts; --print-ipv4 prints ranges: give one of them");
        }
        AddressTally all = union ? new AddressTally() : null;
        List<DumpSource> sources = dumps.dumps().stream().map(DumpFiles.DumpFile::source).toList();
        for (DumpSource source : sources) {
            // Addresses only: counting needs no keys, decisions or digest.
            try (RangeReader reader = Dumps.openRanges(source)) {
                if (printIpv4) {
                    printRanges(reader, out);
                } else {
                    print(DumpCounter.count(reader, all), out);
                }
            }
        }
        if (all != null) {
            out.printf(Locale.ROOT, "union of %,d dumps%n", sources.size());
            out.printf(Locale.ROOT, "  distinct ranges %,d (IPv4 %,d, IPv6 %,d)%n", all.rangesIpv4() + all.rangesIpv6(),
                    all.rangesIpv4(), all.rangesIpv6());
            out.printf(Locale.ROOT, "  distinct IPv4 addresses %,d%n", all.distinctIpv4());
            out.printf(Locale.ROOT, "  distinct IPv6 addresses %,d%n", all.distinctIpv6());
        }
        out.flush();
        return 0;
    }

    private static void printRanges(RangeReader reader, PrintWriter out) throws java.io.IOException {
        for (RangeRow row = reader.next(); row != null; row = reader.next()) {
            for (Cidr range : row.ranges()) {
                if (range.family() == IpFamily.IPV4) {
                    out.println(range);
                }
            }
        }
    }

    private static void print(DumpCount c, PrintWriter out) {
        out.printf(Locale.ROOT, "%s (%s, registry time %s)%n", c.header().source(), c.header().format().label(), c.header().registryTime());
        out.printf(Locale.ROOT, "  rows read %,d = accepted %,d + rejected %,d%n", c.rows(), c.accepted(), c.rejected());
        out.printf(Locale.ROOT, "  entries %,d, distinct ranges %,d (IPv4 %,d, IPv6 %,d)%n", c.entries(), c.ranges(), c.rangesIpv4(), c.rangesIpv6());
        out.printf(Locale.ROOT, "  distinct IPv4 addresses %,d%n", c.distinctIpv4());
        out.printf(Locale.ROOT, "  distinct IPv6 addresses %,d%n", c.distinctIpv6());
    }
}
