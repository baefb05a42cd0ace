package io.github.blockwatch.bench.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A series of dump.csv files that each add one row to the one before: the base dump's complete rows
 * (a mirror dump's cut-off last row is left out), then one new row per step, each blocking a /15 that
 * nothing blocked before (131,072 addresses: a LARGE_RANGE alert at the default /16 threshold). Each step's
 * registry time ({@code Updated:}) is one hour after the one before, so ingest accepts it as newer.
 */
final class DeltaDumps {
    private static final Charset CP1251 = Charset.forName("windows-1251");
    private static final DateTimeFormatter UPDATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z", Locale.ROOT);
    /** /15s in 11/8 and 21/8..22/8 (US DoD space), which no registry dump lists. */
    private static final long[] FIRST_OCTETS = {11, 21, 22};

    private final byte[] baseRows;
    private final Instant baseTime;

    private DeltaDumps(byte[] baseRows, Instant baseTime) {
        this.baseRows = baseRows;
        this.baseTime = baseTime;
    }

    static DeltaDumps from(Path baseDump) throws IOException {
        byte[] all;
        try (InputStream in = open(baseDump)) {
            all = in.readAllBytes();
        }
        int headerEnd = indexOf(all, (byte) '\n', 0);
        String header = new String(all, 0, headerEnd, CP1251).trim();
        if (!header.startsWith("Updated: ")) {
            throw new IOException(baseDump + ": no 'Updated:' first line");
        }
        Instant time = UPDATED.parse(header.substring("Updated: ".length()), Instant::from);
        int lastNewline = lastIndexOf(all, (byte) '\n');
        ByteArrayOutputStream rows = new ByteArrayOutputStream(all.length);
        rows.write(all, headerEnd + 1, lastNewline - headerEnd);
        return new DeltaDumps(rows.toByteArray(), time);
    }

    /** The /15 step {@code step} (1-based) adds, e.g. {@code 11.2.0.0/15}. */
    static String cidr(int step) {
        int index = step - 1;
        long octet = FIRST_OCTETS[index / 128];
        long address = (octet << 24) | ((long) (index % 128) << 17);
        return (address >>> 24) + "." + ((address >>> 16) & 0xff) + ".0.0/15";
    }

    static int maxSteps() {
        return FIRST_OCTETS.length * 128;
    }

    /** Writes the dumps of steps 1..{@code steps} as {@code dir/delta-NNNN.csv.gz}. */
    List<Path> write(Path dir, int steps) throws IOException {
        if (steps > maxSteps()) {
            throw new IllegalArgumentException("at most " + maxSteps() + " steps");
        }
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        StringBuilder added = new StringBuilder();
        for (int step = 1; step <= steps; step++) {
            added.append(cidr(step)).append(";;;Генпрокуратура;27-31-2018/Ид").append(1000 + step)
                    .append("-18;2018-05-05\n");
            Path file = dir.resolve(String.format(Locale.ROOT, "delta-%04d.csv.gz", step));
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
                Instant time = baseTime.plusSeconds(3600L * step);
                out.write(("Updated: " + UPDATED.format(time.atOffset(ZoneOffset.UTC)) + "\n").getBytes(CP1251));
                out.write(baseRows);
                out.write(added.toString().getBytes(CP1251));
            }
            files.add(file);
        }
        return files;
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return file.toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("no line end");
    }

    private static int lastIndexOf(byte[] bytes, byte b) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("no line end");
    }
}
