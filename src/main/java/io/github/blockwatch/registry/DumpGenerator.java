package io.github.blockwatch.registry;

import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * Writes synthetic registry dumps in the mirror's dump.csv format, each row as a {@link DumpShape} draws it:
 * {@link DefaultShape} (the benchmarks' dumps) or {@link Shape2025} (the registry at its 2025 size), as one
 * file or as the mirror's split layout ({@code dump-00.csv} …).
 *
 * <p>Deterministic: row {@code i} of day {@code d} is a pure function of (seed, i, d), so the same
 * arguments give the same bytes on any machine, and a series of daily deltas can be produced without
 * holding the registry in memory. Day 0 is the base dump; on each later day a small share of rows is
 * removed, added and re-resolved (new addresses for the same entry: UPDATED events).
 */
public final class DumpGenerator {
    private static final DateTimeFormatter UPDATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z");
    static final Instant BASE_TIME = DefaultShape.BASE_TIME;

    /** Opens part {@code part} (0, 1, …) of a split dump for writing; {@link #write(int, int, PartOpener)} closes it. */
    @FunctionalInterface
    public interface PartOpener {
        Writer open(int part) throws IOException;
    }

    private final long seed;
    private final DumpShape shape;
    private final long rows;
    private final double removedPerDay;
    private final double addedPerDay;
    private final double updatedPerDay;

    /**
     * The default shape.
     *
     * @param rows    rows of the base dump
     * @param subnets how many of them block a subnet (/24../12) rather than single addresses
     */
    public DumpGenerator(long seed, long rows, long subnets) {
        this(seed, new DefaultShape(rows, subnets));
    }

    public DumpGenerator(long seed, DumpShape shape) {
        this.seed = seed;
        this.shape = shape;
        this.rows = shape.rows();
        this.removedPerDay = 0.001;
        this.addedPerDay = 0.001;
        this.updatedPerDay = 0.002;
    }

    /** Registry time of the dump of day {@code day}. */
    public Instant registryTime(int day) {
        return shape.baseTime().plus(Duration.ofDays(day));
    }

    /** Writes the dump of day {@code day} (0 = base); returns the number of rows written. */
    public long write(int day, Writer out) throws IOException {
        writeHeader(day, out);
        return writeRows(day, 0, candidates(day), out);
    }

    /**
     * Writes the dump of day {@code day} as {@code parts} parts, the mirror's split layout: the bytes of the
     * one dump {@link #write(int, Writer)} writes, cut at line ends, the {@code Updated:} line at the start of
     * part 0 only, each part with an equal share of the rows (a part may hold fewer once rows are removed).
     * Each part is opened in turn and closed before the next; returns the number of rows written.
     */
    public long write(int day, int parts, PartOpener open) throws IOException {
        if (parts < 1) {
            throw new IllegalArgumentException("need at least one part");
        }
        long candidates = candidates(day);
        long written = 0;
        for (int part = 0; part < parts; part++) {
            try (Writer out = open.open(part)) {
                if (part == 0) {
                    writeHeader(day, out);
                }
                written += writeRows(day, candidates * part / parts, candidates * (part + 1) / parts, out);
            }
        }
        return written;
    }

    private void writeHeader(int day, Writer out) throws IOException {
        out.write("Updated: " + UPDATED.format(registryTime(day).atOffset(ZoneOffset.UTC)) + "\n");
    }

    /** Rows that may appear on day {@code day}: the base rows and those added up to that day. */
    private long candidates(int day) {
        return rows + (long) Math.ceil(rows * addedPerDay) * day;
    }

    private long writeRows(int day, long from, long to, Writer out) throws IOException {
        long written = 0;
        StringBuilder row = new StringBuilder(256);
        for (long i = from; i < to; i++) {
            if (!present(i, day)) {
                continue;
            }
            row.setLength(0);
            shape.appendRow(row, i, random(i, 0), random(i, 1000 + version(i, day)));
            row.append('\n');
            out.append(row);
            written++;
        }
        return written;
    }

    private boolean present(long i, int day) {
        if (i >= rows) {
            long perDay = (long) Math.ceil(rows * addedPerDay);
            return (i - rows) / Math.max(1, perDay) < day;
        }
        double u = random(i, -1).nextDouble();
        return u >= removedPerDay * day;
    }

    /** How many times row i was re-resolved up to this day: its addresses change, its identity does not. */
    private int version(long i, int day) {
        int version = 0;
        for (int d = 1; d <= day; d++) {
            if (random(i, d).nextDouble() < updatedPerDay) {
                version++;
            }
        }
        return version;
    }

    private SplittableRandom random(long i, int salt) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i * 0xBF58476D1CE4E5B9L + salt * 0x94D049BB133111EBL);
    }
}
