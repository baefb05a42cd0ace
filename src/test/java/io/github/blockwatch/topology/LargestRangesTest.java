package io.github.blockwatch.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blockwatch.avro.DumpProgress;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.DumpReader;
import io.github.blockwatch.registry.Dumps;
import io.github.blockwatch.registry.IpFamily;
import io.github.blockwatch.registry.ParsedRow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LargestRangesTest {
    @Test
    void keepsTheTwentyLargestOfARealDumpInTheOrderASortOfAllOfThemGives() throws IOException {
        List<Cidr> ranges = new ArrayList<>();
        try (DumpReader reader = Dumps.open(Path.of("data/zi-2018-05-05.csv.gz"))) {
            for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                if (row instanceof ParsedRow.Accepted accepted) {
                    ranges.addAll(accepted.entry().ranges());
                }
            }
        }
        DumpProgress dump = new DumpProgress(0, 0, 0, 0, 0L, 0L, new ArrayList<>(), new ArrayList<>(), 0L);
        List<String> offered = new ArrayList<>();
        for (Cidr range : ranges) {
            LargestRanges.offer(dump, range);
            if (range.family() == IpFamily.IPV4) {
                offered.add(range.toString());
            }
            if (offered.size() % 5_000 == 1) {
                assertEquals(largest(offered), dump.getLargestNewRanges(), "after " + offered.size() + " ranges");
            }
        }
        assertTrue(offered.size() > 30_000, "offered " + offered.size());
        assertEquals(largest(offered), dump.getLargestNewRanges());
        assertEquals("34.192.0.0/10", dump.getLargestNewRanges().get(0)); // the /10 of the April 2018 Amazon blocks
    }

    /** A stable sort of every range offered so far, cut to the first twenty: what offer must keep. */
    private static List<String> largest(List<String> offered) {
        List<String> sorted = new ArrayList<>(offered);
        sorted.sort(LargestRanges.LARGEST_FIRST);
        return sorted.subList(0, Math.min(LargestRanges.MAX_RANGES, sorted.size()));
    }
}
