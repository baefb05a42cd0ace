package io.github.blockwatch.registry;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    private static final int BUFFER = 64 * 1024;

    private final String source;
    private final CountingInputStream counting;
    private final MessageDigest digest;
    private final BufferedInputStream stream;
    private String hex;

    private DumpInput(String source, CountingInputStream counting, MessageDigest digest, BufferedInputStream stream) {
        this.source = source;
        this.counting = counting;
        this.digest = digest;
        this.stream = stream;
    }

    static DumpInput open(Path file, String source) throws IOException {
        return open(Files.newInputStream(file), source);
    }

    /** Reads {@code raw} (closed with the input, or here when opening fails): a file, or a blob of a git commit. */
    static DumpInput open(InputStream raw, String source) throws IOException {
        try {
            CountingInputStream counting = new CountingInputStream(raw);
            BufferedInputStream buffered = new BufferedInputStream(counting, BUFFER);
            InputStream decompressed = isGzip(buffered) ? gunzip(buffered, source) : buffered;
            MessageDigest sha256 = sha256();
            InputStream checked = new SourceErrorsInputStream(decompressed, source);
            BufferedInputStream top = new BufferedInputStream(new DigestInputStream(checked, sha256), BUFFER);
            return new DumpInput(source, counting, sha256, top);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
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
        return counting.count();
    }

    /**
     * Reads whatever the parser left unread (trailing whitespace after {@code </reg:register>}) so the
     * digest covers the whole file, then fixes the digest.
     */
    void finish() throws IOException {
        if (hex == null) {
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
