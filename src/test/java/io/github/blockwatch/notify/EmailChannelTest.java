package io.github.blockwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.avro.Severity;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The e-mail channel against a real SMTP server (aiosmtpd) that requires TLS and a login. */
class EmailChannelTest {
    @TempDir
    Path dir;

    private final NotifyAlert big = TestAlerts.notifyAlert("LARGE_RANGE-00000000000000c1", "34.192.0.0/10", 4_194_304, Severity.CRITICAL);
    private final NotifyAlert small = TestAlerts.notifyAlert("LARGE_RANGE-00000000000000c2", "52.58.0.0/15", 131_072, Severity.LOW);

    private Channel channel(SmtpServer server, String security, String password) throws Exception {
        Files.writeString(dir.resolve("smtp.password"), password + "\n");
        Files.writeString(dir.resolve("notify.yaml"), """
                dashboard-url: http://127.0.0.1:8080
                retry: {timeout: 10s}
                channels:
                  mail:
                    type: email
                    host: 127.0.0.1
                    port: %d
                    security: %s
                    username: %s
                    password-file: smtp.password
                    from: blockwatch@example.org
                    to: [noc@example.org, abuse@example.org]
                    # the test's self-signed certificate (the host name is still checked against it)
                    properties: {mail.smtp.ssl.trust: 127.0.0.1}
                routes: []
                """.formatted(server.port(), security, SmtpServer.USER));
        return Channels.open(NotifyConfigReader.read(dir.resolve("notify.yaml"))).get("mail");
    }

    @Test
    void shouldSendOverStartTlsWithALogin() throws Exception {
        try (SmtpServer server = SmtpServer.start(dir, "starttls")) {
            Channel mail = channel(server, "starttls", SmtpServer.PASSWORD);

            assertThat(mail.send(Message.of(TestAlerts.DUMP_2018, List.of(big)))).isInstanceOf(Attempt.Accepted.class);

            assertThat(server.logins()).singleElement().satisfies(login ->
                    assertThat(login).endsWith(" blockwatch ok tls=True"));
            MimeMessage received = server.received().get(0);
            assertThat(received.getSubject()).isEqualTo("blockwatch CRITICAL LARGE_RANGE: 34.192.0.0/10 newly blocked — "
                    + "Amazon: 4.2 M addresses by Генпрокуратура 27-31-2015/Ид4082-15 (2015-12-04)");
            assertThat(received.getFrom()[0]).hasToString("blockwatch@example.org");
            assertThat(received.getAllRecipients()).extracting(Object::toString).containsExactly("noc@example.org", "abuse@example.org");
            assertThat(received.getMessageID()).isEqualTo("<" + big.id() + "@blockwatch.notify>");
            assertThat(((String) received.getContent()).replace("\r\n", "\n")).startsWith("""
                    blockwatch CRITICAL LARGE_RANGE
                    • 34.192.0.0/10 newly blocked — Amazon: 4.2 M addresses by Генпрокуратура 27-31-2015/Ид4082-15 (2015-12-04)
                      http://127.0.0.1:8080/?ip=34.192.0.0
                    """);
        }
    }

    @Test
    void shouldSendADigestOverSmtps() throws Exception {
        try (SmtpServer server = SmtpServer.start(dir, "smtps")) {
            Channel mail = channel(server, "smtps", SmtpServer.PASSWORD);
            Message digest = Message.of(TestAlerts.DUMP_2018, List.of(small, big));

            assertThat(mail.send(digest)).isInstanceOf(Attempt.Accepted.class);

            MimeMessage received = server.received().get(0);
            assertThat(received.getSubject()).isEqualTo("blockwatch: 2 alerts (2 LARGE_RANGE) up to CRITICAL, dump of 2018-05-05T13:25:00Z");
            assertThat(received.getMessageID()).isEqualTo("<" + digest.key() + "@blockwatch.notify>");
            assertThat((String) received.getContent()).contains("• CRITICAL LARGE_RANGE: 34.192.0.0/10", "• LOW LARGE_RANGE: 52.58.0.0/15");
        }
    }

    @Test
    void shouldFailForGoodOnARefusedLoginWithoutShowingThePassword() throws Exception {
        try (SmtpServer server = SmtpServer.start(dir, "starttls")) {
            Channel mail = channel(server, "starttls", "wrong-password-9c1");

            Attempt attempt = mail.send(Message.of(TestAlerts.DUMP_2018, List.of(big)));

            assertThat(attempt).isInstanceOf(Attempt.Failed.class);
            assertThat(((Attempt.Failed) attempt).reason()).startsWith("SMTP login refused").doesNotContain("wrong-password-9c1");
            assertThat(server.received()).isEmpty();
        }
    }
}
