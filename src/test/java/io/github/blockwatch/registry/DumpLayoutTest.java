package io.github.blockwatch.registry;

import static io.github.blockwatch.registry.TestDumps.readAll;
import static io.github.blockwatch.registry.TestDumps.real;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each real dump says of its own layout: the facts FORMAT_CHANGED compares dump to dump. */
class DumpLayoutTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        // The mirror's rows: IP;domain;URL;org;number;date. A ';' inside a URL makes a few longer.
        "zi-2017-07-01.csv.gz, , windows-1251, 6",
        "zi-2018-05-05.csv.gz, , windows-1251, 6",
        "zi-2020-01-26.csv.gz, , windows-1251, 6",
        // The root's formatVersion: 2.0 in 2014, 2.1 by May 2015 (<?xml ... encoding="windows-1251"?>).
        "dump-2014-10-31T2305.xml.gz, 2.0, windows-1251, ",
        "dump-2015-05-31T2300.xml.gz, 2.1, windows-1251, ",
    })
    void shouldTellTheLayoutOfEachRealDump(String file, String formatVersion, String encoding, Integer fieldCount)
            throws IOException {
        try (DumpReader reader = Dumps.open(real(file))) {
            readAll(reader);
            assertThat(reader.layout()).isEqualTo(new DumpLayout(formatVersion, encoding, fieldCount));
        }
    }

    @Test
    void shouldCountTheFieldsMostRowsHaveNotTheLongest() throws IOException {
        Path dump = TestDumps.write(dir, "extra.csv", "Updated: 2021-03-01 10:00:00 +0000\n"
                + "1.1.1.1;a.example;http://a.example/x;y;суд;1;2021-01-01\n" // a URL holding ';': 7 fields
                + "1.1.1.2;b.example;;суд;2;2021-01-01\n"
                + "1.1.1.3;c.example;;суд;3;2021-01-01\n", Charset.forName("windows-1251"));
        try (DumpReader reader = Dumps.open(dump)) {
            readAll(reader);
            assertThat(reader.layout().fieldCount()).isEqualTo(6);
        }
    }

    @Test
    void shouldCallAListUtf8WithoutVersionOrFields() throws IOException {
        Path list = TestDumps.write(dir, "list.txt", "# blocked\n10.0.0.0/8\n", Charset.forName("UTF-8"));
        try (DumpReader reader = Dumps.open(list)) {
            readAll(reader);
            assertThat(reader.layout()).isEqualTo(new DumpLayout(null, "UTF-8", null));
        }
    }
}
