package io.github.blockwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The exact union arithmetic behind every distinct-address count, over the in-memory boundary map. */
class AddressCoverageTest {
    private static final BigInteger TWO_POW_32 = BigInteger.ONE.shiftLeft(32);
    private static final BigInteger TWO_POW_128 = BigInteger.ONE.shiftLeft(128);

    private final TreeBoundaryMap map = new TreeBoundaryMap();
    private final AddressCoverage coverage = new AddressCoverage(map);

    @Test
    void shouldCountOnlyNewlyCoveredAddressesOfNestedBlocks() throws Exception {
        assertThat(coverage.add(cidr("10.0.0.0/8"))).isEqualTo(big(16_777_216));
        assertThat(coverage.add(cidr("10.1.0.0/16"))).isZero();
        assertThat(coverage.add(cidr("10.0.0.5"))).isZero();
        // the inner block leaves: the outer one still covers it
        assertThat(coverage.remove(cidr("10.1.0.0/16"))).isZero();
        assertThat(coverage.remove(cidr("10.0.0.0/8"))).isEqualTo(big(16_777_215));
        assertThat(coverage.remove(cidr("10.0.0.5"))).isEqualTo(big(1));
        assertThat(map.size()).isZero();
    }

    @Test
    void shouldCountAnInnerBlockAddedFirstOnceOnly() throws Exception {
        assertThat(coverage.add(cidr("10.1.0.0/16"))).isEqualTo(big(65_536));
        assertThat(coverage.add(cidr("10.0.0.0/8"))).isEqualTo(big(16_777_216 - 65_536));
        assertThat(coverage.remove(cidr("10.0.0.0/8"))).isEqualTo(big(16_777_216 - 65_536));
        assertThat(coverage.remove(cidr("10.1.0.0/16"))).isEqualTo(big(65_536));
        assertThat(map.size()).isZero();
    }

    @Test
    void shouldMergeAdjacentBlocksIntoOneStep() throws Exception {
        assertThat(coverage.add(cidr("192.168.0.0/24"))).isEqualTo(big(256));
        assertThat(coverage.add(cidr("192.168.1.0/24"))).isEqualTo(big(256));
        // one covered segment [192.168.0.0, 192.168.2.0): a start and an end boundary, none in between
        assertThat(map.size()).isEqualTo(2);
        assertThat(coverage.remove(cidr("192.168.0.0/24"))).isEqualTo(big(256));
        assertThat(map.size()).isEqualTo(2);
        assertThat(coverage.remove(cidr("192.168.1.0/24"))).isEqualTo(big(256));
        assertThat(map.size()).isZero();
    }

    @Test
    void shouldWriteEachChangedBoundaryOnce() throws Exception {
        List<String> writes = new ArrayList<>();
        AddressCoverage counted = new AddressCoverage(new BoundaryMap() {
            @Override
            public Boundary floor(IpFamily family, BigInteger point) {
                return map.floor(family, point);
            }

            @Override
            public Boundary lower(IpFamily family, BigInteger point) {
                return map.lower(family, point);
            }

            @Override
            public List<Boundary> range(IpFamily family, BigInteger from, BigInteger toExclusive) {
                return map.range(family, from, toExclusive);
            }

            @Override
            public void put(IpFamily family, BigInteger point, int depth) {
                writes.add("put " + point + "=" + depth);
                map.put(family, point, depth);
            }

            @Override
            public void remove(IpFamily family, BigInteger point) {
                writes.add("remove " + point);
                map.remove(family, point);
            }
        });
        // In the live table each write is a changelog record: a lone block is its two steps, nothing more.
        counted.add(cidr("10.0.0.1"));
        assertThat(writes).containsExactlyInAnyOrder("put 167772161=1", "put 167772162=0");
        writes.clear();
        // The next address continues the segment: its end moves, the old end goes.
        counted.add(cidr("10.0.0.2"));
        assertThat(writes).containsExactlyInAnyOrder("put 167772163=0", "remove 167772162");
        writes.clear();
        counted.remove(cidr("10.0.0.1"));
        assertThat(writes).containsExactlyInAnyOrder("put 167772162=1", "remove 167772161");
        assertThat(map.range(IpFamily.IPV4, BigInteger.ZERO, TWO_POW_32)).containsExactly(
                new BoundaryMap.Boundary(big(167772162), 1), new BoundaryMap.Boundary(big(167772163), 0));
    }

