package io.github.blockwatch.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Helpers for tests: the bundled real dumps, and small dumps written on the fly. */
final class TestDumps {
    static final Charset CP1251 = Charset.forName("windows-1251");

    private TestDumps() {}

    /** A bundled real dump: data/ (dump.csv) or src/test/resources/rkn-xml (dump.xml). */
    static Path real(String name) {
        Path csv = Path.of("data", name);
        return Files.exists(csv) ? csv : Path.of("src/test/resources/rkn-xml", name);
    }

    static List<ParsedRow> readAll(DumpReader reader) throws IOException {
        List<ParsedRow> rows = new ArrayList<>();
        for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        return rows;
    }

    static List<ParsedRow> readAll(Path file) throws IOException {
        try (DumpReader reader = Dumps.open(file)) {
            return readAll(reader);
        }
    }

    static Path write(Path dir, String name, String text, Charset charset) throws IOException {
        return Files.write(dir.resolve(name), text.getBytes(charset));
    }

    static Path writeGzip(Path dir, String name, String text, Charset charset) throws IOException {
        return Files.write(dir.resolve(name), gzip(text.getBytes(charset)));
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    static List<Entry> accepted(List<ParsedRow> rows) {
        return rows.stream()
                .filter(ParsedRow.Accepted.class::isInstance)
                .map(r -> ((ParsedRow.Accepted) r).entry())
                .toList();
    }

    static List<ParsedRow.Rejected> rejected(List<ParsedRow> rows) {
        return rows.stream().filter(ParsedRow.Rejected.class::isInstance).map(ParsedRow.Rejected.class::cast).toList();
    }

    static long ipv4Ranges(List<Entry> entries) {
        return entries.stream().flatMap(e -> e.ranges().stream()).filter(c -> c.family() == IpFamily.IPV4).count();
    }

    /** Hex SHA-256, computed independently of the code under test. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
