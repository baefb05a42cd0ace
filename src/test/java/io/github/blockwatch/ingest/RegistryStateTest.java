package io.github.blockwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.avro.DumpRecord;
import io.github.blockwatch.avro.DumpRef;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Which dump the next dump's events follow (the last one published with events, in publication order), and
 * which time the next dump is checked against.
 */
class RegistryStateTest {
    private final RegistryState state = new RegistryState();

    @Test
    void shouldNameNoPredecessorBeforeAnyDumpWithEvents() {
        assertThat(state.lastWithEvents()).isNull();
        state.recordDump(dump("2017-06-08T00:00:00Z", 0, false, 1));
        assertThat(state.lastWithEvents()).isNull();
    }

    @Test
    void shouldSkipHeldDumpsAndDumpsWithoutEvents() {
        state.recordDump(dump("2017-06-08T00:00:00Z", 32_797, false, 1));
        state.recordDump(dump("2018-05-05T00:00:00Z", 0, true, 2));   // held: DUMP_SHRANK
        state.recordDump(dump("2018-05-06T00:00:00Z", 0, false, 3));  // only its header changed

        assertThat(state.lastWithEvents()).isEqualTo("2017-06-08T00:00:00Z/test");
    }

    @Test
    void shouldFollowPublicationOrderNotRegistryTime() {
        // Read back from the compacted dumps topic in any order; a --force of an older dump came last.
        state.recordDump(dump("2018-05-05T00:00:00Z", 10, false, 2));
        state.recordDump(dump("2017-06-08T00:00:00Z", 10, false, 3));
        state.recordDump(dump("2020-01-26T00:00:00Z", 10, false, 1));

        assertThat(state.lastWithEvents()).isEqualTo("2017-06-08T00:00:00Z/test");
    }

    @Test
    void shouldOrderRegistryDumpsAndAddressListsEachOnTheirOwnClock() {
        state.recordDump(dump("2018-05-05T13:25:00Z", 10, false, 1));
        state.recordDump(dump("2026-12-01T00:00:00Z", 10, false, 2, "list")); // a list's file time
        Instant now = Instant.parse("2026-12-02T00:00:00Z");

        assertThat(state.latestTimeUpTo(now, "csv")).isEqualTo(Instant.parse("2018-05-05T13:25:00Z"));
        assertThat(state.latestTimeUpTo(now, "list")).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void shouldSetNoOrderWithADumpDatedAheadOfTheClock() {
        state.recordDump(dump("2018-05-05T13:25:00Z", 10, false, 1));
        state.recordDump(dump("2099-01-01T00:00:00Z", 10, false, 2)); // ingested before --max-clock-skew

        assertThat(state.latestTimeUpTo(Instant.parse("2026-12-02T00:15:00Z"), "csv"))
                .isEqualTo(Instant.parse("2018-05-05T13:25:00Z"));
        assertThat(state.latestRegistryTime()).isEqualTo(Instant.parse("2099-01-01T00:00:00Z"));
    }

    private static DumpRecord dump(String registryTime, int added, boolean held, long ingestedSecond) {
        return dump(registryTime, added, held, ingestedSecond, "csv");
    }

    private static DumpRecord dump(String registryTime, int added, boolean held, long ingestedSecond, String format) {
        Instant at = Instant.parse(registryTime);
        return DumpRecord.newBuilder()
                .setDump(new DumpRef(at + "/test", "zi.csv", format, at, null))
                .setDigest("digest-" + registryTime)
                .setRowsRead(added).setAccepted(added).setRejected(0).setEntries(added)
                .setAdded(added).setRemoved(0).setUpdated(0)
                .setIngestedAt(Instant.ofEpochSecond(1_700_000_000L + ingestedSecond))
                .setHeld(held)
                .build();
    }
}
