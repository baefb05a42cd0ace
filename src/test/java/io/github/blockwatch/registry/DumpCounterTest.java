package io.github.blockwatch.registry;

import static io.github.blockwatch.registry.TestDumps.real;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Counting from the addresses alone ({@link Dumps#openRanges}) gives the full parse's figures, for every format. */
class DumpCounterTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"zi-2017-07-01.csv.gz", "zi-2020-01-26.csv.gz", "dump-2014-10-31T2305.xml.gz", "dump-2015-05-31T2300.xml.gz"})
    void shouldCountTheRealDumpsAsTheFullParseDoes(String dump) throws IOException {
        DumpSource source = DumpSource.of(real(dump));

        DumpCount ranges = countRanges(source);

        assertThat(ranges).isEqualTo(countFull(source));
        assertThat(ranges.distinctIpv4()).isPositive();
    }

    @Test
    void shouldCountACidrListAsTheFullParseDoes() throws IOException {
        Path list = TestDumps.write(dir, "list.txt", "10.0.0.0/8\n10.1.0.0/16\n2a03:2880::/32\nnot an address\n1.2.3.4\n",
                TestDumps.CP1251);
        DumpSource source = DumpSource.of(list);

        DumpCount ranges = countRanges(source);

        assertThat(ranges).isEqualTo(countFull(source));
        assertThat(ranges.distinctIpv4()).isEqualTo((1L << 24) + 1);
        assertThat(ranges.rejected()).isEqualTo(1);
    }

    private static DumpCount countRanges(DumpSource source) throws IOException {
        try (RangeReader reader = Dumps.openRanges(source)) {
            return DumpCounter.count(reader);
        }
    }

    private static DumpCount countFull(DumpSource source) throws IOException {
        try (DumpReader reader = Dumps.open(source)) {
            return DumpCounter.count(reader);
        }
    }
}
