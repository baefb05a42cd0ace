package io.github.blockwatch.official;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The client's own durable state, in {@code --state-dir}: what survives a kill. The registry state
 * itself is in Kafka (the dumps topic says which dumps were ingested); this directory holds only what
 * Kafka cannot: the code of a request sent and not yet answered ({@code pending.properties}, written
 * right after {@code sendRequest} and removed only after its dump was ingested or refused, so a restart
 * resumes {@code getResult} with the same code instead of asking again), the last announcement fully
 * fetched ({@code fetched.properties}), the archives kept ({@code archives/}, each zip as received, with
 * {@code dump.xml.sig} beside it) and a work area. Files are replaced atomically (write, fsync, rename).
 * A lock file keeps two clients from sharing the directory.
 */
public final class OfficialState implements AutoCloseable {
    private static final DateTimeFormatter ARCHIVE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** A request sent and not yet answered: its code, when it was sent, and the announcement it answers. */
    public record Pending(String code, Instant sentAt, Instant lastDumpDate, Instant lastDumpDateUrgently) {}

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private OfficialState(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Opens (creating) the directory and locks it; a second client on the same directory is refused. */
    public static OfficialState open(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("archives"));
        Files.createDirectories(dir.resolve("work"));
        FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new OperatorServiceException(dir + ": another blockwatch ingest uses this state directory (--state-dir)");
        }
        return new OfficialState(dir, channel, lock);
    }

    public Path dir() {
        return dir;
    }

    /** Scratch space for answers being read, the request being signed, the archive being checked. */
    public Path work() {
        return dir.resolve("work");
    }

    public Optional<Pending> pending() throws IOException {
        Properties p = read("pending.properties");
        if (p == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Pending(p.getProperty("code"), Instant.parse(p.getProperty("sentAt")),
                    Instant.parse(p.getProperty("lastDumpDate")), Instant.parse(p.getProperty("lastDumpDateUrgently"))));
        } catch (RuntimeException e) {
            throw new OperatorServiceException(dir.resolve("pending.properties") + ": unreadable (" + e.getMessage()
                    + "); delete it to send a fresh request");
        }
    }

    public void savePending(Pending pending) throws IOException {
        Properties p = new Properties();
        p.setProperty("code", pending.code());
        p.setProperty("sentAt", pending.sentAt().toString());
        p.setProperty("lastDumpDate", pending.lastDumpDate().toString());
        p.setProperty("lastDumpDateUrgently", pending.lastDumpDateUrgently().toString());
        write("pending.properties", p, "a request sent to the operator service and not yet fetched");
    }

    public void clearPending() throws IOException {
        Files.deleteIfExists(dir.resolve("pending.properties"));
    }

    /** Whether the dump announced with these dates was fetched already (ingested, held or found ingested). */
    public boolean fetched(LastDumpDates dates) throws IOException {
        Properties p = read("fetched.properties");
        return p != null && dates.lastDumpDate().toString().equals(p.getProperty("lastDumpDate"))
                && dates.lastDumpDateUrgently().toString().equals(p.getProperty("lastDumpDateUrgently"));
    }

    public void markFetched(Instant lastDumpDate, Instant lastDumpDateUrgently) throws IOException {
        Properties p = new Properties();
        p.setProperty("lastDumpDate", lastDumpDate.toString());
        p.setProperty("lastDumpDateUrgently", lastDumpDateUrgently.toString());
        write("fetched.properties", p, "the last announcement of the operator service whose dump was fetched");
    }

    /**
     * Keeps an archive as received ({@code dump-<registry time>.zip}) with its {@code dump.xml.sig}
     * beside it, and deletes all but the newest {@code keep} archives.
     */
    public Path keep(Path archive, byte[] signature, Instant registryTime, int keep) throws IOException {
        Path archives = dir.resolve("archives");
        String base = "dump-" + ARCHIVE_TIME.format(registryTime);
        Path kept = archives.resolve(base + ".zip");
        Files.move(archive, kept, StandardCopyOption.REPLACE_EXISTING);
        Files.write(archives.resolve(base + ".xml.sig"), signature);
        try (Stream<Path> files = Files.list(archives)) {
            List<Path> zips = files.filter(f -> f.getFileName().toString().matches("dump-\\d{8}T\\d{6}Z\\.zip"))
                    .sorted(Comparator.comparing((Path f) -> f.getFileName().toString()).reversed()).toList();
            for (Path old : zips.subList(Math.min(keep, zips.size()), zips.size())) {
                Files.deleteIfExists(old);
                Files.deleteIfExists(old.resolveSibling(old.getFileName().toString().replace(".zip", ".xml.sig")));
            }
        }
        return kept;
    }

    private Properties read(String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader reader = new StringReader(Files.readString(file, StandardCharsets.UTF_8))) {
            p.load(reader);
        }
        return p;
    }

    private void write(String name, Properties p, String comment) throws IOException {
        Path target = dir.resolve(name);
        Path temp = dir.resolve(name + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
             OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
            p.store(out, comment);
            out.flush();
            channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }
}