    @Test
    void shouldCountAnIdenticalBlockCoveredTwiceOnce() throws Exception {
        // AddressCoverage callers add each distinct block once, but depth counting must still hold.
        assertThat(coverage.add(cidr("172.16.0.0/12"))).isEqualTo(big(1_048_576));
        assertThat(coverage.add(cidr("172.16.0.0/12"))).isZero();
        assertThat(coverage.remove(cidr("172.16.0.0/12"))).isZero();
        assertThat(coverage.remove(cidr("172.16.0.0/12"))).isEqualTo(big(1_048_576));
        assertThat(map.size()).isZero();
    }

    @Test
    void shouldCountDisjointBlocksApart() throws Exception {
        assertThat(coverage.add(cidr("1.2.3.4"))).isEqualTo(big(1));
        assertThat(coverage.add(cidr("11.0.0.0/31"))).isEqualTo(big(2));
        assertThat(coverage.add(cidr("52.58.0.0/15"))).isEqualTo(big(131_072));
        assertThat(map.size()).isEqualTo(6);
        assertThat(coverage.remove(cidr("11.0.0.0/31"))).isEqualTo(big(2));
        assertThat(coverage.remove(cidr("52.58.0.0/15"))).isEqualTo(big(131_072));
        assertThat(coverage.remove(cidr("1.2.3.4"))).isEqualTo(big(1));
        assertThat(map.size()).isZero();
    }

    @Test
    void shouldCountOverlapsRemovedInAnotherOrderThanAdded() throws Exception {
        // 10.0.0.0/23 = [10.0.0.0, 10.0.1.255]; 10.0.1.0/24 and 10.0.1.128/25 inside its upper half; 10.0.2.0/24 next to it
        assertThat(coverage.add(cidr("10.0.1.128/25"))).isEqualTo(big(128));
        assertThat(coverage.add(cidr("10.0.0.0/23"))).isEqualTo(big(512 - 128));
        assertThat(coverage.add(cidr("10.0.1.0/24"))).isZero();
        assertThat(coverage.add(cidr("10.0.2.0/24"))).isEqualTo(big(256));
        assertThat(coverage.remove(cidr("10.0.0.0/23"))).isEqualTo(big(256)); // 10.0.0.0/24 only
        assertThat(coverage.remove(cidr("10.0.2.0/24"))).isEqualTo(big(256));
        assertThat(coverage.remove(cidr("10.0.1.0/24"))).isEqualTo(big(128)); // all but the /25
        assertThat(coverage.remove(cidr("10.0.1.128/25"))).isEqualTo(big(128));
        assertThat(map.size()).isZero();
    }

    @Test
    void shouldCountTheWholeIpv4SpaceAndItsLastAddress() throws Exception {
        assertThat(coverage.add(cidr("255.255.255.255/32"))).isEqualTo(big(1));
        assertThat(coverage.add(cidr("0.0.0.0/0"))).isEqualTo(TWO_POW_32.subtract(BigInteger.ONE));
        assertThat(coverage.add(cidr("255.255.255.0/24"))).isZero();
        assertThat(coverage.remove(cidr("255.255.255.255/32"))).isZero();
        assertThat(coverage.remove(cidr("0.0.0.0/0"))).isEqualTo(TWO_POW_32.subtract(big(256)));
        assertThat(coverage.remove(cidr("255.255.255.0/24"))).isEqualTo(big(256));
        assertThat(map.size()).isZero();
        assertThat(coverage.add(cidr("0.0.0.0/0"))).isEqualTo(TWO_POW_32);
        assertThat(coverage.add(cidr("0.0.0.0/32"))).isZero();
        assertThat(coverage.remove(cidr("0.0.0.0/0"))).isEqualTo(TWO_POW_32.subtract(BigInteger.ONE));
        assertThat(coverage.remove(cidr("0.0.0.0/32"))).isEqualTo(big(1));
        assertThat(map.size()).isZero();
    }

