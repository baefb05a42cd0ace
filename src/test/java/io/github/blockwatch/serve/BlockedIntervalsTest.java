package io.github.blockwatch.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.serve.BlockedIntervals.AddressInterval;
import io.github.blockwatch.serve.BlockedIntervals.RangeInterval;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.state.VersionedRecord;
import org.junit.jupiter.api.Test;

/** Versions of ranges into intervals of registry time, and their union for one address. */
class BlockedIntervalsTest {
    private static final Decision AWS = new Decision("Генпрокуратура", "27-31-2015/Ид4082-15", "2015-12-04");
    private static final Decision TELEGRAM = new Decision("Генпрокуратура", "27-31-2018/Ид2971-18", "2018-04-16");

    private static VersionedRecord<BlockedRange> version(String cidr, long from, Long to, Decision... decisions) {
        BlockedRange range = BlockedRange.newBuilder().setCidr(cidr).setFamily(4).setFirstAddress("").setLastAddress("")
                .setAddressCount(BigDecimal.ONE).setEntryCount(decisions.length).setDecisions(List.of(decisions))
                .setFirstBlocked(Instant.ofEpochMilli(from)).setFirstBlockedDump("d").setOwners(List.of()).build();
        return to == null ? new VersionedRecord<>(range, from) : new VersionedRecord<>(range, from, to);
    }

    @Test
    void shouldJoinConsecutiveVersionsAndSplitAtAGap() {
        List<RangeInterval> intervals = BlockedIntervals.ofRange("52.58.0.0/15", List.of(
                version("52.58.0.0/15", 10, 20L, AWS),
                version("52.58.0.0/15", 20, 30L, AWS, TELEGRAM),
                version("52.58.0.0/15", 40, null, TELEGRAM)));

        assertThat(intervals).extracting(RangeInterval::from, RangeInterval::until).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Instant.ofEpochMilli(10), Instant.ofEpochMilli(30)),
                org.assertj.core.groups.Tuple.tuple(Instant.ofEpochMilli(40), null));
        assertThat(intervals.get(0).decisions()).containsExactly(AWS, TELEGRAM);
        assertThat(intervals.get(0).versionAt(Instant.ofEpochMilli(25)).timestamp()).isEqualTo(20);
        assertThat(intervals.get(0).contains(Instant.ofEpochMilli(30))).as("unblocked at 30").isFalse();
    }

    @Test
    void shouldUniteTouchingAndOverlappingRangesAndKeepRealGapsApart() {
        List<RangeInterval> narrow = BlockedIntervals.ofRange("1.2.3.4/32", List.of(version("1.2.3.4/32", 10, 20L, AWS)));
        List<RangeInterval> wide = BlockedIntervals.ofRange("1.2.0.0/16", List.of(
                version("1.2.0.0/16", 20, 50L, TELEGRAM), version("1.2.0.0/16", 60, null, TELEGRAM)));
        List<RangeInterval> inner = BlockedIntervals.ofRange("1.2.3.0/24", List.of(version("1.2.3.0/24", 30, 40L, AWS)));

        List<AddressInterval> union = BlockedIntervals.union(
                java.util.stream.Stream.of(narrow, wide, inner).flatMap(List::stream).toList());

        assertThat(union).extracting(AddressInterval::from, AddressInterval::until).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Instant.ofEpochMilli(10), Instant.ofEpochMilli(50)),
                org.assertj.core.groups.Tuple.tuple(Instant.ofEpochMilli(60), null));
        assertThat(union.get(0).ranges()).extracting(RangeInterval::cidr)
                .containsExactly("1.2.3.4/32", "1.2.0.0/16", "1.2.3.0/24");
    }
}
