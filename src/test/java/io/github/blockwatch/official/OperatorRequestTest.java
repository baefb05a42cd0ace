package io.github.blockwatch.official;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorRequestTest {
    private static final ZonedDateTime NOW = ZonedDateTime.parse("2026-12-03T14:05:06.789+03:00[Europe/Moscow]");

    @TempDir
    Path work;

    @Test
    void shouldWriteTheRequestFromPropertiesInWindows1251AsClientsSendIt() throws Exception {
        Path properties = Files.writeString(work.resolve("operator.properties"), """
                # the operator, as in its licence
                operatorName = ООО "Рога & Копыта"
                inn = 7701234567
                ogrn = 1027700000000
                email = noc@example.org
                """, StandardCharsets.UTF_8);

        byte[] request = OperatorRequest.load(properties).at(NOW);

        assertThat(new String(request, OperatorRequest.WINDOWS_1251)).isEqualTo("""
                <?xml version="1.0" encoding="windows-1251"?>
                <request>
                <requestTime>2026-12-03T14:05:06.789+03:00</requestTime>
                <operatorName>ООО "Рога &amp; Копыта"</operatorName>
                <inn>7701234567</inn>
                <ogrn>1027700000000</ogrn>
                <email>noc@example.org</email>
                </request>
                """);
    }

    @Test
    void shouldSetOnlyTheRequestTimeOfAnXmlTemplate() throws Exception {
        String template = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\r\n<request>\r\n<requestTime>{{TIME}}</requestTime>\r\n"
                + "<operatorName>ИП Иванов</operatorName>\r\n<inn>770123456789</inn>\r\n<ogrn>304770000000001</ogrn>\r\n"
                + "<email>ivanov@example.org</email>\r\n</request>\r\n";
        Path file = Files.write(work.resolve("request.xml"), template.getBytes(OperatorRequest.WINDOWS_1251));
        OperatorRequest request = OperatorRequest.load(file);

        assertThat(new String(request.at(NOW), OperatorRequest.WINDOWS_1251))
                .isEqualTo(template.replace("{{TIME}}", "2026-12-03T14:05:06.789+03:00"));
        assertThat(request.asGiven()).isEqualTo(Files.readAllBytes(file));
        assertThat(request.fields()).containsEntry("operatorName", "ИП Иванов").containsEntry("inn", "770123456789");
    }

    @Test
    void shouldNameWhatIsMissingOrWrong() throws Exception {
        assertRefused("operatorName=X\ninn=123\nogrn=1027700000000\nemail=a@b", "inn must be 10 or 12 digits, not '123'");
        assertRefused("operatorName=X\ninn=7701234567\nogrn=1027700000000\n", "no email (a request needs operatorName, inn, ogrn and email)");
        assertRefused("operatorName=X\ninn=7701234567\nogrn=10277\nemail=a@b", "ogrn must be 13 or 15 digits, not '10277'");
        assertRefused("<request><operatorName>X</operatorName></request>", "the request has no <requestTime>");
        assertRefused("<requests/>", "not a request: root element is <requests>, expected <request>");
        assertRefused("<?xml version=\"1.0\"?><!DOCTYPE request [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><request>&x;</request>",
                "the request has a DOCTYPE; refused");
        assertRefused("<request><requestTime>", "not a well-formed request XML");
        assertThatThrownBy(() -> OperatorRequest.load(work.resolve("absent.xml"))).hasMessageEndingWith("absent.xml: no such file (--operator-request)");
    }

    @Test
    void shouldRefuseANameWindows1251CannotHold() throws Exception {
        Path file = Files.writeString(work.resolve("emoji.properties"),
                "operatorName=ООО 🙂\ninn=7701234567\nogrn=1027700000000\nemail=a@b\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> OperatorRequest.load(file)).hasMessageEndingWith("the request has characters windows-1251 cannot hold");
    }

    private void assertRefused(String content, String message) throws Exception {
        Path file = Files.writeString(work.resolve("bad-" + Integer.toHexString(content.hashCode())), content, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> OperatorRequest.load(file)).isInstanceOf(OperatorServiceException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining(message)
                .hasMessageNotContaining("\n");
    }
}
