package io.github.blockwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code blockwatch count --union}: several sources' dumps counted each alone and then together, overlaps
 * once, as the live table counts the union of its sources.
 */
class CountUnionTest {
    @Test
    void shouldCountEachListAndTheirUnionAsIprangeDoes() {
        CliRun run = CliRun.of("count", "--union", "data/antifilter/2024-08-04/");

        assertThat(run.exitCode()).as(run.err()).isZero();
        // iprange -C on each gunzipped list of 2024-08-04, and on the three together: 4,095,015 (they overlap:
        // community 668,605 + ipsum 3,157,760 + subnet 802,852 is 4,629,217).
        assertThat(run.outLines()).filteredOn(line -> !line.contains("registry time")).containsSubsequence(
                "  distinct IPv4 addresses 668,605", "  distinct IPv4 addresses 3,157,760", "  distinct IPv4 addresses 802,852",
                "union of 3 dumps", "  distinct ranges 11,136 (IPv4 11,136, IPv6 0)", "  distinct IPv4 addresses 4,095,015");
        assertThat(run.outLines()).filteredOn(line -> line.contains("registry time"))
                .extracting(line -> line.substring(0, line.indexOf(' ')))
                .containsExactly("community.lst.gz", "ipsum.lst.gz", "subnet.lst.gz");
    }

    @Test
    void shouldRefuseToCountAndPrintAtOnce() {
        CliRun run = CliRun.of("count", "--union", "--print-ipv4", "data/antifilter/2024-08-04/");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString().contains("--union counts; --print-ipv4 prints ranges");
    }
}
