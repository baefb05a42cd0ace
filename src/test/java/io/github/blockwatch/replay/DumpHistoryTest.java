package io.github.blockwatch.replay;

import static io.github.blockwatch.replay.GitHistories.DUMP_2017;
import static io.github.blockwatch.replay.GitHistories.DUMP_2018;
import static io.github.blockwatch.replay.GitHistories.DUMP_2020;
import static io.github.blockwatch.replay.GitHistories.TIME_2017;
import static io.github.blockwatch.replay.GitHistories.TIME_2018;
import static io.github.blockwatch.replay.GitHistories.TIME_2020;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.blockwatch.registry.DumpReader;
import io.github.blockwatch.registry.Dumps;
import io.github.blockwatch.registry.ParsedRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpHistoryTest {
    @TempDir
    Path dir;

    @Test
    void shouldListTheVersionsOfDumpCsvOldestFirstSkippingCommitsThatLeaveItUnchanged() throws Exception {
        try (GitHistories mirror = GitHistories.mirror(dir.resolve("mirror"));
             DumpHistory history = DumpHistory.open(mirror.workTree(), null)) {
            List<DumpVersion> versions = history.versions();
            assertThat(versions).extracting(DumpVersion::registryTime).containsExactly(TIME_2017, TIME_2018, TIME_2020);
            assertThat(versions).allSatisfy(v -> assertThat(v.label()).matches("[0-9a-f]{7} dump.csv"));
            assertThat(history.description()).endsWith(", dump.csv");
            // Each blob reads as the bundled dump it was made from: same digest, same rows.
            assertThat(digestAndRows(versions.get(1).content().open())).isEqualTo(digestAndRows(Dumps.open(Path.of("data", DUMP_2018))));
        }
    }

    @Test
    void shouldReadTheSameVersionsFromABundleOfTheRepository() throws Exception {
        Path bundle;
        List<String> fromRepository;
        try (GitHistories mirror = GitHistories.mirror(dir.resolve("mirror"));
             DumpHistory history = DumpHistory.open(mirror.workTree(), "dump.csv")) {
            bundle = mirror.writeBundle(dir.resolve("mirror.bundle"));
            fromRepository = digests(history.versions());
        }
        try (DumpHistory history = DumpHistory.open(bundle, null)) {
            assertThat(history.description()).startsWith("git bundle ");
            List<DumpVersion> versions = history.versions();
            assertThat(versions).extracting(DumpVersion::registryTime).containsExactly(TIME_2017, TIME_2018, TIME_2020);
            assertThat(digests(versions)).isEqualTo(fromRepository).doesNotHaveDuplicates();
        }
    }

    @Test
    void shouldSelectVersionsBySinceAndUntilOnRegistryTime() throws Exception {
        try (GitHistories mirror = GitHistories.mirror(dir.resolve("mirror"));
             DumpHistory history = DumpHistory.open(mirror.workTree(), null)) {
            List<DumpVersion> all = history.versions();
            assertThat(new TimeWindow(Instant.parse("2018-01-01T00:00:00Z"), null).select(all))
                    .extracting(DumpVersion::registryTime).containsExactly(TIME_2018, TIME_2020);
            assertThat(new TimeWindow(null, TIME_2018).select(all))
                    .extracting(DumpVersion::registryTime).containsExactly(TIME_2017, TIME_2018);
            assertThat(new TimeWindow(TIME_2018, TIME_2018).select(all))
                    .extracting(DumpVersion::registryTime).containsExactly(TIME_2018);
            assertThat(new TimeWindow(Instant.parse("2021-01-01T00:00:00Z"), null).select(all)).isEmpty();
        }
    }

    @Test
    void shouldOrderByTheRegistryTimeTheDumpsStateNotTheOrderTheyWereCommitted() throws Exception {
        // A mirror that committed the 2020 dump before the 2018 one (a late backfill).
        try (GitHistories mirror = GitHistories.init(dir.resolve("backfill"))) {
            mirror.commitDump("dump.csv", DUMP_2017, TIME_2017);
            mirror.commitDump("dump.csv", DUMP_2020, TIME_2020);
            mirror.commitDump("dump.csv", DUMP_2018, TIME_2020.plusSeconds(60));
            try (DumpHistory history = DumpHistory.open(mirror.workTree(), null)) {
                assertThat(history.versions()).extracting(DumpVersion::registryTime).containsExactly(TIME_2017, TIME_2018, TIME_2020);
            }
        }
    }

    @Test
    void shouldReadTheBundledOfficialDumpXmlHistory() throws Exception {
        try (DumpHistory history = DumpHistory.open(GitHistories.RKN_XML_BUNDLE, null)) {
            List<DumpVersion> versions = history.versions();
            // $ git clone data/rkn-xml-2014-11-01-to-11-10.bundle x && git -C x rev-list --count HEAD
            // 240
            assertThat(versions).hasSize(240);
            assertThat(history.description()).endsWith(", dump.xml");
            assertThat(versions.get(0).registryTime()).isEqualTo(Instant.parse("2014-10-31T19:05:00Z"));
            assertThat(versions.get(239).registryTime()).isEqualTo(Instant.parse("2014-11-10T19:05:00Z"));
            for (int i = 1; i < versions.size(); i++) {
                assertThat(versions.get(i).registryTime()).isAfter(versions.get(i - 1).registryTime());
            }
            assertThat(versions.get(239).content().name()).matches("dump\\.xml@[0-9a-f]{7}");
        }
    }

    @Test
    void shouldOrderADirectoryOfDumpsByRegistryTimeNotFileName() throws Exception {
        Path dumps = Files.createDirectory(dir.resolve("dumps"));
        Files.copy(Path.of("data", DUMP_2020), dumps.resolve("a.csv.gz"));
        Files.copy(Path.of("data", DUMP_2017), dumps.resolve("b.csv.gz"));
        Files.copy(Path.of("data", DUMP_2018), dumps.resolve("c.csv.gz"));
        try (DumpHistory history = DumpHistory.open(dumps, null)) {
            assertThat(history.description()).startsWith("directory ");
            assertThat(history.versions()).extracting(DumpVersion::label).containsExactly("b.csv.gz", "c.csv.gz", "a.csv.gz");
        }
    }

    @Test
    void shouldReadDatedSnapshotsAtTheTimesOfTheirManifest() throws Exception {
        try (DumpHistory history = DumpHistory.open(Path.of("data/antifilter"), "ipsum.lst.gz")) {
            List<DumpVersion> versions = history.versions();

            assertThat(history.description()).isEqualTo("dated snapshots data/antifilter, ipsum.lst.gz");
            assertThat(versions).hasSize(19);
            // MANIFEST.txt: "2024-07-17 55e5c7d 2024-07-17T16:36:29+00:00 3", the commit that day's copy comes from
            assertThat(versions.get(0).label()).isEqualTo("2024-07-17/ipsum.lst.gz");
            assertThat(versions.get(0).registryTime()).isEqualTo(Instant.parse("2024-07-17T16:36:29Z"));
            assertThat(versions.get(18).registryTime()).isEqualTo(Instant.parse("2024-08-04T00:35:40Z"));
            try (DumpReader reader = versions.get(12).content().open()) {
                assertThat(reader.header().source()).isEqualTo("2024-07-29/ipsum.lst.gz");
                assertThat(reader.header().registryTime()).isEqualTo(Instant.parse("2024-07-29T00:33:55Z"));
                long rows = 0;
                while (reader.next() != null) {
                    rows++;
                }
                assertThat(rows).isEqualTo(10_434);
            }
        }
    }

    @Test
    void shouldDateSnapshotsByTheirFolderWithoutAManifestAndRefuseAGap() throws Exception {
        Path days = Files.createDirectory(dir.resolve("days"));
        for (String day : List.of("2024-07-18", "2024-07-17")) {
            Files.copy(Path.of("data/antifilter", day, "subnet.lst.gz"),
                    Files.createDirectory(days.resolve(day)).resolve("subnet.lst.gz"));
        }
        Files.createDirectory(days.resolve("notes"));

        try (DumpHistory history = DumpHistory.open(days, "subnet.lst.gz")) {
            assertThat(history.versions()).extracting(v -> v.label() + " " + v.registryTime())
                    .containsExactly("2024-07-17/subnet.lst.gz 2024-07-17T00:00:00Z", "2024-07-18/subnet.lst.gz 2024-07-18T00:00:00Z");
        }
        try (DumpHistory history = DumpHistory.open(days, "ipsum.lst.gz")) {
            assertThatThrownBy(history::versions).isInstanceOf(IOException.class)
                    .hasMessage(days.resolve("2024-07-17") + ": no ipsum.lst.gz (a day without the list is a gap in its history)");
        }
    }

    @Test
    void shouldReplayEveryListOfTheSnapshotsAsItsOwnSource() throws Exception {
        Path days = Files.createDirectory(dir.resolve("days"));
        Files.copy(Path.of("data/antifilter/2024-07-17/subnet.lst.gz"),
                Files.createDirectory(days.resolve("2024-07-17")).resolve("subnet.lst.gz"));
        Path eighteenth = Files.createDirectory(days.resolve("2024-07-18"));
        Files.copy(Path.of("data/antifilter/2024-07-18/subnet.lst.gz"), eighteenth.resolve("subnet.lst.gz"));
        Files.copy(Path.of("data/antifilter/2024-07-18/community.lst.gz"), eighteenth.resolve("Community.LST.gz"));
        Files.createDirectory(days.resolve("2024-07-19")); // an empty day: no list has a version on it

        try (DumpHistory history = DumpHistory.open(days, null)) {
            assertThat(history.description()).isEqualTo("dated snapshots " + days + ", every list as its own source");
            assertThat(history.versions()).extracting(v -> v.label() + " " + v.source() + " " + v.registryTime())
                    .containsExactly("2024-07-17/subnet.lst.gz subnet 2024-07-17T00:00:00Z",
                            "2024-07-18/Community.LST.gz community 2024-07-18T00:00:00Z",
                            "2024-07-18/subnet.lst.gz subnet 2024-07-18T00:00:00Z");
        }
        // A list whose name makes no source name is refused in one line, naming it.
        Files.copy(Path.of("data/antifilter/2024-07-18/subnet.lst.gz"), eighteenth.resolve("_hidden-ish.lst.gz"));
        try (DumpHistory history = DumpHistory.open(days, null)) {
            assertThatThrownBy(history::versions).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("_hidden-ish.lst.gz: source name '_hidden-ish' is not one");
        }
    }

    @Test
    void shouldRefuseWhatIsNoHistoryInOneLine() throws Exception {
        Path plain = Files.writeString(dir.resolve("notes.txt"), "not a bundle\n");
        assertThatThrownBy(() -> DumpHistory.open(plain, null))
                .isInstanceOf(IOException.class).hasMessageContaining("not a git repository, git bundle or directory of dumps");
        assertThatThrownBy(() -> DumpHistory.open(dir.resolve("missing"), null))
                .isInstanceOf(IOException.class).hasMessageEndingWith("missing: no such file or directory");
        assertThatThrownBy(() -> DumpHistory.open(Files.createDirectory(dir.resolve("plain-dir")), "dump.csv"))
                .isInstanceOf(IOException.class).hasMessageContaining("neither a git repository nor a directory of dated snapshots")
                .hasMessageContaining("so --file does not apply");
        try (GitHistories mirror = GitHistories.mirror(dir.resolve("mirror"))) {
            try (DumpHistory history = DumpHistory.open(mirror.workTree(), "registry/dump.xml")) {
                assertThatThrownBy(history::versions).isInstanceOf(IOException.class)
                        .hasMessageContaining("no commit holds registry/dump.xml");
            }
        }
        try (GitHistories empty = GitHistories.init(dir.resolve("empty"));
             DumpHistory history = DumpHistory.open(empty.workTree(), null)) {
            assertThatThrownBy(history::versions).isInstanceOf(IOException.class).hasMessageEndingWith(": no commits");
        }
        try (GitHistories other = GitHistories.init(dir.resolve("other"))) {
            other.commitFile("README", "no dumps here\n", TIME_2017);
            try (DumpHistory history = DumpHistory.open(other.workTree(), null)) {
                assertThatThrownBy(history::versions).isInstanceOf(IOException.class)
                        .hasMessageContaining("holds neither dump.xml nor dump.csv; name the dump's path with --file");
            }
        }
    }

    private static List<String> digests(List<DumpVersion> versions) throws IOException {
        List<String> digests = new ArrayList<>();
        for (DumpVersion version : versions) {
            digests.add(digestAndRows(version.content().open()).get(0));
        }
        return digests;
    }

    /** The dump's SHA-256 and its row count, reading it to the end. */
    private static List<String> digestAndRows(DumpReader opened) throws IOException {
        try (DumpReader reader = opened) {
            long rows = 0;
            for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                rows++;
            }
            return List.of(reader.digest(), String.valueOf(rows));
        }
    }
}
