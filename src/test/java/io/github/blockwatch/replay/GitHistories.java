package io.github.blockwatch.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.BundleWriter;

/**
 * Test histories built with JGit from the real bundled dumps, the way a mirror commits them: each
 * version of the dump committed over the last, at its registry time.
 */
public final class GitHistories implements AutoCloseable {
    public static final String DUMP_2017 = "zi-2017-07-01.csv.gz";
    public static final String DUMP_2018 = "zi-2018-05-05.csv.gz";
    public static final String DUMP_2020 = "zi-2020-01-26.csv.gz";
    public static final Instant TIME_2017 = Instant.parse("2017-07-01T08:00:00Z");
    public static final Instant TIME_2018 = Instant.parse("2018-05-05T13:25:00Z");
    public static final Instant TIME_2020 = Instant.parse("2020-01-26T01:24:00Z");
    /** The first 240 official dump.xml versions (2014-10-31T19:05Z .. 2014-11-10T19:05Z). */
    public static final Path RKN_XML_BUNDLE = Path.of("data", "rkn-xml-2014-11-01-to-11-10.bundle");

    private final Path workTree;
    private final Git git;

    private GitHistories(Path workTree, Git git) {
        this.workTree = workTree;
        this.git = git;
    }

    public static GitHistories init(Path workTree) throws GitAPIException {
        return new GitHistories(workTree, Git.init().setDirectory(workTree.toFile()).setInitialBranch("main").call());
    }

    /**
     * The three bundled mirror dumps committed as successive versions of {@code dump.csv} (decompressed, as
     * the mirror keeps it), at their registry times, with a commit that only touches a README in between
     * (its dump blob is the one before: not a new version).
     */
    public static GitHistories mirror(Path workTree) throws IOException, GitAPIException {
        GitHistories history = init(workTree);
        history.commitDump("dump.csv", DUMP_2017, TIME_2017);
        history.commitFile("README", "a mirror of the registry\n", TIME_2017.plusSeconds(3600));
        history.commitDump("dump.csv", DUMP_2018, TIME_2018);
        history.commitDump("dump.csv", DUMP_2020, TIME_2020);
        return history;
    }

    public RevCommit commitDump(String path, String bundledDump, Instant time) throws IOException, GitAPIException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("data", bundledDump)));
             OutputStream out = Files.newOutputStream(workTree.resolve(path))) {
            in.transferTo(out);
        }
        return commit(path, "Updated: " + time, time);
    }

    public RevCommit commitFile(String path, String text, Instant time) throws IOException, GitAPIException {
        Files.writeString(workTree.resolve(path), text);
        return commit(path, "README", time);
    }

    private RevCommit commit(String path, String message, Instant time) throws GitAPIException {
        git.add().addFilepattern(path).call();
        PersonIdent who = new PersonIdent("registry mirror", "mirror@example.org", time, ZoneOffset.UTC);
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    }

    /** Writes the history as a git bundle (refs HEAD and main), as {@code git bundle create x --all} does. */
    public Path writeBundle(Path bundle) throws IOException {
        Repository repository = git.getRepository();
        BundleWriter writer = new BundleWriter(repository);
        writer.include(Constants.HEAD, repository.resolve(Constants.HEAD));
        writer.include(repository.exactRef("refs/heads/main"));
        try (OutputStream out = Files.newOutputStream(bundle)) {
            writer.writeBundle(NullProgressMonitor.INSTANCE, out);
        }
        return bundle;
    }

    public Path workTree() {
        return workTree;
    }

    @Override
    public void close() {
        git.close();
    }
}
