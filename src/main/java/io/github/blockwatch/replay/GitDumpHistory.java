package io.github.blockwatch.replay;

import io.github.blockwatch.ingest.DumpContent;
import io.github.blockwatch.registry.DumpLimits;
import io.github.blockwatch.registry.DumpReader;
import io.github.blockwatch.registry.Dumps;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.TextProgressMonitor;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TransportBundleStream;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FileUtils;

/**
 * The successive versions of one dump file in a git repository or bundle, read with JGit: the commits
 * reachable from HEAD oldest first, each dump read from its blob as a stream, with no checkout (and no
 * git binary) needed. A bundle is fetched into a temporary bare repository, deleted on {@link #close()}.
 * A commit whose dump blob is the same as its predecessor's is skipped: it is the same dump.
 */
final class GitDumpHistory implements DumpHistory {
    /** Names looked for in the newest commit when {@code --file} is not given. */
    static final List<String> DEFAULT_FILES = List.of("dump.xml", "dump.csv");

    private static final String BUNDLE_TIP = "refs/blockwatch-replay/HEAD";

    private final Repository repository;
    private final String description;
    private final String requestedFile;
    private final Path temporaryDir;
    private final ObjectReader reader;
    private final Thread cleanupOnExit;
    private final ProgressMonitor monitor;
    private String file;

    private GitDumpHistory(Repository repository, String description, String file, Path temporaryDir, ProgressMonitor monitor) {
        this.monitor = monitor;
        this.repository = repository;
        this.description = description;
        this.requestedFile = file;
        this.temporaryDir = temporaryDir;
        this.reader = repository.newObjectReader();
        // Ctrl-C ends the JVM without close(): the fetched copy of a bundle must not stay behind in /tmp.
        this.cleanupOnExit = temporaryDir == null ? null : new Thread(() -> deleteQuietly(temporaryDir), "blockwatch-replay-cleanup");
        if (cleanupOnExit != null) {
            Runtime.getRuntime().addShutdownHook(cleanupOnExit);
        }
    }

    static boolean isRepository(Path dir) {
        return RepositoryCache.FileKey.isGitRepository(dir.toFile(), FS.DETECTED)
                || RepositoryCache.FileKey.isGitRepository(dir.resolve(Constants.DOT_GIT).toFile(), FS.DETECTED);
    }

