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
    void shouldCountAndPrintIpv6Blocks() throws InvalidAddressException {
        Cidr block = Cidr.parse("2A03:2880:0:0::/32");

        assertThat(block.toString()).isEqualTo("2a03:2880::/32");
        assertThat(block.family()).isEqualTo(IpFamily.IPV6);
        assertThat(block.size()).isEqualTo(BigInteger.ONE.shiftLeft(96));
        assertThat(block.lastAddress()).isEqualTo("2a03:2880:ffff:ffff:ffff:ffff:ffff:ffff");
    }
}
