package io.github.blockwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.avro.DecisionStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stats record lists a bounded number of decisions, the largest ones. */
class DumpStatsPublisherTest {

    @Test
    void keepsTheLargestDecisionsWhenADumpTouchesTooMany() {
        List<DecisionStats> touched = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            touched.add(new DecisionStats(new Decision("суд", "2-" + i + "/2016", "2016-01-01"), 1L, 1L, (long) i));
        }
        List<DecisionStats> kept = DumpStatsPublisher.largest(touched, 3);
        assertThat(kept).extracting(DecisionStats::getDistinctIpv4).containsExactly(9L, 8L, 7L);
        assertThat(DumpStatsPublisher.largest(touched, 10)).isSameAs(touched);
    }

    @Test
    void boundFitsTheTopicsRecordLimitAtRealisticSizes() {
        // ~100 bytes a decision (Cyrillic org and number, date, three longs): the bound keeps a record far
        // below the 16 MiB max.message.bytes of blockwatch.stats.
        assertThat((long) DumpStatsPublisher.MAX_DECISIONS_PER_RECORD * 120).isLessThan(16L * 1024 * 1024 / 2);
    }
}
