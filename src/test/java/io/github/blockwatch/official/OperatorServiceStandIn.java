package io.github.blockwatch.official;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A local stand-in for the operators' download service, following its WSDL
 * ({@code src/test/resources/official/OperatorRequest.wsdl}) exactly: SOAP 1.1 over HTTP at
 * {@code /services/OperatorRequest/}, the WSDL itself at {@code ?wsdl}, each request checked against the
 * binding (POST, {@code text/xml}, the operation's SOAPAction, a SOAP 1.1 envelope whose body holds the
 * operation in the service namespace with unqualified parts, the parts the schema requires) and answered
 * the way the real service answers (captured answers in matrizaev/zapret-checker): {@code SOAP-ENV} and
 * {@code ns1} prefixes, unqualified fields, faults with status 500. A request that breaks the contract is
 * answered with a {@code SOAP-ENV:Client} fault and recorded in {@link #violations()}, so a test can
 * assert the client never sent one.
 *
 * <p>What it answers is scripted per operation ({@link #script}); unscripted calls get the defaults: the
 * configured dates, acceptance with a fresh code, and the configured archive after the configured number
 * of "not ready" answers. It also checks what a signed request must hold: a well-formed {@code <request>}
 * with all five fields and a non-empty DER signature.
 */
public final class OperatorServiceStandIn implements AutoCloseable {
    public static final String PATH = "/services/OperatorRequest/";
    private static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String SERVICE_NS = "http://vigruzki.rkn.gov.ru/OperatorRequest/";
    private static final String ACTION_BASE = "http://vigruzki.rkn.gov.ru/services/OperatorRequest/";
    private static final List<String> OPERATIONS = List.of("getLastDumpDate", "getLastDumpDateEx", "sendRequest", "getResult",
            "getResultSocResources");

    /** One scripted answer. */
    public interface Reply {
        void send(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Deque<Reply>> scripts = new HashMap<>();
    private final Map<String, AtomicInteger> calls = new HashMap<>();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final List<byte[]> requestFiles = Collections.synchronizedList(new ArrayList<>());
    private final List<byte[]> signatureFiles = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger codes = new AtomicInteger();
    private volatile Instant lastDumpDate = Instant.parse("2014-11-10T19:05:00Z");
    private volatile Instant lastDumpDateUrgently = Instant.parse("2014-11-10T15:09:31Z");
    private volatile byte[] archive;
    private volatile int notReadyBeforeArchive;
    private final Map<String, AtomicInteger> notReadyByCode = new HashMap<>();

    private OperatorServiceStandIn(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        OPERATIONS.forEach(op -> calls.put(op, new AtomicInteger()));
    }

    public static OperatorServiceStandIn start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // Hanging answers must not block the others: a thread per exchange.
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "operator-service-stand-in");
            t.setDaemon(true);
            return t;
        });
        OperatorServiceStandIn standIn = new OperatorServiceStandIn(server, executor);
        server.createContext(PATH, standIn::handle);
        server.setExecutor(executor);
        server.start();
        return standIn;
    }

    public URI url() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + PATH);
    }

    /** What getLastDumpDateEx announces. */
    public OperatorServiceStandIn dates(Instant lastDumpDate, Instant lastDumpDateUrgently) {
        this.lastDumpDate = lastDumpDate;
        this.lastDumpDateUrgently = lastDumpDateUrgently;
        return this;
    }

    /** What getResult sends for each code by default: {@code notReady} "not ready" answers, then this zip. */
    public OperatorServiceStandIn archive(byte[] zip, int notReady) {
        this.archive = zip;
        this.notReadyBeforeArchive = notReady;
        return this;
    }

    /** The next answers to {@code operation}, in order, before the defaults apply again. */
    public OperatorServiceStandIn script(String operation, Reply... replies) {
        synchronized (scripts) {
            scripts.computeIfAbsent(operation, op -> new ArrayDeque<>()).addAll(List.of(replies));
        }
        return this;
    }

    public int calls(String operation) {
        return calls.get(operation).get();
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** The request files received with sendRequest, decoded, in order. */
    public List<byte[]> requestFiles() {
        return List.copyOf(requestFiles);
    }

    public List<byte[]> signatureFiles() {
        return List.copyOf(signatureFiles);
    }

    // ---- replies ----

    /** A getResult answer that is final and without a dump. */
    public static Reply resultError(int resultCode, String comment) {
        return ok("getResult", field("result", "false") + field("resultComment", comment) + field("resultCode", String.valueOf(resultCode)));
    }

    public static Reply resultNotReady() {
        return ok("getResult", field("result", "false") + field("resultComment", "Запрос обрабатывается") + field("resultCode", "0"));
    }

    public static Reply resultReady(byte[] zip) {
        return ok("getResult", readyFields(zip));
    }

    public static Reply requestRefused(String comment) {
        return ok("sendRequest", field("result", "false") + field("resultComment", comment));
    }

    public static Reply fault(String faultString) {
        return exchange -> send(exchange, 500, "text/xml; charset=utf-8", envelope("<SOAP-ENV:Fault><faultcode>SOAP-ENV:Server</faultcode>"
                + "<faultstring>" + escape(faultString) + "</faultstring></SOAP-ENV:Fault>"));
    }

    /** Any body with any status: an HTML error page, a proxy's answer, garbage. */
    public static Reply raw(int status, String contentType, byte[] body) {
        return exchange -> send(exchange, status, contentType, body);
    }

    /** Accepts the call and never answers (until the stand-in is closed). */
    public static Reply hang() {
        return exchange -> {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                exchange.close();
            }
        };
    }

    /** A well-formed getResult answer whose archive field goes on for {@code bytes} bytes. */
    public static Reply huge(long bytes) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><SOAP-ENV:Envelope xmlns:SOAP-ENV=\"" + SOAP_NS
                        + "\" xmlns:ns1=\"" + SERVICE_NS + "\"><SOAP-ENV:Body><ns1:getResultResponse><result>true</result>"
                        + "<registerZipArchive>").getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\n".repeat(256).getBytes(StandardCharsets.US_ASCII);
                for (long sent = 0; sent < bytes; sent += chunk.length) {
                    out.write(chunk);
                }
                out.write("</registerZipArchive><resultCode>1</resultCode></ns1:getResultResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>"
                        .getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // the client hung up, as it should
            }
        };
    }

    // ---- the service ----

    private void handle(HttpExchange exchange) throws IOException {
        try {
            if (exchange.getRequestMethod().equals("GET") && "wsdl".equals(exchange.getRequestURI().getQuery())) {
                try (InputStream wsdl = OperatorServiceStandIn.class.getResourceAsStream("/official/OperatorRequest.wsdl")) {
                    send(exchange, 200, "text/xml; charset=utf-8", wsdl.readAllBytes());
                }
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            String operation = checkRequest(exchange, body);
            if (operation == null) {
                return;
            }
            calls.get(operation).incrementAndGet();
            Reply scripted;
            synchronized (scripts) {
                Deque<Reply> script = scripts.get(operation);
                scripted = script == null ? null : script.poll();
            }
            if (scripted != null) {
                scripted.send(exchange);
                return;
            }
            defaultReply(operation, parts(body)).send(exchange);
        } finally {
            exchange.close();
        }
    }

    private Reply defaultReply(String operation, Map<String, String> parts) {
        return switch (operation) {
            case "getLastDumpDate" -> ok(operation, field("lastDumpDate", String.valueOf(lastDumpDate.toEpochMilli())));
            case "getLastDumpDateEx" -> ok(operation, field("lastDumpDate", String.valueOf(lastDumpDate.toEpochMilli()))
                    + field("lastDumpDateUrgently", String.valueOf(lastDumpDateUrgently.toEpochMilli()))
                    + field("webServiceVersion", "3") + field("dumpFormatVersion", "2.4") + field("docVersion", "4"));
            case "sendRequest" -> {
                checkSignedRequest(parts);
                yield ok(operation, field("result", "true") + field("resultComment", "Запрос принят")
                        + field("code", String.format("%032x", 0xb10c_0000L + codes.incrementAndGet())));
            }
            default -> {
                AtomicInteger count;
                synchronized (notReadyByCode) {
                    count = notReadyByCode.computeIfAbsent(parts.get("code"), c -> new AtomicInteger());
                }
                if (archive == null || count.getAndIncrement() < notReadyBeforeArchive) {
                    yield resultNotReady();
                }
                yield resultReady(archive);
            }
        };
    }

    /** Checks the request against the WSDL's binding; answers a Client fault and returns null when it breaks it. */
    private String checkRequest(HttpExchange exchange, byte[] body) throws IOException {
        String action = exchange.getRequestHeaders().getFirst("SOAPAction");
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String problem = null;
        String operation = null;
        if (!exchange.getRequestMethod().equals("POST")) {
            problem = "method " + exchange.getRequestMethod() + ", expected POST";
        } else if (contentType == null || !contentType.startsWith("text/xml")) {
            problem = "Content-Type " + contentType + ", expected text/xml (SOAP 1.1)";
        } else if (action == null || !action.startsWith("\"" + ACTION_BASE) || !action.endsWith("\"")) {
            problem = "SOAPAction " + action + ", expected \"" + ACTION_BASE + "<operation>\"";
        } else {
            operation = action.substring(ACTION_BASE.length() + 1, action.length() - 1);
            if (!OPERATIONS.contains(operation)) {
                problem = "no operation " + operation;
            } else {
                problem = checkEnvelope(body, operation);
            }
        }
        if (problem != null) {
            violations.add(problem);
            send(exchange, 500, "text/xml; charset=utf-8", envelope("<SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode>"
                    + "<faultstring>" + escape(problem) + "</faultstring></SOAP-ENV:Fault>"));
            return null;
        }
        return operation;
    }

    private static String checkEnvelope(byte[] body, String operation) {
        Document document;
        try {
            document = parse(body);
        } catch (Exception e) {
            return "not XML: " + e.getMessage();
        }
        Element envelope = document.getDocumentElement();
        if (!SOAP_NS.equals(envelope.getNamespaceURI()) || !envelope.getLocalName().equals("Envelope")) {
            return "root is not a SOAP 1.1 Envelope";
        }
        List<Element> inEnvelope = elements(envelope);
        Element bodyElement = inEnvelope.isEmpty() ? null : inEnvelope.get(inEnvelope.size() - 1);
        if (bodyElement == null || !SOAP_NS.equals(bodyElement.getNamespaceURI()) || !bodyElement.getLocalName().equals("Body")) {
            return "no SOAP Body";
        }
        List<Element> inBody = elements(bodyElement);
        if (inBody.size() != 1) {
            return "the Body holds " + inBody.size() + " elements, expected the operation";
        }
        Element call = inBody.get(0);
        if (!SERVICE_NS.equals(call.getNamespaceURI()) || !call.getLocalName().equals(operation)) {
            return "the Body holds {" + call.getNamespaceURI() + "}" + call.getLocalName() + ", expected {" + SERVICE_NS + "}" + operation;
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (Element part : elements(call)) {
            if (part.getNamespaceURI() != null) {
                return "part " + part.getLocalName() + " is qualified (" + part.getNamespaceURI() + "); the schema's parts are unqualified";
            }
            parts.put(part.getLocalName(), part.getTextContent());
        }
        List<String> allowed = switch (operation) {
            case "sendRequest" -> List.of("requestFile", "signatureFile", "emchdFile", "emchdFileName", "emchdSignatureFile", "dumpFormatVersion");
            case "getResult", "getResultSocResources" -> List.of("code");
            default -> List.of();
        };
        List<String> required = switch (operation) {
            case "sendRequest" -> List.of("requestFile", "signatureFile");
            case "getResult", "getResultSocResources" -> List.of("code");
            default -> List.of();
        };
        if (!allowed.containsAll(parts.keySet())) {
            return operation + " has parts " + parts.keySet() + "; the schema allows " + allowed;
        }
        if (!parts.keySet().containsAll(required)) {
            return operation + " lacks parts: has " + parts.keySet() + ", needs " + required;
        }
        List<String> order = new ArrayList<>(allowed);
        order.retainAll(parts.keySet());
        if (!order.equals(new ArrayList<>(parts.keySet()))) {
            return operation + " parts out of the schema's sequence: " + parts.keySet();
        }
        return null;
    }

    private void checkSignedRequest(Map<String, String> parts) {
        byte[] request;
        byte[] signature;
        try {
            request = Base64.getMimeDecoder().decode(parts.get("requestFile"));
            signature = Base64.getMimeDecoder().decode(parts.get("signatureFile"));
        } catch (IllegalArgumentException e) {
            violations.add("sendRequest: a part is not base64");
            return;
        }
        requestFiles.add(request);
        signatureFiles.add(signature);
        if (signature.length == 0 || signature[0] != 0x30) {
            violations.add("sendRequest: signatureFile is not a DER structure");
        }
        try {
            Element root = parse(request).getDocumentElement();
            List<String> names = elements(root).stream().map(Element::getLocalName).toList();
            if (!root.getLocalName().equals("request") || !names.containsAll(List.of("requestTime", "operatorName", "inn", "ogrn", "email"))) {
                violations.add("sendRequest: requestFile lacks fields: " + names);
            }
        } catch (Exception e) {
            violations.add("sendRequest: requestFile is not XML: " + e.getMessage());
        }
    }

    private static Map<String, String> parts(byte[] body) {
        Map<String, String> parts = new LinkedHashMap<>();
        try {
            Element envelope = parse(body).getDocumentElement();
            Element call = elements(elements(envelope).get(elements(envelope).size() - 1)).get(0);
            for (Element part : elements(call)) {
                parts.put(part.getLocalName(), part.getTextContent().strip());
            }
        } catch (Exception e) {
            // checked before: cannot happen for a request that got this far
        }
        return parts;
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static List<Element> elements(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                children.add(e);
            }
        }
        return children;
    }

    // ---- answers as the real service writes them ----

    static String readyFields(byte[] zip) {
        return field("result", "true") + field("resultComment", "Выгрузка готова")
                + "<registerZipArchive>" + Base64.getMimeEncoder().encodeToString(zip) + "</registerZipArchive>"
                + field("resultCode", "1") + field("dumpFormatVersion", "2.4") + field("operatorName", "ООО \"Тест\"")
                + field("inn", "7701234567");
    }

    static Reply ok(String operation, String fields) {
        return exchange -> send(exchange, 200, "text/xml; charset=utf-8",
                envelope("<ns1:" + operation + "Response>" + fields + "</ns1:" + operation + "Response>"));
    }

    static String field(String name, String value) {
        return "<" + name + ">" + escape(value) + "</" + name + ">";
    }

    private static byte[] envelope(String body) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"" + SOAP_NS + "\" xmlns:ns1=\""
                + SERVICE_NS + "\"><SOAP-ENV:Body>" + body + "</SOAP-ENV:Body></SOAP-ENV:Envelope>\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
