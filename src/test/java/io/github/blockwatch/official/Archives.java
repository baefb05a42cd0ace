package io.github.blockwatch.official;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Archives as the service sends them, made from the real dumps of the repository: the official dump.xml
 * versions in {@code data/rkn-xml-2014-11-01-to-11-10.bundle} (read with JGit), zipped with a detached
 * signature beside them.
 */
public final class Archives {
    public static final Path BUNDLE = Path.of("data", "rkn-xml-2014-11-01-to-11-10.bundle");
    /** The newest dump of the bundle: updateTime 2014-11-10T23:05:00+04:00. */
    public static final Instant NEWEST = Instant.parse("2014-11-10T19:05:00Z");
    /** Its updateTimeUrgently. */
    public static final Instant NEWEST_URGENT = Instant.parse("2014-11-10T15:09:31Z");
    /** A stand-in for the registry's detached signature: a DER SEQUENCE, as a real dump.xml.sig begins. */
    public static final byte[] SIGNATURE = {0x30, (byte) 0x82, 0x01, 0x00, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48};

    /** Inflating the bundle's 240 versions takes seconds: once per JVM is enough. */
    private static final Map<Integer, byte[]> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private Archives() {}

    /** The dump.xml of the bundle's HEAD ({@code back} = 0) or of a commit {@code back} steps before it. */
    public static byte[] dumpXml(Path workDir, int back) throws Exception {
        byte[] cached = CACHE.get(back);
        if (cached != null) {
            return cached.clone();
        }
        byte[] read = readDumpXml(workDir, back);
        CACHE.put(back, read);
        return read.clone();
    }

    private static byte[] readDumpXml(Path workDir, int back) throws Exception {
        Path clone = Files.createTempDirectory(workDir, "bundle-clone-");
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.cloneRepository()
                .setURI(BUNDLE.toAbsolutePath().toUri().toString()).setDirectory(clone.toFile()).setNoCheckout(true).call()) {
            Repository repository = git.getRepository();
            try (RevWalk walk = new RevWalk(repository)) {
                RevCommit commit = walk.parseCommit(repository.resolve("HEAD~" + back));
                try (TreeWalk tree = TreeWalk.forPath(repository, "dump.xml", commit.getTree())) {
                    ObjectId blob = tree.getObjectId(0);
                    try (InputStream in = repository.open(blob).openStream()) {
                        return in.readAllBytes();
                    }
                }
            }
        }
    }

    public static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** dump.xml and dump.xml.sig, as the service sends a dump. */
    public static byte[] archive(byte[] dumpXml) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(DumpArchive.DUMP, dumpXml);
        entries.put(DumpArchive.SIGNATURE, SIGNATURE);
        return zip(entries);
    }

    /**
     * A zip whose dump.xml inflates to {@code bytes} bytes from a few kilobytes: a real dump.xml's start,
     * then blanks broken by empty elements (which an XML parser reads through) — a bomb that passes for a dump until it is inflated.
     */
    public static byte[] bomb(int bytes) throws IOException {
        byte[] start = ("<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<reg:register updateTime=\"2014-11-10T23:05:00+04:00\" "
                + "updateTimeUrgently=\"2014-11-10T19:09:31+04:00\" formatVersion=\"2.2\" xmlns:reg=\"http://rsoc.ru\" "
                + "xmlns:tns=\"http://rsoc.ru\">").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] dump = new byte[bytes];
        java.util.Arrays.fill(dump, (byte) ' ');
        // an empty element every 64 KiB keeps the root's text under the reader's limit on one text (which
        // counts all of an element's text), so what stops this archive is its inflation
        byte[] pad = "<pad/>".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int at = 64 * 1024; at + pad.length < bytes; at += 64 * 1024) {
            System.arraycopy(pad, 0, dump, at, pad.length);
        }
        System.arraycopy(start, 0, dump, 0, start.length);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(DumpArchive.DUMP, dump);
        entries.put(DumpArchive.SIGNATURE, SIGNATURE);
        return zip(entries);
    }

    /** A zip holding {@code dump.xml} twice: made with two names, then one renamed in its headers. */
    public static byte[] duplicateDump(byte[] dumpXml) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(DumpArchive.DUMP, dumpXml);
        entries.put("dumq.xml", dumpXml);
        entries.put(DumpArchive.SIGNATURE, SIGNATURE);
        byte[] zip = zip(entries);
        byte[] from = "dumq.xml".getBytes();
        for (int i = 0; i + from.length <= zip.length; i++) {
            if (java.util.Arrays.equals(zip, i, i + from.length, from, 0, from.length)) {
                zip[i + 3] = 'p';
            }
        }
        return zip;
    }

    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
