package io.github.blockwatch.cli;

import io.github.blockwatch.registry.DumpGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blockwatch generate}: deterministic synthetic dumps at any size, for benchmarks and load tests. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        header = "Write synthetic dump.csv files of any size (deterministic)",
        description = {"Writes a synthetic registry dump in the mirror's dump.csv format (cp1251; gzip when the "
                + "file name ends in .gz), shaped like the real ones, and optionally a series of daily deltas: "
                + "<name>-d01.csv.gz ... with a few rows removed, added and re-resolved each day. The same "
                + "arguments always give the same bytes."})
final class GenerateCommand implements Callable<Integer> {
    private static final Charset CP1251 = Charset.forName("windows-1251");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--rows", required = true, description = "Rows of the base dump")
    long rows;

    @Option(names = "--subnets", defaultValue = "0", description = "How many rows block a subnet (/24../12) (default: ${DEFAULT-VALUE})")
    long subnets;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--deltas", defaultValue = "0", description = "Daily delta dumps to write after the base (default: ${DEFAULT-VALUE})")
    int deltas;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Base dump file, e.g. dump.csv.gz")
    Path out;

    @Override
    public Integer call() throws IOException {
        DumpGenerator generator;
        try {
            generator = new DumpGenerator(seed, rows, subnets);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        for (int day = 0; day <= deltas; day++) {
            Path file = day == 0 ? out : deltaFile(out, day);
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
