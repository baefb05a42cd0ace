package io.github.blockwatch.cli;

import io.github.blockwatch.registry.DefaultShape;
import io.github.blockwatch.registry.DumpGenerator;
import io.github.blockwatch.registry.DumpShape;
import io.github.blockwatch.registry.Shape2025;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blockwatch generate}: deterministic synthetic dumps at any size, for benchmarks and load tests. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        header = "Write synthetic dump.csv files of any size (deterministic)",
        description = {"Writes a synthetic registry dump in the mirror's dump.csv format (cp1251; gzip when the "
                + "file name ends in .gz), shaped like the real ones, and optionally a series of daily deltas: "
                + "<name>-d01.csv.gz ... with a few rows removed, added and re-resolved each day. The same "
                + "arguments always give the same bytes.",
            "",
            "--shape 2025 draws the rows as the registry was at the mirror's last dump (2025-10-01: 1,203,340 rows): "
                + "IP-only and domain rows, URLs, subnets, IPv6 and two long rows in the proportions docs/PERFORMANCE.md "
                + "derives. --parts N writes the mirror's split layout instead of one file: -o names a directory, "
                + "which gets dump-00.csv ... (plain cp1251, the Updated: line in part 00 only), read by ingest and "
                + "count as one dump."})
final class GenerateCommand implements Callable<Integer> {
    private static final Charset CP1251 = Charset.forName("windows-1251");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--rows", required = true, description = "Rows of the base dump")
    long rows;

    @Option(names = "--subnets", defaultValue = "0", description = "How many rows block a subnet (/24../12) (default: ${DEFAULT-VALUE}; not with --shape 2025, which sets its own)")
    long subnets;

    @Option(names = "--shape", defaultValue = "default", paramLabel = "default|2025",
            description = "How the rows look: 'default' (the benchmarks' dumps, unchanged) or '2025' (the registry's present-day mix) (default: ${DEFAULT-VALUE})")
    String shape;

    @Option(names = "--parts", defaultValue = "0", paramLabel = "N",
            description = "Write the dump as N parts dump-00.csv ... into the directory -o (1..100; 0, the default: one file); with --deltas, day d into the directory beside it named <dir>-dNN")
    int parts;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--deltas", defaultValue = "0", description = "Daily delta dumps to write after the base (default: ${DEFAULT-VALUE})")
    int deltas;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE|DIR", description = "Base dump file, e.g. dump.csv.gz; with --parts, its directory")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (parts < 0 || parts > 100) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--parts must be 1..100 (0 for one file)");
        }
        if (parts > rows) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--parts " + parts + " needs at least " + parts + " rows");
        }
        DumpShape rowShape = shape();
        if (rowShape instanceof Shape2025 present) {
            printSummary(present);
        }
        DumpGenerator generator = new DumpGenerator(seed, rowShape);
        for (int day = 0; day <= deltas; day++) {
            Path file = day == 0 ? out : deltaFile(out, day);
            if (parts > 0) {
                writeParts(generator, day, file);
                continue;
            }
            long written;
            try (Writer writer = open(file)) {
                written = generator.write(day, writer);
            }
            spec.commandLine().getOut().printf(Locale.ROOT, "%s: %,d rows, registry time %s%n", file, written,
                    generator.registryTime(day));
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    private DumpShape shape() {
        switch (shape) {
            case "default" -> {
                try {
                    return new DefaultShape(rows, subnets);
                } catch (IllegalArgumentException e) {
                    throw new CliException(e.getMessage());
                }
            }
            case "2025" -> {
                if (spec.commandLine().getParseResult().hasMatchedOption("--subnets")) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--subnets does not go with --shape 2025: that shape sets its own subnet rows");
                }
                try {
                    return new Shape2025(rows);
                } catch (IllegalArgumentException e) {
                    throw new CliException(e.getMessage());
                }
            }
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--shape must be 'default' or '2025', not '" + shape + "'");
        }
    }

    /** What the 2025 shape claims, which {@code count} can check. */
    private void printSummary(Shape2025 present) {
        String longRows = Arrays.stream(present.longRows()).mapToObj(n -> String.format(Locale.ROOT, "%,d", n))
                .collect(Collectors.joining(" and "));
        spec.commandLine().getOut().printf(Locale.ROOT, "shape 2025: %,d rows: %,d IP-only (of which %,d listing a subnet "
                        + "and %d long rows of %s addresses), %,d listing an IPv6 address%n", rows, present.ipOnlyRows(),
                present.subnetRows(), present.longRows().length, longRows, present.ipv6Rows());
    }

    /** The split layout into {@code dir}, refused if the directory already holds other parts of a dump. */
    private void writeParts(DumpGenerator generator, int day, Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new CliException(dir + ": not a directory (with --parts, -o names the directory of the parts)");
        }
        Files.createDirectories(dir);
        List<String> ours = IntStream.range(0, parts).mapToObj(GenerateCommand::partName).toList();
        try (Stream<Path> children = Files.list(dir)) {
            // A part left by an earlier run with more parts, or gzipped, would be read as part of this dump.
            List<String> others = children.map(p -> p.getFileName().toString())
                    .filter(name -> name.matches("dump-[0-9]{2}\\.csv(\\.gz)?") && !ours.contains(name)).sorted().toList();
            if (!others.isEmpty()) {
                throw new CliException(dir + " already holds parts of another dump (" + String.join(", ", others)
                        + "); remove them or choose another directory");
            }
        }
        long written = generator.write(day, parts, n -> open(dir.resolve(ours.get(n))));
        spec.commandLine().getOut().printf(Locale.ROOT, "%s: %,d rows in %d parts (%s ... %s), registry time %s%n", dir,
                written, parts, partName(0), partName(parts - 1), generator.registryTime(day));
    }

    static String partName(int part) {
        return String.format(Locale.ROOT, "dump-%02d.csv", part);
    }

    private static Writer open(Path file) throws IOException {
        OutputStream stream = Files.newOutputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            stream = new GZIPOutputStream(stream, 1 << 16);
        }
        return new BufferedWriter(new OutputStreamWriter(stream, CP1251), 1 << 16);
    }

    static Path deltaFile(Path base, int day) {
        String name = base.getFileName().toString();
        int dot = name.indexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        String extension = dot < 0 ? "" : name.substring(dot);
        return base.resolveSibling(String.format(Locale.ROOT, "%s-d%02d%s", stem, day, extension));
    }
}
