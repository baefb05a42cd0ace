package io.github.blockwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.blockwatch.avro.Watchlist;
import io.github.blockwatch.owners.OwnerLabel;
import io.github.blockwatch.owners.OwnerRange;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.IpFamily;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WatchIndexTest {
    private static Cidr cidr(String text) throws Exception {
        return Cidr.parse(text);
    }

    private static AddressSet set(String... cidrs) throws Exception {
        List<AddressInterval> parts = new ArrayList<>();
        for (String c : cidrs) {
            parts.add(AddressInterval.of(cidr(c)));
        }
        return AddressSet.of(parts);
    }

    @Test
    void shouldSplitAnIntervalIntoTheFewestPrefixBlocks() throws Exception {
        AddressInterval odd = new AddressInterval(IpFamily.IPV4, cidr("10.0.0.1").first(), cidr("10.0.0.6").first());

        assertThat(odd.cidrs()).map(Cidr::toString).containsExactly("10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6/32");
        assertThat(AddressInterval.of(cidr("0.0.0.0/0")).cidrs()).map(Cidr::toString).containsExactly("0.0.0.0/0");
        assertThat(AddressInterval.of(cidr("2001:db8::/32")).cidrs()).map(Cidr::toString).containsExactly("2001:db8::/32");
    }

    @Test
    void shouldMergeOverlapsAndNeighboursAndCountEachAddressOnce() throws Exception {
        AddressSet s = set("52.58.0.0/16", "52.59.0.0/16", "52.58.1.0/24", "2001:db8::/127");

        assertThat(s.intervals()).hasSize(2);
        assertThat(s.count(IpFamily.IPV4)).isEqualTo(BigInteger.valueOf(131_072));
        assertThat(s.count(IpFamily.IPV6)).isEqualTo(BigInteger.TWO);
        assertThat(s.cidrs()).map(Cidr::toString).containsExactly("52.58.0.0/15", "2001:db8::/127");
        assertThat(s.meets(cidr("52.0.0.0/8"))).isTrue();
        assertThat(s.meets(cidr("52.60.0.0/16"))).isFalse();
        assertThat(s.within(AddressInterval.of(cidr("52.59.255.0/24")))).containsExactly(AddressInterval.of(cidr("52.59.255.0/24")));
    }

    @Test
    void shouldFindEveryWatchlistARangeMeetsWithTheWatchedAddressesInside() throws Exception {
        WatchIndex index = WatchIndex.of(Map.of(
                "frankfurt", set("52.58.0.0/15", "18.184.0.0/15"),
                "one-server", set("52.58.7.9/32"),
                "v6", set("2a03:2880::/32"),
                "docs", set("192.0.2.0/24")));

        Map<String, List<AddressInterval>> met = index.meet(cidr("52.0.0.0/8"));

        assertThat(met).containsOnlyKeys("frankfurt", "one-server");
        assertThat(met.get("frankfurt")).containsExactly(AddressInterval.of(cidr("52.58.0.0/15")));
        assertThat(met.get("one-server")).containsExactly(AddressInterval.of(cidr("52.58.7.9/32")));
        assertThat(index.meet(cidr("52.58.7.9/32"))).containsOnlyKeys("frankfurt", "one-server");
        assertThat(index.meet(cidr("52.60.0.0/14"))).isEmpty();
        assertThat(index.meet(cidr("2a03:2880:f000::/36"))).containsOnlyKeys("v6");
        assertThat(index.meet(cidr("0.0.0.0/0"))).containsOnlyKeys("frankfurt", "one-server", "docs");
    }

    @Test
    void shouldWatchUpToTheTopOfTheAddressSpace() throws Exception {
        WatchIndex index = WatchIndex.of(Map.of("top", set("255.255.255.0/24"), "all-v6", set("::/0")));

        assertThat(index.meet(cidr("255.255.255.255"))).containsOnlyKeys("top");
        assertThat(index.meet(cidr("ffff::/16"))).containsOnlyKeys("all-v6");
    }

    @Test
    void shouldAgreeWithAPlainScanOfEveryWatchlist() throws Exception {
        // Seed 16: random watchlists of random blocks, random ranges; the index must equal a scan of each set.
        Random random = new Random(16);
        Map<String, AddressSet> watched = new HashMap<>();
        for (int w = 0; w < 40; w++) {
            List<AddressInterval> parts = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(5); i++) {
                parts.add(AddressInterval.of(randomBlock(random)));
            }
            watched.put("w" + w, AddressSet.of(parts));
        }
        WatchIndex index = WatchIndex.of(watched);
        for (int t = 0; t < 2000; t++) {
            Cidr range = randomBlock(random);
            Map<String, List<AddressInterval>> expected = new HashMap<>();
            watched.forEach((name, set) -> {
                List<AddressInterval> inside = set.within(AddressInterval.of(range));
                if (!inside.isEmpty()) {
                    expected.put(name, inside);
                }
            });
            assertThat(index.meet(range)).as("range %s", range).isEqualTo(expected);
        }
    }

    private static Cidr randomBlock(Random random) {
        int prefix = 8 + random.nextInt(25);
        long first = (random.nextLong() & 0xffffffffL) & (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        // Cluster into 10.0.0.0/8 half the time, so blocks overlap often.
        if (random.nextBoolean() && prefix >= 8) {
            first = 0x0a000000L | (first & 0x00ffffffL);
        }
        return Cidr.of(IpFamily.IPV4, BigInteger.valueOf(first), prefix);
    }

    @Test
    void shouldResolveAsnsAndOwnerLabelsThroughEveryDatasetsRanges() throws Exception {
        OwnerLabel awsFrankfurt = new OwnerLabel("Amazon", null, "AWS", "eu-central-1", "EC2", true);
        OwnerLabel as16509 = new OwnerLabel("Amazon", 16509L, null, null, null, true);
        List<OwnerRange> ranges = List.of(
                new OwnerRange("aws", "aws-ip-ranges", "52.58.0.0/15", 0x343a0000L, 0x343bffffL, awsFrankfurt),
                new OwnerRange("ipverse", "ipverse", "52.56.0.0/13", 0x34380000L, 0x343fffffL, as16509),
                new OwnerRange("ipverse", "ipverse", "3.0.0.0/15", 0x03000000L, 0x0301ffffL, as16509));
        Watchlist byAsn = Watchlists.of("amazon", List.of(), List.of("AS16509"), List.of(), null, Instant.EPOCH);
        Watchlist byLabel = Watchlists.of("frankfurt", List.of("192.0.2.1"), List.of(), List.of("amazon aws eu-central-1"), "ops",
                Instant.EPOCH);

        WatchedAddresses amazon = WatchedAddresses.resolve(byAsn, ranges);
        WatchedAddresses frankfurt = WatchedAddresses.resolve(byLabel, ranges);

        assertThat(amazon.addresses().count()).isEqualTo(BigInteger.valueOf(524_288 + 131_072));
        assertThat(amazon.criteria()).containsEntry("AS16509", BigInteger.valueOf(524_288 + 131_072));
        assertThat(frankfurt.addresses().cidrs()).map(Cidr::toString).containsExactly("52.58.0.0/15", "192.0.2.1/32");
        assertThat(frankfurt.criteria()).containsEntry("192.0.2.1/32", BigInteger.ONE)
                .containsEntry("amazon aws eu-central-1", BigInteger.valueOf(131_072));
        assertThat(WatchedAddresses.resolve(Watchlists.of("none", List.of(), List.of("64496"), List.of(), null, Instant.EPOCH), ranges)
                .addresses().isEmpty()).isTrue();
    }

    @Test
    void shouldRefuseWatchlistsThatCannotBeAKeyOrWatchNothing() {
        assertThatThrownBy(() -> Watchlists.of("a b", List.of("1.2.3.4"), List.of(), List.of(), null, Instant.EPOCH))
                .hasMessageContaining("watchlist name 'a b'");
        assertThatThrownBy(() -> Watchlists.of("x", List.of(), List.of(), List.of(), null, Instant.EPOCH))
                .hasMessageContaining("watches nothing");
        assertThatThrownBy(() -> Watchlists.of("x", List.of("300.1.2.3"), List.of(), List.of(), null, Instant.EPOCH))
                .hasMessageStartingWith("--prefix: ");
        assertThatThrownBy(() -> Watchlists.of("x", List.of(), List.of("ASX"), List.of(), null, Instant.EPOCH))
                .hasMessageStartingWith("--asn: ");
        assertThat(Watchlists.of("x", List.of("10.1.2.3/8", "10.0.0.0/8"), List.of("as16509", "16509"), List.of(), null,
                Instant.EPOCH)).satisfies(w -> {
                    assertThat(w.getPrefixes()).containsExactly("10.0.0.0/8");
                    assertThat(w.getAsns()).containsExactly(16509L);
                });
    }
}
