package io.github.blockwatch.official;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SOAP client against the stand-in service: every operation as the WSDL has it (the stand-in records
 * any request that breaks the binding), and every hostile answer turned into one line.
 */
class OperatorServiceTest {
    private static final SignedRequest SIGNED = new SignedRequest(
            ("<?xml version=\"1.0\" encoding=\"windows-1251\"?><request><requestTime>2026-12-01T10:00:00.000+03:00</requestTime>"
                    + "<operatorName>ООО Тест</operatorName><inn>7701234567</inn><ogrn>1027700000000</ogrn><email>noc@example.org</email></request>")
                    .getBytes(OperatorRequest.WINDOWS_1251),
            Archives.SIGNATURE, null);

    @TempDir
    Path work;

    private OperatorServiceStandIn standIn;
    private OperatorService service;

    @BeforeEach
    void start() throws Exception {
        standIn = OperatorServiceStandIn.start();
        service = new OperatorService(standIn.url(), Duration.ofSeconds(3), Sizes.MIB, work);
    }

    @AfterEach
    void stop() {
        assertThat(standIn.violations()).as("requests that break the WSDL").isEmpty();
        standIn.close();
    }

    @Test
    void shouldServeTheWsdlItFollows() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(standIn.url() + "?wsdl")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<definitions name=\"OperatorRequest\"")
                .contains("soapAction=\"http://vigruzki.rkn.gov.ru/services/OperatorRequest/getResult\"");
    }

    @Test
    void shouldReadTheDatesInMillisecondsAndTheVersions() throws Exception {
        standIn.dates(Instant.parse("2024-01-02T03:04:05Z"), Instant.parse("2024-01-02T04:05:06.789Z"));

        LastDumpDates dates = service.lastDumpDates();

        assertThat(dates.lastDumpDate()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
        assertThat(dates.lastDumpDateUrgently()).isEqualTo(Instant.parse("2024-01-02T04:05:06.789Z"));
        assertThat(dates.newest()).isEqualTo(dates.lastDumpDateUrgently());
        assertThat(dates.dumpFormatVersion()).isEqualTo("2.4");
    }

    @Test
    void shouldSendTheRequestAndFetchTheArchiveOnceReady() throws Exception {
        byte[] zip = Archives.archive("<x/>".getBytes(StandardCharsets.US_ASCII));
        standIn.archive(zip, 2);

        RequestAnswer sent = service.sendRequest(SIGNED, "2.4");
        ResultAnswer first = service.getResult(sent.code(), work.resolve("a.zip"));
        ResultAnswer second = service.getResult(sent.code(), work.resolve("a.zip"));
        ResultAnswer third = service.getResult(sent.code(), work.resolve("a.zip"));

        assertThat(sent.accepted()).isTrue();
        assertThat(sent.code()).isNotEmpty();
        assertThat(standIn.requestFiles()).singleElement().isEqualTo(SIGNED.request());
        assertThat(standIn.signatureFiles()).singleElement().isEqualTo(Archives.SIGNATURE);
        assertThat(first.notReady()).isTrue();
        assertThat(second.notReady()).isTrue();
        assertThat(third.ready()).isTrue();
        assertThat(Files.readAllBytes(third.archive())).isEqualTo(zip);
        assertThat(third.operatorName()).isEqualTo("ООО \"Тест\"");
        assertThat(third.inn()).isEqualTo("7701234567");
    }

    @Test
    void shouldSendThePowerOfAttorneyInTheSchemasOrder() throws Exception {
        SignedRequest withPower = new SignedRequest(SIGNED.request(), SIGNED.signature(),
                new SignedRequest.PowerOfAttorney("<Доверенность/>".getBytes(StandardCharsets.UTF_8), "ON_EMCHD_1.xml", Archives.SIGNATURE));

        assertThat(service.sendRequest(withPower, "2.4").accepted()).isTrue();
    }

    @Test
    void shouldReportARefusedRequestWithItsComment() throws Exception {
        standIn.script("sendRequest", OperatorServiceStandIn.requestRefused("Ошибка проверки ЭП"));

        RequestAnswer refused = service.sendRequest(SIGNED, "2.4");

        assertThat(refused.accepted()).isFalse();
        assertThat(refused.comment()).isEqualTo("Ошибка проверки ЭП");
        assertThat(refused.code()).isEmpty();
    }

    @Test
    void shouldTurnASoapFaultIntoOneLine() {
        standIn.script("getLastDumpDateEx", OperatorServiceStandIn.fault("Internal error\nat line 3"));

        assertThatThrownBy(service::lastDumpDates).isInstanceOf(OperatorServiceException.class)
                .hasMessage("getLastDumpDateEx: SOAP fault SOAP-ENV:Server: Internal error at line 3");
    }

    @Test
    void shouldRefuseABodyThatIsNotXml() {
        standIn.script("getLastDumpDateEx", OperatorServiceStandIn.raw(200, "text/plain", "Сервис временно недоступен\n".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(service::lastDumpDates).isInstanceOf(OperatorServiceException.class)
                .hasMessageStartingWith("getLastDumpDateEx: the answer is not XML (")
                .hasMessageEndingWith("it starts with \"Сервис временно недоступен\"")
                .hasMessageNotContaining("\n");
    }

    @Test
    void shouldRefuseAnHtmlPageInsteadOfAnEnvelope() {
        standIn.script("getLastDumpDateEx", OperatorServiceStandIn.raw(200, "text/html", "<html><body>Обслуживание</body></html>".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(service::lastDumpDates).isInstanceOf(OperatorServiceException.class)
                .hasMessage("getLastDumpDateEx: expected <Envelope> in http://schemas.xmlsoap.org/soap/envelope/, found <html> without namespace");
    }

    @Test
    void shouldRefuseAnHttpErrorWithoutAFault() {
        standIn.script("getResult", OperatorServiceStandIn.raw(503, "text/html", "<html>busy</html>".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> service.getResult("c", work.resolve("a.zip"))).isInstanceOf(OperatorServiceException.class)
                .hasMessage("getResult: HTTP 503 from " + standIn.url());
    }

    @Test
    void shouldRefuseAnEmptyBody() {
        standIn.script("getLastDumpDateEx", OperatorServiceStandIn.raw(200, "text/xml", new byte[0]));

        assertThatThrownBy(service::lastDumpDates).hasMessageStartingWith("getLastDumpDateEx: the answer is not XML")
                .hasMessageEndingWith("it starts with (nothing: an empty body)");
    }

    @Test
    void shouldRefuseADoctypeInTheAnswer() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"><SOAP-ENV:Body>&x;</SOAP-ENV:Body></SOAP-ENV:Envelope>";
        standIn.script("getLastDumpDateEx", OperatorServiceStandIn.raw(200, "text/xml", xxe.getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(service::lastDumpDates)
                .hasMessage("getLastDumpDateEx: the answer has a DOCTYPE; refused (DTDs and entities are disabled)");
    }

    @Test
    void shouldRefuseAnAnswerToAnotherOperationOrNamespace() {
        standIn.script("getLastDumpDateEx", OperatorServiceStandIn.ok("sendRequest", "<result>true</result>"));

        assertThatThrownBy(service::lastDumpDates).hasMessage("getLastDumpDateEx: expected <getLastDumpDateExResponse> in "
                + "http://vigruzki.rkn.gov.ru/OperatorRequest/, found <sendRequestResponse> in http://vigruzki.rkn.gov.ru/OperatorRequest/");
    }

    @Test
    void shouldRefuseAnswersMissingRequiredFields() {
        standIn.script("getLastDumpDateEx", OperatorServiceStandIn.ok("getLastDumpDateEx", "<lastDumpDate>1</lastDumpDate>"));
        standIn.script("getResult", OperatorServiceStandIn.ok("getResult", "<result>false</result><resultCode>zero</resultCode>"));

        assertThatThrownBy(service::lastDumpDates).hasMessage("getLastDumpDateEx: the answer has no lastDumpDateUrgently");
        assertThatThrownBy(() -> service.getResult("c", work.resolve("a.zip"))).hasMessage("getResult: resultCode is not a number: 'zero'");
    }

    @Test
    void shouldRefuseAnArchiveThatIsNotBase64() {
        standIn.script("getResult", OperatorServiceStandIn.ok("getResult",
                "<result>true</result><registerZipArchive>UEsDB!!</registerZipArchive><resultCode>1</resultCode>"));

        assertThatThrownBy(() -> service.getResult("c", work.resolve("a.zip")))
                .hasMessage("getResult: registerZipArchive is not base64 (character '!')");
    }

    @Test
    void shouldGiveUpOnAServiceThatHangs() {
        standIn.script("getLastDumpDateEx", OperatorServiceStandIn.hang());
        long started = System.nanoTime();

        assertThatThrownBy(service::lastDumpDates).isInstanceOf(OperatorServiceException.class)
                .hasMessage("getLastDumpDateEx: no complete answer from " + standIn.url() + " within 3 s (--call-timeout)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void shouldRefuseAHugeAnswerWithoutKeepingIt() throws Exception {
        standIn.script("getResult", OperatorServiceStandIn.huge(64 * Sizes.MIB));

        assertThatThrownBy(() -> service.getResult("c", work.resolve("a.zip"))).isInstanceOf(OperatorServiceException.class)
                .hasMessage("getResult: the answer is larger than 1.3 MiB; refused".replace("1.3 MiB", Sizes.describe(Sizes.MIB / 3 * 4 + 64 * Sizes.KIB)));
        try (var files = Files.list(work)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void shouldSayWhenNothingListens() throws Exception {
        standIn.close();

        assertThatThrownBy(service::lastDumpDates).isInstanceOf(OperatorServiceException.class)
                .hasMessage("getLastDumpDateEx: cannot connect to " + standIn.url() + " (connection refused)");
        standIn = OperatorServiceStandIn.start(); // for the violations check
    }
}
