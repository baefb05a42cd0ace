package io.github.blockwatch.registry;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongSupplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The byte side of reading a dump: file, optional gzip (recognised by its magic bytes, not the file
 * name), a SHA-256 of the decompressed bytes and a count of the file bytes consumed. The readers see
 * only {@link #stream()}, whose start can be peeked at to tell the format.
 */
final class DumpInput implements Closeable {
    /** How much of the decompressed start is looked at to tell the format. */
    static final int PEEK_BYTES = 64 * 1024;

    static final int BUFFER = 64 * 1024;

    private final String source;
    private final LongSupplier bytesRead;
    private final PartsInputStream parts;
    private final MessageDigest digest;
    private final BufferedInputStream stream;
    private String hex;

    private DumpInput(String source, LongSupplier bytesRead, PartsInputStream parts, MessageDigest digest,
                      BufferedInputStream stream) {
        this.source = source;
        this.bytesRead = bytesRead;
        this.parts = parts;
        this.digest = digest;
        this.stream = stream;
    }

    static DumpInput open(Path file, String source) throws IOException {
        return open(openFile(file, source), source);
    }

    /** Reads {@code raw} (closed with the input, or here when opening fails): a file, or a blob of a git commit. */
    static DumpInput open(InputStream raw, String source) throws IOException {
        return open(raw, source, DumpLimits.DEFAULT.maxDumpBytes());
    }

    /** As {@link #open(InputStream, String)}, refusing more than {@code maxBytes} decompressed. */
    static DumpInput open(InputStream raw, String source, long maxBytes) throws IOException {
        return open(raw, source, true, maxBytes);
    }

    private static DumpInput open(InputStream raw, String source, boolean digested, long maxBytes) throws IOException {
        try {
            CountingInputStream counting = new CountingInputStream(raw);
            InputStream decompressed = decompressed(new BufferedInputStream(counting, BUFFER), source);
            return withDigest(source, counting::count, null, decompressed, digested, maxBytes);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** One file, or the parts of a split dump read one after the other. */
    static DumpInput open(DumpSource dump) throws IOException {
        return open(dump, true, DumpLimits.DEFAULT.maxDumpBytes());
    }

    /**
     * As {@link #open(DumpSource)}, for the full parse ({@code digested}) or for counting, refusing more than
     * {@code maxBytes} decompressed.
     */
    static DumpInput open(DumpSource dump, boolean digested, long maxBytes) throws IOException {
        if (!dump.isSplit()) {
            return open(openFile(dump.files().get(0), dump.name()), dump.name(), digested, maxBytes);
        }
        PartsInputStream parts = new PartsInputStream(dump.files());
        return withDigest(dump.name(), parts::bytesRead, parts, parts, digested, maxBytes);
    }

    /**
     * The full parse ({@code digested}) takes a SHA-256 of the bytes. Counting needs none, and has its bytes
     * decompressed on a thread of their own instead: the parse it overlaps with is light enough for
     * decompressing to be a third of the time.
     */
    private static DumpInput withDigest(String source, LongSupplier bytesRead, PartsInputStream parts, InputStream in,
                                        boolean digested, long maxBytes) {
        MessageDigest sha256 = digested ? sha256() : null;
        InputStream limited = new SizeLimitedInputStream(in, maxBytes, source);
        InputStream bytes = digested ? new DigestInputStream(limited, sha256) : new ReadAheadInputStream(limited, source);
        BufferedInputStream top = new BufferedInputStream(bytes, BUFFER);
        return new DumpInput(source, bytesRead, parts, sha256, top);
    }

    /** A file's raw bytes, with the failures to open it named by {@code source}. */
    static InputStream openFile(Path file, String source) throws IOException {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new IOException(source + ": no such file (" + file + ")", e);
        } catch (IOException e) {
            // The JDK's own messages (a directory, no permission) name the path but not what failed.
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IOException(source + ": cannot read: " + message, e);
        }
    }

    /** The bytes, gunzipped when they start with gzip's magic, with read errors named by {@code source}. */
    static InputStream decompressed(BufferedInputStream in, String source) throws IOException {
        InputStream plain = isGzip(in) ? gunzip(in, source) : in;
        return new SourceErrorsInputStream(plain, source);
    }

    String source() {
        return source;
    }

    /** The decompressed dump bytes. */
    InputStream stream() {
        return stream;
    }

    /** Up to {@link #PEEK_BYTES} of the decompressed start, without consuming them. */
    byte[] peek() throws IOException {
        stream.mark(PEEK_BYTES);
        byte[] head = stream.readNBytes(PEEK_BYTES);
        stream.reset();
        return head;
    }

    long bytesRead() {
        return bytesRead.getAsLong();
    }

    /** Where a person finds row {@code line}: this dump's own line, or a split dump's part and line in it. */
    RowPlace place(long line) {
        return parts == null ? new RowPlace(source, line) : parts.place(line);
    }

    /**
     * Reads whatever the parser left unread (trailing whitespace after {@code </reg:register>}) so the
     * digest covers the whole file, then fixes the digest.
     */
    void finish() throws IOException {
        if (digest != null && hex == null) {
            stream.transferTo(OutputStream.nullOutputStream());
            hex = HexFormat.of().formatHex(digest.digest());
        }
    }

    /** Hex SHA-256 of the decompressed bytes, or null before {@link #finish()}. */
    String digest() {
        return hex;
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }

    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b;
    }

    private static InputStream gunzip(InputStream in, String source) throws IOException {
        try {
            return new GZIPInputStream(in, BUFFER);
        } catch (EOFException e) {
            throw new IOException(source + ": truncated gzip stream", e);
        } catch (ZipException e) {
            throw new IOException(source + ": corrupt gzip stream: " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
