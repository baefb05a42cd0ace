package io.github.blockwatch.official;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --sign-command} with a real signer: openssl making a detached CMS signature (DER) with a key made
 * for the test, the command the Perl and Python clients run (without their GOST engine); the signature is
 * then verified against the request with openssl.
 */
class SignCommandTest {
    private static final ZonedDateTime NOW = ZonedDateTime.parse("2026-12-03T14:05:06+03:00");

    @TempDir
    static Path keys;

    @TempDir
    Path work;

    private static Path properties;

    @BeforeAll
    static void makeKey() throws Exception {
        run(keys, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem",
                "-days", "2", "-subj", "/CN=operator test key");
        properties = Files.writeString(keys.resolve("operator.properties"),
                "operatorName=ООО Тест\ninn=7701234567\nogrn=1027700000000\nemail=noc@example.org\n", StandardCharsets.UTF_8);
    }

    /** What an operator would write with openssl; with CryptoPro: cryptcp -sign -detached -thumbprint T -der. */
    static String opensslCommand(Path keys) {
        return "openssl smime -sign -binary -outform DER -noattr -signer " + keys.resolve("cert.pem")
                + " -inkey " + keys.resolve("key.pem") + " -in {request} -out {signature}";
    }

    @Test
    void shouldSignEachFreshRequestWithTheOperatorsTool() throws Exception {
        SignCommand signer = new SignCommand(OperatorRequest.load(properties), opensslCommand(keys), Duration.ofSeconds(30), work, null);

        SignedRequest signed = signer.sign(NOW);

        assertThat(new String(signed.request(), OperatorRequest.WINDOWS_1251)).contains("<requestTime>2026-12-03T14:05:06.000+03:00</requestTime>");
        assertThat(signed.signature()[0]).isEqualTo((byte) 0x30);
        Path content = Files.write(work.resolve("content.xml"), signed.request());
        Path signature = Files.write(work.resolve("content.sig"), signed.signature());
        run(work, "openssl", "smime", "-verify", "-binary", "-inform", "DER", "-noverify", "-in", signature.toString(),
                "-content", content.toString(), "-out", "/dev/null");
    }

    @Test
    void shouldAppendTheTwoPathsWhenTheCommandNamesNeither() throws Exception {
        Path script = Files.writeString(keys.resolve("sign.sh"), "#!/bin/sh\nprintf '\\060\\003' > \"$2\"; cat \"$1\" >> \"$2\"\n");
        SignCommand signer = new SignCommand(OperatorRequest.load(properties), "sh " + script, Duration.ofSeconds(30), work, null);

        SignedRequest signed = signer.sign(NOW);

        assertThat(signed.signature()).startsWith(0x30, 0x03).hasSize(2 + signed.request().length);
    }

    @Test
    void shouldReportAFailingSignerWithItsLastLine() throws Exception {
        SignCommand signer = new SignCommand(OperatorRequest.load(properties),
                "echo 'ErrorCode: 0x8010006b' >&2; echo 'Signing failed: wrong PIN' >&2; exit 3", Duration.ofSeconds(30), work, null);

        assertThatThrownBy(() -> signer.sign(NOW)).isInstanceOf(OperatorServiceException.class)
                .hasMessage("--sign-command failed (exit 3): Signing failed: wrong PIN");
    }

    @Test
    void shouldReportASignerThatWritesNothing() throws Exception {
        SignCommand signer = new SignCommand(OperatorRequest.load(properties), "true", Duration.ofSeconds(30), work, null);

        assertThatThrownBy(() -> signer.sign(NOW)).hasMessage("--sign-command wrote no signature to $2 ("
                + work.resolve("request.xml.sig") + ")");
    }

    @Test
    void shouldStopASignerThatHangs() throws Exception {
        SignCommand signer = new SignCommand(OperatorRequest.load(properties), "sleep 600; : {request} {signature}", Duration.ofMillis(500), work, null);

        assertThatThrownBy(() -> signer.sign(NOW)).hasMessage("--sign-command did not finish within 500 ms");
    }

    @Test
    void shouldBindThePlaceholdersWithoutLettingPathsBreakTheCommand() {
        assertThat(SignCommand.script("cryptcp -sign -detached -thumbprint ab12 -der"))
                .isEqualTo("cryptcp -sign -detached -thumbprint ab12 -der \"$1\" \"$2\"");
        assertThat(SignCommand.script("sign --out {signature} {request}")).isEqualTo("sign --out \"$2\" \"$1\"");
    }

    static void run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