    @Test
    void shouldCountIpv6ExactlyUpToTheEndOfItsSpace() throws Exception {
        Cidr all = cidr("::/0");
        Cidr facebook = cidr("2a03:2880::/32");
        Cidr last = cidr("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128");
        assertThat(coverage.add(facebook)).isEqualTo(BigInteger.ONE.shiftLeft(96));
        assertThat(coverage.add(last)).isEqualTo(BigInteger.ONE);
        assertThat(coverage.add(all)).isEqualTo(TWO_POW_128.subtract(BigInteger.ONE.shiftLeft(96)).subtract(BigInteger.ONE));
        // the IPv4 count is separate: the same numbers in the other family are still uncovered
        assertThat(coverage.add(cidr("0.0.0.0/0"))).isEqualTo(TWO_POW_32);
        assertThat(coverage.remove(last)).isZero();
        assertThat(coverage.remove(all)).isEqualTo(TWO_POW_128.subtract(BigInteger.ONE.shiftLeft(96)));
        assertThat(coverage.remove(facebook)).isEqualTo(BigInteger.ONE.shiftLeft(96));
        assertThat(coverage.remove(cidr("0.0.0.0/0"))).isEqualTo(TWO_POW_32);
        assertThat(map.size()).isZero();
    }

    @Test
    void shouldRefuseToRemoveABlockThatIsNotCovered() throws Exception {
        coverage.add(cidr("10.0.0.0/24"));
        assertThatThrownBy(() -> coverage.remove(cidr("10.0.0.0/23")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("10.0.0.0/23");
    }

    /**
     * A few hundred random adds and removes of blocks /20../32 inside one /20, checked after every step
     * against a bit per address, recomputed from scratch from the live blocks. The second region ends at
     * the last IPv4 address, where the block end 2^32 is outside the space.
     */
    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "255.255.240.0"})
    void shouldMatchABitSetModelOverRandomAddsAndRemoves(String regionStart) throws Exception {
        long base = cidr(regionStart).first().longValueExact();
        Random random = new Random(20180416L);
        Set<Cidr> live = new LinkedHashSet<>();
        int before = 0;
        for (int op = 0; op < 600; op++) {
            boolean add = live.isEmpty() || random.nextInt(10) < 6;
            Cidr block;
            BigInteger changed;
            if (add) {
                block = randomBlock(random, base);
                if (!live.add(block)) {
                    continue;
                }
                changed = coverage.add(block);
            } else {
                block = new ArrayList<>(live).get(random.nextInt(live.size()));
                live.remove(block);
                changed = coverage.remove(block);
            }
            BitSet bits = union(live, base);
            int after = bits.cardinality();
            assertThat(changed).as("op %d %s %s", op, add ? "add" : "remove", block)
                    .isEqualTo(big(Math.abs(after - before)));
            before = after;
            Cidr probe = randomBlock(random, base);
            int from = (int) (probe.first().longValueExact() - base);
            boolean anyCovered = bits.nextSetBit(from) >= 0 && bits.nextSetBit(from) < from + probe.size().intValueExact();
            assertThat(coverage.coversAny(probe)).as("op %d: any of %s covered", op, probe).isEqualTo(anyCovered);
        }
        assertThat(live).hasSizeGreaterThan(20);
        List<Cidr> rest = new ArrayList<>(live);
        Collections.shuffle(rest, random);
        for (Cidr block : rest) {
            live.remove(block);
            int after = union(live, base).cardinality();
            assertThat(coverage.remove(block)).as("remove %s", block).isEqualTo(big(before - after));
            before = after;
        }
        assertThat(before).isZero();
        assertThat(map.size()).isZero();
    }

    /** A random block of prefix /20../32 inside the /20 that starts at {@code base}. */
    static Cidr randomBlock(Random random, long base) {
        int prefix = 20 + random.nextInt(13);
        long size = 1L << (32 - prefix);
        long offset = random.nextInt(4096) / size * size;
        return Cidr.of(IpFamily.IPV4, BigInteger.valueOf(base + offset), prefix);
    }

    private static BitSet union(Set<Cidr> blocks, long base) {
        BitSet bits = new BitSet(4096);
        for (Cidr b : blocks) {
            int from = (int) (b.first().longValueExact() - base);
            bits.set(from, from + b.size().intValueExact());
        }
        return bits;
    }

    private static Cidr cidr(String text) throws InvalidAddressException {
        return Cidr.parse(text);
    }

    private static BigInteger big(long n) {
        return BigInteger.valueOf(n);
    }
}