    /** A git bundle starts with {@code # v2 git bundle} or {@code # v3 git bundle}. */
    static boolean isBundle(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(16), StandardCharsets.US_ASCII);
            return head.startsWith("# v2 git bundle") || head.startsWith("# v3 git bundle");
        }
    }

    /** JGit's own progress lines ("Receiving objects: 45% ..."), or none. */
    static ProgressMonitor monitor(PrintStream out) {
        return out == null ? NullProgressMonitor.INSTANCE
                : new TextProgressMonitor(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    }

    static GitDumpHistory openRepository(Path dir, String file, ProgressMonitor monitor) throws IOException {
        Repository repository = Git.open(dir.toFile()).getRepository();
        return new GitDumpHistory(repository, "git repository " + dir, file, null, monitor);
    }

    static GitDumpHistory openBundle(Path bundle, String file, ProgressMonitor monitor) throws IOException {
        Path temp = Files.createTempDirectory("blockwatch-replay-");
        Repository repository = null;
        try {
            repository = Git.init().setBare(true).setDirectory(temp.toFile()).call().getRepository();
            try (InputStream in = Files.newInputStream(bundle);
                 TransportBundleStream transport = new TransportBundleStream(repository, new URIish(bundle.toUri().toURL()), in)) {
                transport.fetch(monitor, List.of(
                        new RefSpec("+HEAD:" + BUNDLE_TIP), new RefSpec("+refs/heads/*:refs/heads/*")));
            }
            return new GitDumpHistory(repository, "git bundle " + bundle, file, temp, monitor);
        } catch (IOException | org.eclipse.jgit.api.errors.GitAPIException | RuntimeException e) {
            if (repository != null) {
                repository.close();
            }
            deleteQuietly(temp);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IOException(bundle + ": cannot read the git bundle: " + message, e);
        }
    }

    @Override
    public String description() {
        return description + (file == null ? "" : ", " + file);
    }

    @Override
    public List<DumpVersion> versions() throws IOException {
        RevCommit tip = tip();
        file = requestedFile != null ? requestedFile : detectFile(tip);
        List<RevCommit> commits = new ArrayList<>();
        List<ObjectId> blobs = new ArrayList<>();
        try (RevWalk walk = new RevWalk(reader)) {
            walk.sort(RevSort.TOPO, true);
            walk.sort(RevSort.REVERSE, true);
            walk.markStart(walk.parseCommit(tip));
            ObjectId previous = null;
            for (RevCommit commit : walk) {
                ObjectId blob = blobOf(commit);
                if (blob == null || blob.equals(previous)) {
                    continue;
                }
                previous = blob;
                commits.add(commit);
                blobs.add(blob);
            }
        }
        List<DumpVersion> versions = new ArrayList<>();
        monitor.beginTask("Reading the registry time of each " + file, commits.size());
        for (int i = 0; i < commits.size(); i++) {
            versions.add(version(commits.get(i), blobs.get(i)));
            monitor.update(1);
        }
        monitor.endTask();
        if (versions.isEmpty()) {
            throw new IOException(description + ": no commit holds " + file + " (name the dump's path with --file)");
        }
        // History order is the order commits were made; a replay follows the registry's own time.
        List<DumpVersion> ordered = new ArrayList<>(versions);
        ordered.sort(Comparator.comparing(DumpVersion::registryTime));
        return ordered;
    }

    private RevCommit tip() throws IOException {
        Ref head = repository.exactRef(temporaryDir != null ? BUNDLE_TIP : Constants.HEAD);
        if (head == null || head.getObjectId() == null) {
            head = repository.getRefDatabase().getRefsByPrefix(Constants.R_HEADS).stream().findFirst().orElse(null);
        }
        if (head == null || head.getObjectId() == null) {
            throw new IOException(description + ": no commits");
        }
        try (RevWalk walk = new RevWalk(reader)) {
            return walk.parseCommit(head.getObjectId());
        }
    }

    private String detectFile(RevCommit tip) throws IOException {
        for (String candidate : DEFAULT_FILES) {
            if (blobAt(tip, candidate) != null) {
                return candidate;
            }
        }
        throw new IOException(String.format(Locale.ROOT, "%s: the newest commit %s holds neither %s; name the dump's path with --file",
                description, tip.abbreviate(7).name(), String.join(" nor ", DEFAULT_FILES)));
    }

    private ObjectId blobOf(RevCommit commit) throws IOException {
        return blobAt(commit, file);
    }

    private ObjectId blobAt(RevCommit commit, String path) throws IOException {
        try (TreeWalk tree = TreeWalk.forPath(reader, path, commit.getTree())) {
            if (tree == null || (tree.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_FILE) {
                return null;
            }
            return tree.getObjectId(0);
        }
    }

    /** Reads the dump's header (only its start) for its registry time. */
    private DumpVersion version(RevCommit commit, ObjectId blob) throws IOException {
        String commitId = commit.abbreviate(7).name();
        Instant commitTime = Instant.ofEpochSecond(commit.getCommitTime());
        BlobContent content = new BlobContent(file + "@" + commitId, blob, commitTime);
        Instant registryTime;
        try (DumpReader dump = content.open()) {
            registryTime = dump.header().registryTime();
        }
        return new DumpVersion(commitId + " " + file, registryTime, content);
    }

    @Override
    public void close() {
        reader.close();
        repository.close();
        if (temporaryDir != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
            } catch (IllegalStateException e) {
                // Closing during shutdown: the hook is running or about to, and deletes it all the same.
            }
            deleteQuietly(temporaryDir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.IGNORE_ERRORS);
        } catch (IOException e) {
            // IGNORE_ERRORS: a leftover temporary directory is not worth failing a replay.
        }
    }

    /** A dump blob, streamed from the object database each time it is opened. */
    private final class BlobContent implements DumpContent {
        private final String name;
        private final ObjectId blob;
        private final Instant commitTime;

        BlobContent(String name, ObjectId blob, Instant commitTime) {
            this.name = name;
            this.blob = blob;
            this.commitTime = commitTime;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long size() {
            try {
                return reader.getObjectSize(blob, Constants.OBJ_BLOB);
            } catch (IOException e) {
                return 0;
            }
        }

        @Override
        public DumpReader open(DumpLimits limits) throws IOException {
            ObjectLoader loader;
            try {
                loader = reader.open(blob, Constants.OBJ_BLOB);
            } catch (MissingObjectException e) {
                throw new IOException(name + ": blob " + blob.name() + " is missing from the repository", e);
            }
            // A CIDR list has no time of its own: the commit's time stands in for a file's modification time.
            return Dumps.open(loader.openStream(), name, commitTime, limits);
        }
    }
}
