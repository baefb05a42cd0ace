package io.github.blockwatch.registry;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The decompressed bytes of a split dump's parts, one after the other, as {@code cat} would give them.
 * Each part is decompressed on its own (a part may be gzipped), opened only when the one before is used
 * up. Counting the line breaks of each part as it passes lets a row numbered through the whole dump be
 * placed back in its part ({@link #place(long)}).
 */
final class PartsInputStream extends InputStream {
    /** A part opened so far: its name, the line breaks before it, and whether the bytes before it ended a line. */
    private record Part(String name, long newlinesBefore, boolean startsALine) {}

    private final List<Path> files;
    private final List<Part> opened = new ArrayList<>();
    private final List<CountingInputStream> fileCounts = new ArrayList<>();
    private InputStream current;
    private int next;
    private long newlines;
    private int lastByte = '\n';

    PartsInputStream(List<Path> files) throws IOException {
        this.files = List.copyOf(files);
        openNext();
    }

    private boolean openNext() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
        if (next >= files.size()) {
            return false;
        }
        Path file = files.get(next++);
        String name = file.getFileName().toString();
        InputStream raw = DumpInput.openFile(file, name);
        try {
            CountingInputStream counting = new CountingInputStream(raw);
            fileCounts.add(counting);
            current = DumpInput.decompressed(new BufferedInputStream(counting, DumpInput.BUFFER), name);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
        opened.add(new Part(name, newlines, lastByte == '\n'));
        return true;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (current != null) {
            int n = current.read(buffer, offset, length);
            if (n > 0) {
                for (int i = offset; i < offset + n; i++) {
                    if (buffer[i] == '\n') {
                        newlines++;
                    }
                }
                lastByte = buffer[offset + n - 1];
                return n;
            }
            if (n < 0 && !openNext()) {
                return -1;
            }
        }
        return -1;
    }

    /** File bytes consumed so far, all parts together (compressed bytes for gzip). */
    long bytesRead() {
        long total = 0;
        for (CountingInputStream count : fileCounts) {
            total += count.count();
        }
        return total;
    }

    /**
     * The part a row starts in, and its line there. {@code line} counts through the concatenated parts; the
     * row must have been read already (its bytes have passed this stream). A row that began at the end of
     * one part and goes on in the next belongs to the part it began in.
     */
    RowPlace place(long line) {
        Part found = opened.get(0);
        for (Part part : opened) {
            long firstLineStartingHere = part.newlinesBefore() + (part.startsALine() ? 1 : 2);
            if (firstLineStartingHere <= line) {
                found = part;
            }
        }
        return new RowPlace(found.name(), line - found.newlinesBefore());
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
        next = files.size();
    }
}
