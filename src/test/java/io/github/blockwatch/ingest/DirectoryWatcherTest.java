package io.github.blockwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When {@code ingest --watch} takes a file: once it stopped changing; a split dump's parts all at once. */
class DirectoryWatcherTest {
    @TempDir
    Path dir;

    @Test
    void shouldHandOverTheSettledPartsOfASplitDumpTogether() throws Exception {
        DirectoryWatcher watcher = new DirectoryWatcher(dir);
        Files.writeString(dir.resolve("dump-00.csv"), "Updated: 2020-01-26 01:24:00 +0000\n1.2.3.4;;;суд;1;2019-01-01\n");
        Files.writeString(dir.resolve("zi-2017-07-01.csv"), "Updated: 2017-07-01 08:00:00 +0000\n");

        assertThat(watcher.poll()).isEmpty();
        Files.writeString(dir.resolve("dump-01.csv"), "5.6.7.8;;;суд;2;2019-01-01\n");
        // zi-2017 settled; dump-00 too, but dump-01 of its dump just arrived: the split dump waits.
        assertThat(watcher.poll()).containsExactly(dir.resolve("zi-2017-07-01.csv"));
        assertThat(watcher.poll()).containsExactly(dir.resolve("dump-00.csv"), dir.resolve("dump-01.csv"));
        assertThat(watcher.poll()).isEmpty();
    }

    @Test
    void shouldPassOverFilesThatAreNotDumps() throws Exception {
        DirectoryWatcher watcher = new DirectoryWatcher(dir);
        Files.writeString(dir.resolve("README.md"), "# Drop dumps here; they are ingested as they arrive\n");
        Files.writeString(dir.resolve("zi-2017-07-01.csv"), "Updated: 2017-07-01 08:00:00 +0000\n");

        assertThat(watcher.poll()).isEmpty();
        assertThat(watcher.poll()).containsExactly(dir.resolve("zi-2017-07-01.csv"));
        assertThat(watcher.poll()).isEmpty();
    }
}
