package io.github.blockwatch.official;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The operators' download service over SOAP 1.1, as its WSDL describes it
 * ({@code src/test/resources/official/OperatorRequest.wsdl}): document/literal, operations in the
 * namespace {@value SoapAnswer#SERVICE_NS} with unqualified parts, {@code SOAPAction} the service URL of
 * the real endpoint plus the operation. Plain HTTP with the JDK client rather than a SOAP stack (JAX-WS left
 * the JDK with Java 11; CXF would bring dozens of jars for five operations); answers are read with
 * {@link SoapAnswer}. Every call has one deadline for the whole exchange, headers and body ({@code --call-timeout}:
 * a service that accepts the connection and then says nothing does not hang the client), and every
 * answer a size cap (a hostile or broken service cannot fill the disk or the heap).
 */
public final class OperatorService {
    /** The endpoint every client read uses (its test twin is {@code …/OperatorRequestTest/}). */
    public static final URI DEFAULT_URL = URI.create("https://vigruzki.rkn.gov.ru/services/OperatorRequest/");
    /** SOAPAction prefix from the WSDL's binding, independent of the URL actually called. */
    static final String ACTION_BASE = "http://vigruzki.rkn.gov.ru/services/OperatorRequest/";
    /** Small answers (dates, a code) never come near this; only getResult carries the archive. */
    static final long SMALL_ANSWER_BYTES = Sizes.MIB;

    private final URI url;
    private final Duration callTimeout;
    private final long maxArchiveBytes;
    private final Path workDir;
    private final HttpClient client;

    /**
     * @param maxArchiveBytes the largest zip {@code getResult} may carry (its base64 form is a third larger)
     * @param workDir         where answers are written while they are read (the state directory's work area)
     */
    public OperatorService(URI url, Duration callTimeout, long maxArchiveBytes, Path workDir) {
        this.url = url;
        this.callTimeout = callTimeout;
        this.maxArchiveBytes = maxArchiveBytes;
        this.workDir = workDir;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(callTimeout)
                // A POST is not replayed to wherever a redirect points: the message names the new address.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public URI url() {
        return url;
    }

    /** {@code getLastDumpDateEx}: when the dump last changed, regularly and urgently. */
    public LastDumpDates lastDumpDates() throws IOException, InterruptedException {
        String operation = "getLastDumpDateEx";
        SoapAnswer answer = call(operation, "<tns:getLastDumpDateEx/>", SMALL_ANSWER_BYTES, null, null);
        return new LastDumpDates(
                Instant.ofEpochMilli(answer.requiredLong("lastDumpDate", operation)),
                Instant.ofEpochMilli(answer.requiredLong("lastDumpDateUrgently", operation)),
                nullToEmpty(answer.text("webServiceVersion")),
                nullToEmpty(answer.text("dumpFormatVersion")),
                nullToEmpty(answer.text("docVersion")));
    }

    /** {@code sendRequest}: asks for a dump; the answer's code is what {@link #getResult} asks about. */
    public RequestAnswer sendRequest(SignedRequest signed, String dumpFormatVersion) throws IOException, InterruptedException {
        String operation = "sendRequest";
        Base64.Encoder base64 = Base64.getEncoder();
        StringBuilder body = new StringBuilder("<tns:sendRequest>")
                .append("<requestFile>").append(base64.encodeToString(signed.request())).append("</requestFile>")
                .append("<signatureFile>").append(base64.encodeToString(signed.signature())).append("</signatureFile>");
        SignedRequest.PowerOfAttorney power = signed.powerOfAttorney();
        if (power != null) {
            body.append("<emchdFile>").append(base64.encodeToString(power.file())).append("</emchdFile>")
                    .append("<emchdFileName>").append(escape(power.fileName())).append("</emchdFileName>")
                    .append("<emchdSignatureFile>").append(base64.encodeToString(power.signature())).append("</emchdSignatureFile>");
        }
        if (dumpFormatVersion != null && !dumpFormatVersion.isEmpty()) {
            body.append("<dumpFormatVersion>").append(escape(dumpFormatVersion)).append("</dumpFormatVersion>");
        }
        body.append("</tns:sendRequest>");
        SoapAnswer answer = call(operation, body.toString(), SMALL_ANSWER_BYTES, null, null);
        return new RequestAnswer(answer.requiredBoolean("result", operation), nullToEmpty(answer.text("resultComment")),
                nullToEmpty(answer.text("code")));
    }

    /**
     * {@code getResult}: whether the dump asked for with {@code code} is ready; when it is, the zip is
     * decoded into {@code archive}.
     */
    public ResultAnswer getResult(String code, Path archive) throws IOException, InterruptedException {
        String operation = "getResult";
        Files.deleteIfExists(archive);
        // base64 is 4/3 of the zip; the envelope and the other fields are small
        long maxAnswer = maxArchiveBytes / 3 * 4 + 64 * Sizes.KIB;
        SoapAnswer answer = call(operation, "<tns:getResult><code>" + escape(code) + "</code></tns:getResult>",
                maxAnswer, "registerZipArchive", archive);
        String resultCode = answer.required("resultCode", operation);
        int parsedCode;
        try {
            parsedCode = Integer.parseInt(resultCode);
        } catch (NumberFormatException e) {
            throw new OperatorServiceException(operation + ": resultCode is not a number: '" + SoapAnswer.clip(resultCode) + "'");
        }
        return new ResultAnswer(answer.requiredBoolean("result", operation), parsedCode,
                nullToEmpty(answer.text("resultComment")), answer.text("registerZipArchive") == null ? null : archive,
                nullToEmpty(answer.text("dumpFormatVersion")), nullToEmpty(answer.text("operatorName")),
                nullToEmpty(answer.text("inn")));
    }

    private SoapAnswer call(String operation, String body, long maxAnswerBytes, String streamedField, Path streamedTarget)
            throws IOException, InterruptedException {
        String envelope = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soap:Envelope xmlns:soap=\"" + SoapAnswer.SOAP_NS + "\" xmlns:tns=\"" + SoapAnswer.SERVICE_NS + "\">"
                + "<soap:Body>" + body + "</soap:Body></soap:Envelope>";
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(callTimeout)
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"" + ACTION_BASE + operation + "\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8))
                .build();
        Files.createDirectories(workDir);
        Path answerFile = workDir.resolve(operation + ".answer.xml");
        try {
            HttpResponse<Path> response = exchange(operation, request, answerFile, maxAnswerBytes);
            int status = response.statusCode();
            if (status != 200) {
                // SOAP 1.1 sends faults with status 500; anything else without a fault is an HTTP failure
                String fault = SoapAnswer.faultOrNull(answerFile, operation);
                if (fault != null) {
                    throw new OperatorServiceException(fault);
                }
                String moved = response.headers().firstValue("Location").map(l -> " (moved to " + SoapAnswer.clip(l)
                        + ": use --operator-url)").orElse("");
                throw new OperatorServiceException(operation + ": HTTP " + status + " from " + url + moved);
            }
            return SoapAnswer.read(answerFile, operation, streamedField, streamedTarget);
        } finally {
            Files.deleteIfExists(answerFile);
        }
    }

    private HttpResponse<Path> exchange(String operation, HttpRequest request, Path answerFile, long maxAnswerBytes)
            throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<Path>> exchange =
                client.sendAsync(request, BodyToFile.handler(answerFile, maxAnswerBytes, operation));
        try {
            return exchange.get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw noAnswer(operation);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof OperatorServiceException o) {
                throw new OperatorServiceException(o.getMessage(), o);
            }
            if (cause instanceof HttpConnectTimeoutException) {
                throw new OperatorServiceException(operation + ": cannot connect to " + url + " within "
                        + Durations.describe(callTimeout), cause);
            }
            if (cause instanceof HttpTimeoutException) {
                // the client's own timeout for the headers, racing the deadline above: the same event
                throw noAnswer(operation);
            }
            if (cause instanceof ConnectException) {
                throw new OperatorServiceException(operation + ": cannot connect to " + url + " (connection refused)", cause);
            }
            throw new OperatorServiceException(operation + ": " + url + ": " + describe(cause), cause);
        }
    }

    private OperatorServiceException noAnswer(String operation) {
        return new OperatorServiceException(operation + ": no complete answer from " + url + " within "
                + Durations.describe(callTimeout) + " (--call-timeout)");
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : SoapAnswer.clip(message);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
