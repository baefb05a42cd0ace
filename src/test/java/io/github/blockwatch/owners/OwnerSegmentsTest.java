package io.github.blockwatch.owners;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.registry.Cidr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class OwnerSegmentsTest {
    static final OwnerLabel AS = new OwnerLabel("Amazon", 16509L, "AWS", null, null, true);
    static final OwnerLabel REGION = new OwnerLabel("Amazon", null, "AWS", "eu-central-1", "EC2", true);
    static final OwnerLabel GOOGLE = new OwnerLabel("Google", 15169L, null, null, null, false);

    static OwnerRange range(String dataset, String cidr, OwnerLabel label) throws Exception {
        Cidr c = Cidr.parse(cidr);
        return new OwnerRange(dataset, "test", c.toString(), c.first().longValueExact(), c.last().longValueExact(), label);
    }

    static long ip(String address) throws Exception {
        return Cidr.parse(address).first().longValueExact();
    }

    /** Every bundled owner file, as the demo loads them. */
    static List<OwnerRange> bundled() throws IOException {
        List<OwnerRange> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(OwnerFilesTest.OWNERS)) {
            for (Path file : files.sorted().toList()) {
                all.addAll(OwnerFiles.read(file, false).ranges());
            }
        }
        return all;
    }

    @Test
    void mostSpecificRangeWinsAndTheRestKeepsTheWiderOwner() throws Exception {
        OwnerSegments segments = OwnerSegments.of(List.of(
                range("asn", "52.0.0.0/10", AS),
                range("aws", "52.58.0.0/15", REGION)));

        List<OwnerSegments.Piece> pieces = segments.split(ip("52.56.0.0"), ip("52.59.255.255"));

        assertThat(pieces).extracting(OwnerSegments.Piece::label).containsExactly(AS, REGION);
        assertThat(pieces).extracting(OwnerSegments.Piece::size).containsExactly(131_072L, 131_072L);
        assertThat(segments.segmentAt(ip("52.58.1.2")).label()).isEqualTo(REGION);
        assertThat(segments.segmentAt(ip("52.60.0.0")).label()).isEqualTo(AS);
        assertThat(segments.segmentAt(ip("53.0.0.0"))).isNull();
    }

    @Test
    void equalPrefixesFromTwoDatasetsGoToTheRicherLabel() throws Exception {
        OwnerSegments segments = OwnerSegments.of(List.of(
                range("ipverse", "52.58.0.0/15", AS),
                range("aws", "52.58.0.0/15", REGION)));

        assertThat(segments.segmentAt(ip("52.58.0.0")).label()).isEqualTo(REGION);
        assertThat(segments.size()).isEqualTo(1);
    }

    @Test
    void gapsAreUnattributedPiecesSoCountsAddUp() throws Exception {
        OwnerSegments segments = OwnerSegments.of(List.of(
                range("a", "10.0.1.0/24", GOOGLE), range("a", "10.0.3.0/24", AS)));

        List<OwnerSegments.Piece> pieces = segments.split(ip("10.0.0.0"), ip("10.0.4.255"));

        assertThat(pieces).extracting(OwnerSegments.Piece::label).containsExactly(null, GOOGLE, null, AS, null);
        assertThat(pieces.stream().mapToLong(OwnerSegments.Piece::size).sum()).isEqualTo(1280);
        assertThat(OwnerSegments.empty().split(0, 0xffffffffL)).singleElement()
                .satisfies(p -> assertThat(p.size()).isEqualTo(1L << 32));
    }

    @Test
    void splitAgreesWithBruteForceOnRandomNestedRanges() throws Exception {
        Random random = new Random(8);
        for (int trial = 0; trial < 50; trial++) {
            List<OwnerRange> ranges = new ArrayList<>();
            OwnerLabel[] labels = {AS, REGION, GOOGLE};
            for (int i = 0; i < 12; i++) {
                int prefix = 22 + random.nextInt(9);
                long first = (random.nextInt(1 << 12) << 0) & ~((1L << (32 - prefix)) - 1) & 0xfff;
                Cidr c = Cidr.of(io.github.blockwatch.registry.IpFamily.IPV4, java.math.BigInteger.valueOf(first), prefix);
                ranges.add(new OwnerRange("d" + random.nextInt(2), "test", c.toString(), first,
                        c.last().longValueExact(), labels[random.nextInt(3)]));
            }
            OwnerSegments segments = OwnerSegments.of(ranges);
            long from = random.nextInt(1 << 12);
            long to = from + random.nextInt(1 << 12);
            Map<OwnerLabel, Long> fast = new HashMap<>();
            segments.split(from, to).forEach(p -> fast.merge(p.label() == null ? UNOWNED : p.label(), p.size(), Long::sum));
            Map<OwnerLabel, Long> slow = new HashMap<>();
            for (long a = from; a <= to; a++) {
                long address = a;
                OwnerLabel winner = ranges.stream().filter(r -> r.first() <= address && address <= r.last())
                        .min(OwnerSegments.MOST_SPECIFIC).map(OwnerRange::label).orElse(UNOWNED);
                slow.merge(winner, 1L, Long::sum);
            }
            assertThat(fast).as("trial %d", trial).isEqualTo(slow);
        }
    }

    private static final OwnerLabel UNOWNED = new OwnerLabel("-", null, null, null, null, false);

    @Test
    void bundledDataNamesTheOwnersOfThe2018Blocks() throws Exception {
        OwnerSegments segments = OwnerSegments.of(bundled());

        Map<String, Long> frankfurt = new HashMap<>();
        segments.split(ip("52.58.0.0"), ip("52.59.255.255"))
                .forEach(p -> frankfurt.merge(p.label().withoutService().text(), p.size(), Long::sum));
        assertThat(frankfurt).isEqualTo(Map.of("Amazon AWS eu-central-1", 131_072L));

        Map<String, Long> virginia = new HashMap<>();
        segments.split(ip("34.192.0.0"), ip("34.255.255.255"))
                .forEach(p -> virginia.merge(p.label() == null ? "-" : p.label().region(), p.size(), Long::sum));
        assertThat(virginia).containsKeys("us-east-1", "us-west-2", "eu-west-1");

        long google = segments.split(ip("35.192.0.0"), ip("35.207.255.255")).stream()
                .filter(p -> p.label() != null && p.label().owner().equals("Google"))
                .mapToLong(OwnerSegments.Piece::size).sum();
        assertThat(google).isGreaterThan(1_000_000L);
    }
}
