package io.github.blockwatch.official;

import io.github.blockwatch.ingest.DumpContent;
import io.github.blockwatch.registry.DumpFormat;
import io.github.blockwatch.registry.DumpReader;
import io.github.blockwatch.registry.DumpLimits;
import io.github.blockwatch.registry.Dumps;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The zip {@code getResult} returns, checked before anything of it is read as a dump: exactly the
 * entries {@code dump.xml} and {@code dump.xml.sig} (the two every client read takes out of it), nothing
 * else — no other file, no directory, no path, no second entry of the same name — and no larger than
 * the caps. {@code dump.xml} is read straight from the zip (no copy on disk), through a counter that
 * stops it when it inflates past {@link Limits#maxDumpBytes()} or past {@link Limits#maxRatio()} times the
 * archive's own size (a zip bomb is refused early, whatever sizes its directory claims).
 */
public final class DumpArchive implements AutoCloseable {
    public static final String DUMP = "dump.xml";
    public static final String SIGNATURE = "dump.xml.sig";
    /** A detached CMS signature is a few kilobytes; anything near this is not one. */
    static final long MAX_SIGNATURE_BYTES = Sizes.MIB;
    /** Below this a dump is not worth a ratio check: tiny dumps of a few entries compress oddly. */
    private static final long RATIO_FLOOR_BYTES = Sizes.MIB;

    /**
     * @param maxArchiveBytes the largest zip accepted
     * @param maxDumpBytes    the largest dump.xml it may inflate to
     * @param maxRatio        how many times its zip dump.xml may be (the real dumps inflate about 8 times)
     */
    public record Limits(long maxArchiveBytes, long maxDumpBytes, int maxRatio) {
        public static final Limits DEFAULTS = new Limits(512 * Sizes.MIB, 8 * Sizes.GIB, 100);
    }

    private final Path file;
    private final ZipFile zip;
    private final ZipEntry dump;
    private final ZipEntry signature;
    private final Limits limits;
    private final String name;

    private DumpArchive(Path file, ZipFile zip, ZipEntry dump, ZipEntry signature, Limits limits, String name) {
        this.file = file;
        this.zip = zip;
        this.dump = dump;
        this.signature = signature;
        this.limits = limits;
        this.name = name;
    }

    /**
     * @param name how the dump is named in messages, dump records and the DLQ
     * @throws OperatorServiceException not a zip, unexpected or missing entries, too large
     */
    public static DumpArchive open(Path file, Limits limits, String name) throws IOException {
        long size = Files.size(file);
        if (size > limits.maxArchiveBytes()) {
            throw new OperatorServiceException(name + ": the archive is " + Sizes.describe(size) + ", more than "
                    + Sizes.describe(limits.maxArchiveBytes()) + "; refused");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new OperatorServiceException(name + ": the archive is not a zip (" + SoapAnswer.clip(e.getMessage()) + ")");
        }
        try {
            ZipEntry dump = null;
            ZipEntry signature = null;
            Set<String> seen = new HashSet<>();
            List<String> names = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                String entryName = entry.getName();
                names.add(SoapAnswer.clip(entryName));
                if (!seen.add(entryName)) {
                    throw new OperatorServiceException(name + ": the archive holds " + SoapAnswer.clip(entryName) + " twice; refused");
                }
                if (entryName.equals(DUMP) && !entry.isDirectory()) {
                    dump = entry;
                } else if (entryName.equals(SIGNATURE) && !entry.isDirectory()) {
                    signature = entry;
                } else {
                    throw new OperatorServiceException(name + ": the archive holds an unexpected entry '"
                            + SoapAnswer.clip(entryName) + "' (expected only " + DUMP + " and " + SIGNATURE + "); refused");
                }
            }
            if (dump == null || signature == null) {
                throw new OperatorServiceException(name + ": the archive has no " + (dump == null ? DUMP : SIGNATURE)
                        + " (entries: " + (names.isEmpty() ? "none" : String.join(", ", names)) + "); refused");
            }
            if (signature.getSize() > MAX_SIGNATURE_BYTES) {
                throw new OperatorServiceException(name + ": " + SIGNATURE + " claims " + Sizes.describe(signature.getSize())
                        + "; refused");
            }
            return new DumpArchive(file, zip, dump, signature, limits, name);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    /** {@code dump.xml}, streamed from the zip when ingest opens it; anything but a dump.xml is refused. */
    public DumpContent dump() {
        return new DumpContent() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long size() {
                return dump.getCompressedSize() > 0 ? dump.getCompressedSize() : 0;
            }

            @Override
            public DumpReader open(DumpLimits dumpLimits) throws IOException {
                DumpReader reader = Dumps.open(capped(zip.getInputStream(dump)), name, Instant.EPOCH, dumpLimits);
                if (reader.header().format() != DumpFormat.XML) {
                    reader.close();
                    throw new OperatorServiceException(name + ": the archive's " + DUMP + " is not a registry dump.xml (it reads as "
                            + reader.header().format().label() + ")");
                }
                return reader;
            }
        };
    }

    /** {@code dump.xml.sig}, the registry's detached signature of {@code dump.xml}. */
    public byte[] signature() throws IOException {
        try (InputStream in = zip.getInputStream(signature)) {
            byte[] bytes = in.readNBytes((int) MAX_SIGNATURE_BYTES + 1);
            if (bytes.length > MAX_SIGNATURE_BYTES) {
                throw new OperatorServiceException(name + ": " + SIGNATURE + " is larger than " + Sizes.describe(MAX_SIGNATURE_BYTES) + "; refused");
            }
            return bytes;
        }
    }

    public Path file() {
        return file;
    }

    private InputStream capped(InputStream in) throws IOException {
        long archiveSize = Files.size(file);
        long byRatio = Math.max(RATIO_FLOOR_BYTES, archiveSize * limits.maxRatio());
        long cap = Math.min(limits.maxDumpBytes(), byRatio);
        String why = cap == limits.maxDumpBytes()
                ? DUMP + " inflates past " + Sizes.describe(cap) + "; refused (--max-dump-mb)"
                : DUMP + " inflates past " + limits.maxRatio() + " times the archive's " + Sizes.describe(archiveSize)
                        + "; refused as a zip bomb";
        return new FilterInputStream(in) {
            private long count;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    check(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    check(n);
                }
                return n;
            }

            private void check(long n) throws OperatorServiceException {
                count += n;
                if (count > cap) {
                    // the dump reader names the dump in front of its input's failures
                    throw new OperatorServiceException(why);
                }
            }
        };
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
