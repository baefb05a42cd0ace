package io.github.blockwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {
    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4", "0.0.0.0", "255.255.255.255", "52.58.0.0/15", "10.1.2.3/8", "1.2.3.4/0",
        "1.2.3.4/32", "01.002.3.4", "1.2.3.4/08", "192.168.0.1/24"})
    void shouldReadPlainDottedQuadsExactlyAsTheLibraryDoes(String text) throws InvalidAddressException {
        Cidr fast = Cidr.parsePlainIpv4(text);

        assertThat(fast).isNotNull();
        Cidr library = Cidr.parseWithLibrary(text);
        assertThat(fast).isEqualTo(library);
        assertThat(fast.toString()).isEqualTo(library.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"999.1.1.1", "10.0.0.0/33", "1.2.3", "1.2.3.4.5", "1.2.3.4/", "1.2.3.4/033", "1.2.3.-4",
        "::g", "1.2.3.4 /24", "2a03:2880::/32", "1.2.3.0-255", "1.2.*.*", "0x1.2.3.4"})
    void shouldLeaveEverythingElseToTheLibrary(String text) {
        assertThat(Cidr.parsePlainIpv4(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"999.1.1.1", "10.0.0.0/33", "::g", "1.2.3.4.5", "1.2.*.*", "1.2.3.0-255", "0x1.2.3.4"})
    void shouldRejectWhatIsNotAnAddressOrBlock(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(InvalidAddressException.class)
                .hasMessageContaining(text);
    }

    @Test
    void shouldAgreeWithTheLibraryOnRandomBlocks() throws InvalidAddressException {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 10_000; i++) {
            long address = random.nextLong() & 0xffffffffL;
            String text = (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                    + (address & 0xff) + (random.nextBoolean() ? "/" + random.nextInt(33) : "");
            assertThat(Cidr.parse(text)).as(text).isEqualTo(Cidr.parseWithLibrary(text));
        }
    }

    @Test
    void shouldCompareAndHashBlocksAlikeHoweverTheyWereMade() throws InvalidAddressException {
        // A hand-read IPv4 block keeps its start as a long, a library-read one as a BigInteger too.
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < 10_000; i++) {
            String a = random.nextInt(256) + ".0." + random.nextInt(3) + "." + random.nextInt(256) + "/" + (24 + random.nextInt(9));
            String b = random.nextInt(256) + ".0." + random.nextInt(3) + "." + random.nextInt(256) + "/" + (24 + random.nextInt(9));
            Cidr fastA = Cidr.parse(a);
            Cidr libraryA = Cidr.parseWithLibrary(a);
            Cidr libraryB = Cidr.parseWithLibrary(b);

            assertThat(fastA).isEqualTo(libraryA).hasSameHashCodeAs(libraryA);
            assertThat(fastA.compareTo(libraryA)).isZero();
            assertThat(Integer.signum(fastA.compareTo(Cidr.parse(b)))).as("%s vs %s", a, b)
                    .isEqualTo(Integer.signum(libraryA.compareTo(libraryB)))
                    .isEqualTo(Integer.signum(fastA.first().compareTo(libraryB.first()) != 0
                            ? fastA.first().compareTo(libraryB.first())
                            : Integer.compare(fastA.prefixLength(), libraryB.prefixLength())));
            assertThat(fastA.equals(Cidr.parse(b))).isEqualTo(libraryA.equals(libraryB));
        }
        assertThat(Cidr.parse("255.255.255.255")).isGreaterThan(Cidr.parse("0.0.0.0/0"))
                .isLessThan(Cidr.parse("::/0"));
    }

    @Test
    void shouldReadADottedQuadByHandOnlyAsTheLibraryReadsIt() {
        // Random texts near dotted quads: whenever the hand-written path answers, the library answers the same.
        SplittableRandom random = new SplittableRandom(7);
        int accepted = 0;
        for (int i = 0; i < 100_000; i++) {
            String text = nearlyDottedQuad(random);
            Cidr fast = Cidr.parsePlainIpv4(text);
            if (fast != null) {
                accepted++;
                assertThat(outcome(() -> Cidr.parseWithLibrary(text))).as(text).isEqualTo(outcome(() -> fast));
            }
        }
        assertThat(accepted).as("texts read by hand").isGreaterThan(10_000);
    }

    /**
     * Mostly four groups of digits joined by dots, mostly octets (some with leading zeros), maybe a prefix,
     * now and then a group too many or too few, an empty or four-digit group, a stray character.
     */
    private static String nearlyDottedQuad(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int groups = random.nextInt(8) == 0 ? 3 + 2 * random.nextInt(2) : 4;
        for (int g = 0; g < groups; g++) {
            text.append(g > 0 ? "." : "").append(number(random, 255));
        }
        if (random.nextBoolean()) {
            text.append('/').append(number(random, 32));
        }
        if (random.nextInt(8) == 0) {
            text.insert(random.nextInt(text.length() + 1), (char) random.nextInt(0x2d, 0x3b)); // - . / 0-9 :
        }
        return text.toString();
    }

    /** Up to {@code max}, sometimes with leading zeros; now and then empty or any one to four digits. */
    private static String number(SplittableRandom random, int max) {
        return switch (random.nextInt(10)) {
            case 0 -> "";
            case 1 -> String.valueOf(random.nextInt(10_000));
            case 2 -> "0" + random.nextInt(max + 1);
            case 3 -> "00" + random.nextInt(10);
            default -> String.valueOf(random.nextInt(max + 1));
        };
    }

    @Test
    void shouldParsePartOfATextAsTheSameTextAlone() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            String part = io.github.blockwatch.Generators.string(random, "0123456789abf:./ \t\u00a0", 20);
            String prefix = io.github.blockwatch.Generators.string(random, "1.| ", 4);
            String suffix = io.github.blockwatch.Generators.string(random, "1.| ", 4);
            String text = prefix + part + suffix;
            assertThat(outcome(() -> Cidr.parse(text, prefix.length(), prefix.length() + part.length())))
                    .as("'%s' in '%s'", part, text).isEqualTo(outcome(() -> Cidr.parse(part)));
        }
    }

    private interface Parse {
        Cidr run() throws InvalidAddressException;
    }

    /** The block's canonical text, family and first address, or the reason it was refused. */
    private static String outcome(Parse parse) {
        try {
            Cidr cidr = parse.run();
            return cidr + " " + cidr.family() + " " + cidr.first();
        } catch (InvalidAddressException e) {
            return "rejected: " + e.getMessage();
        }
    }

    @Test
    void shouldCountAndPrintIpv6Blocks() throws InvalidAddressException {
        Cidr block = Cidr.parse("2A03:2880:0:0::/32");

        assertThat(block.toString()).isEqualTo("2a03:2880::/32");
        assertThat(block.family()).isEqualTo(IpFamily.IPV6);
        assertThat(block.size()).isEqualTo(BigInteger.ONE.shiftLeft(96));
        assertThat(block.lastAddress()).isEqualTo("2a03:2880:ffff:ffff:ffff:ffff:ffff:ffff");
    }

    @Test
    void shouldNameTheBlocksEnclosingAnAddressAsMaskingItsNumberDoes() throws InvalidAddressException {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 2_000; i++) {
            boolean v4 = random.nextBoolean();
            IpFamily family = v4 ? IpFamily.IPV4 : IpFamily.IPV6;
            BigInteger number = v4 ? BigInteger.valueOf(random.nextLong(1L << 32))
                    : new BigInteger(128, new java.util.Random(random.nextLong()));
            Cidr address = Cidr.of(family, number, family.bits());
            int prefix = random.nextInt(family.bits() + 1);
            BigInteger hostMask = BigInteger.ONE.shiftLeft(family.bits() - prefix).subtract(BigInteger.ONE);
            Cidr expected = Cidr.of(family, number.andNot(hostMask), prefix);
            Cidr enclosing = address.enclosing(prefix);
            assertThat(enclosing).isEqualTo(expected);
            assertThat(enclosing.toString()).isEqualTo(expected.toString());
            assertThat(Cidr.parse(enclosing.toString())).isEqualTo(expected);
        }
        assertThat(Cidr.parse("255.255.255.255").enclosing(0).toString()).isEqualTo("0.0.0.0/0");
        assertThat(Cidr.parse("10.1.2.3").enclosing(8).toString()).isEqualTo("10.0.0.0/8");
    }
}
