package io.github.blockwatch.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Opens registry dumps of any supported format, gzipped or not. The format is told from the content,
 * not the file name: gzip by its magic bytes {@code 1f 8b}; then {@code Updated:} on the first line
 * means the mirror's dump.csv, a first non-blank {@code <} the official dump.xml, a first non-blank {@code [} a JSON
 * array of addresses (reestr.rublacklist.net's {@code /api/v3/ips/}), anything else a CIDR
 * list (unless a data line in its first 64 KiB has a {@code ;}: a dump.csv that lost its header, which is refused
 * rather than read as a list of invalid addresses).
 *
 * <p>All errors are {@link IOException}s with a one-line message starting with the source name.
 */
public final class Dumps {
    private Dumps() {}

    /** Opens a dump, named by its file name in messages and headers. */
    public static DumpReader open(Path file) throws IOException {
        return open(file, file.getFileName().toString());
    }

    /** Opens a dump, named {@code sourceName} in messages and headers. */
    public static DumpReader open(Path file, String sourceName) throws IOException {
        return open(DumpSource.of(file, sourceName));
    }

    /** Opens a dump: one file, or the parts of a split dump read as one (see {@link SplitDumps}). */
    public static DumpReader open(DumpSource source) throws IOException {
        return open(source, DumpLimits.DEFAULT);
    }

    /** As {@link #open(DumpSource)}, within {@code limits}. */
    public static DumpReader open(DumpSource source, DumpLimits limits) throws IOException {
        DumpInput input = DumpInput.open(source, true, limits.maxDumpBytes());
        try {
            return switch (FormatSniffer.detect(input.peek(), source.name())) {
                case CSV -> new CsvDumpReader(input, limits.maxRowChars());
                case XML -> new XmlDumpReader(input, limits);
                case LIST -> ListReaders.open(input, Files.getLastModifiedTime(source.files().get(0)).toInstant());
            };
        } catch (IOException | RuntimeException e) {
            input.close();
            throw e;
        }
    }

    /**
     * Opens a dump to read its addresses only (what counting needs): the rows, blocks and rejections of
     * {@link #open(DumpSource)}, sooner. There is no digest.
     */
    public static RangeReader openRanges(DumpSource source) throws IOException {
        DumpInput input = DumpInput.open(source, false, DumpLimits.DEFAULT.maxDumpBytes());
        try {
            return switch (FormatSniffer.detect(input.peek(), source.name())) {
                case CSV -> new CsvRangeReader(input);
                case XML -> RangeReader.of(new XmlDumpReader(input, DumpLimits.DEFAULT));
                case LIST -> RangeReader.of(ListReaders.open(input, Files.getLastModifiedTime(source.files().get(0)).toInstant()));
            };
        } catch (IOException | RuntimeException e) {
            input.close();
            throw e;
        }
    }

    /**
     * Opens a dump held elsewhere than in a file of its own (a blob of a git commit), named {@code sourceName}.
     *
     * @param raw      the dump's bytes, plain or gzip; closed with the reader (or here when opening fails)
     * @param listTime the registry time of a CIDR list, which has none of its own (for a file: its modification time)
     */
    public static DumpReader open(InputStream raw, String sourceName, Instant listTime) throws IOException {
        return open(raw, sourceName, listTime, DumpLimits.DEFAULT);
    }

    /** As {@link #open(InputStream, String, Instant)}, within {@code limits}. */
    public static DumpReader open(InputStream raw, String sourceName, Instant listTime, DumpLimits limits) throws IOException {
        DumpInput input = DumpInput.open(raw, sourceName, limits.maxDumpBytes());
        try {
            return switch (FormatSniffer.detect(input.peek(), sourceName)) {
                case CSV -> new CsvDumpReader(input, limits.maxRowChars());
                case XML -> new XmlDumpReader(input, limits);
                case LIST -> ListReaders.open(input, listTime);
            };
        } catch (IOException | RuntimeException e) {
            input.close();
            throw e;
        }
    }

    /**
     * Whether {@code file} starts like a dump of any format, gzipped or not (see {@link FormatSniffer#looksLikeDump}):
     * how a directory's dumps are told from the other files in it. Only the file's start is read.
     *
     * @throws IOException the file cannot be read, or is a broken gzip stream (a dump cut short, not a README)
     */
    public static boolean looksLikeDump(Path file) throws IOException {
        try (DumpInput input = DumpInput.open(DumpInput.openFile(file, file.toString()), file.toString())) {
            return FormatSniffer.looksLikeDump(input.peek());
        }
    }

    /**
     * The header of a dump, reading only its start: enough to put many dumps in registry order before
     * ingesting any of them.
     */
    public static DumpHeader readHeader(Path file) throws IOException {
        return readHeader(DumpSource.of(file));
    }

    /** As {@link #readHeader(Path)}, for one file or a split dump. */
    public static DumpHeader readHeader(DumpSource source) throws IOException {
        try (DumpReader reader = open(source)) {
            return reader.header();
        }
    }
}
