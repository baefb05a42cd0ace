package io.github.blockwatch.registry;

import static io.github.blockwatch.registry.TestDumps.readAll;
import static io.github.blockwatch.registry.TestDumps.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain address lists with comments, blanks, mistakes and repeats. */
class CidrListReaderTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadAListWithCommentsAndRejectMistakesAndDuplicates() throws Exception {
        Path list = write(dir, "blocked.txt", """
                # Amazon Frankfurt, blocked 2018-04-16
                52.58.0.0/15   # eu-central-1

                1.2.3.4
                999.1.1.1
                52.58.1.2/15
                2a03:2880::/32""", StandardCharsets.UTF_8);

        List<ParsedRow> rows = readAll(list);

        assertThat(rows).hasSize(5);
        assertThat(rows.get(0)).isEqualTo(new ParsedRow.Accepted(2,
                new Entry("list:52.58.0.0/15", null, List.of(Cidr.parse("52.58.0.0/15")), List.of(), List.of(), null, null, null, 2)));
        assertThat(((ParsedRow.Accepted) rows.get(1)).entry().key()).isEqualTo("list:1.2.3.4/32");
        assertThat(rows.get(2)).isEqualTo(new ParsedRow.Rejected(5, "999.1.1.1", 9, "invalid address '999.1.1.1'"));
        assertThat(rows.get(3)).isEqualTo(new ParsedRow.Rejected(6, "52.58.1.2/15", 12, "duplicate of line 2"));
        assertThat(((ParsedRow.Accepted) rows.get(4)).entry().key()).isEqualTo("list:2a03:2880::/32");
    }
}
