package io.github.blockwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.blockwatch.avro.DumpRef;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The source of a record as ingest writes it, and what only another producer writes. */
class SourceCheckTest {
    private static final Instant AT = Instant.parse("2024-08-04T00:00:00Z");

    @Test
    void shouldReadARecordWithoutSourceNameAsTheDefaultSourceAsBefore04() {
        DumpRef dump = dump(null, "2024-08-04T00:00:00Z/abc");

        assertThat(SourceCheck.of(dump)).isEqualTo("default");
        assertThat(SourceCheck.of(dump, "xml:1")).isEqualTo("default");
    }

    @Test
    void shouldAcceptANamedSourceWhoseIdAndKeyCarryItsName() {
        DumpRef dump = dump("antifilter-ipsum", "antifilter-ipsum/2024-08-04T00:00:00Z/abc");

        assertThat(SourceCheck.of(dump, "antifilter-ipsum/list:1.2.3.0/24")).isEqualTo("antifilter-ipsum");
    }

    @Test
    void shouldRefuseAQualifiedIdOrKeyWithoutSourceName() {
        assertThatThrownBy(() -> SourceCheck.of(dump(null, "evil/2024-08-04T00:00:00Z/abc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dump names no source (the default) but dump id 'evil/2024-08-04T00:00:00Z/abc' is of source 'evil'");
        assertThatThrownBy(() -> SourceCheck.of(dump(null, "2024-08-04T00:00:00Z/abc"), "evil/xml:1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dump names no source (the default) but entry key 'evil/xml:1' is of source 'evil'");
    }

    @Test
    void shouldRefuseANameThatIsNoneEvenWhenTheKeysAgree() {
        assertThatThrownBy(() -> SourceCheck.of(dump("Evil", "Evil/2024-08-04T00:00:00Z/abc"), "Evil/xml:1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("dump Evil/2024-08-04T00:00:00Z/abc: source name 'Evil' is not one: ");
    }

    private static DumpRef dump(String sourceName, String id) {
        return new DumpRef(id, "test.lst", "list", AT, sourceName);
    }
}
