package io.github.blockwatch.ingest;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Redirects a download may follow. Addresses are literals (no DNS): 203.0.113.7 and 198.51.100.1 stand for
 * public mirrors (documentation ranges, not private to the JDK).
 */
class RedirectRuleTest {
    private static final URI PUBLIC_MIRROR = URI.create("http://203.0.113.7/dump.csv.gz");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://127.0.0.1:8080/admin", "http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/x",
        "http://192.168.0.1/", "http://172.16.5.5/", "http://[::1]/x", "http://[fd00::1]/x", "http://0.0.0.0:9092/",
        "http://100.64.0.1/"})
    void shouldRefuseARedirectFromAPublicMirrorToAPrivateAddress(String target) {
        assertThatThrownBy(() -> RedirectRule.check(PUBLIC_MIRROR, PUBLIC_MIRROR, URI.create(target), false))
                .isInstanceOf(FetchRefusedException.class)
                .hasMessageStartingWith(PUBLIC_MIRROR + ": redirected to " + target + " (")
                .hasMessageEndingWith("; refused: a mirror must not send ingest to this machine or its network "
                        + "(--allow-private-redirects allows it)");
    }

    @Test
    void shouldFollowARedirectToAnotherPublicAddress() {
        assertThatCode(() -> RedirectRule.check(PUBLIC_MIRROR, PUBLIC_MIRROR, URI.create("https://198.51.100.1/d.csv.gz"), false))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldLetAPrivateMirrorRedirectWithinItsNetworkOrWhenAllowed() {
        URI lanMirror = URI.create("http://192.168.1.10/dump.csv.gz");
        assertThatCode(() -> RedirectRule.check(lanMirror, lanMirror, URI.create("http://192.168.1.11/dump.csv.gz"), false))
                .doesNotThrowAnyException();
        assertThatCode(() -> RedirectRule.check(PUBLIC_MIRROR, PUBLIC_MIRROR, URI.create("http://127.0.0.1/x"), true))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseADowngradeToPlainHttpAndOtherSchemes() {
        URI https = URI.create("https://203.0.113.7/dump.csv.gz");
        assertThatThrownBy(() -> RedirectRule.check(https, https, URI.create("http://198.51.100.1/d"), true))
                .isInstanceOf(FetchRefusedException.class)
                .hasMessage(https + ": redirected from HTTPS to plain HTTP (http://198.51.100.1/d); refused");
        assertThatThrownBy(() -> RedirectRule.check(https, https, URI.create("file:///etc/passwd"), true))
                .isInstanceOf(FetchRefusedException.class)
                .hasMessage(https + ": redirected to file:///etc/passwd, not an http or https URL; refused");
    }
}
