package io.github.blockwatch.official;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one SOAP 1.1 answer of the service from a file: the envelope, then either a {@code Fault} or the
 * operation's {@code <tns:xxxResponse>} whose child elements are the answer's fields. Namespace-aware
 * StAX with DTDs and external entities off (a DOCTYPE is refused: the answer comes from outside). The
 * fields are unqualified in the real service's answers (ns1-prefixed wrapper, plain children); children
 * in the service namespace are read the same way. One field may be large — the base64 zip in
 * {@code registerZipArchive} — and is streamed to a file, never held in memory; every other field is
 * capped at {@link #MAX_FIELD_CHARS}.
 */
final class SoapAnswer {
    static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SERVICE_NS = "http://vigruzki.rkn.gov.ru/OperatorRequest/";
    static final int MAX_FIELD_CHARS = 64 * 1024;

    private final Map<String, String> fields;

    private SoapAnswer(Map<String, String> fields) {
        this.fields = fields;
    }

    /**
     * @param operation     the operation answered ({@code getResult}), named in messages
     * @param streamedField the field to decode from base64 into {@code streamedTarget} (or null for none)
     * @throws OperatorServiceException a SOAP fault, a body that is not XML or not the expected answer
     */
    static SoapAnswer read(Path body, String operation, String streamedField, Path streamedTarget) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(body))) {
            XMLStreamReader xml = factory().createXMLStreamReader(in);
            try {
                return new SoapAnswer(parse(xml, operation, streamedField, streamedTarget));
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            throw new OperatorServiceException(operation + ": the answer is not XML (" + oneLine(e.getMessage())
                    + "); it starts with " + preview(body));
        }
    }

    /** Whether the file holds a SOAP fault; for error statuses, whose bodies are faults or anything at all. */
    static String faultOrNull(Path body, String operation) {
        try {
            read(body, operation, null, null);
            return null;
        } catch (IOException e) {
            return e.getMessage() != null && e.getMessage().startsWith(operation + ": SOAP fault") ? e.getMessage() : null;
        }
    }

    String text(String field) {
        return fields.get(field);
    }

    String required(String field, String operation) throws OperatorServiceException {
        String value = fields.get(field);
        if (value == null || value.isEmpty()) {
            throw new OperatorServiceException(operation + ": the answer has no " + field);
        }
        return value;
    }

    long requiredLong(String field, String operation) throws OperatorServiceException {
        String value = required(field, operation);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new OperatorServiceException(operation + ": " + field + " is not a number: '" + clip(value) + "'");
        }
    }

    boolean requiredBoolean(String field, String operation) throws OperatorServiceException {
        String value = required(field, operation);
        // xsd:boolean: true, false, 1, 0
        return switch (value) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new OperatorServiceException(operation + ": " + field + " is not a boolean: '" + clip(value) + "'");
        };
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }

    private static Map<String, String> parse(XMLStreamReader xml, String operation, String streamedField,
                                             Path streamedTarget) throws XMLStreamException, IOException {
        startOf(xml, operation);
        expect(xml, SOAP_NS, "Envelope", operation);
        // Envelope: an optional Header, then Body
        nextElement(xml, operation);
        if (SOAP_NS.equals(xml.getNamespaceURI()) && xml.getLocalName().equals("Header")) {
            skipElement(xml);
            nextElement(xml, operation);
        }
        expect(xml, SOAP_NS, "Body", operation);
        nextElement(xml, operation);
        if (SOAP_NS.equals(xml.getNamespaceURI()) && xml.getLocalName().equals("Fault")) {
            Map<String, String> fault = children(xml, operation, null, null);
            throw new OperatorServiceException(operation + ": SOAP fault " + clip(fault.getOrDefault("faultcode", "(no faultcode)"))
                    + ": " + clip(fault.getOrDefault("faultstring", "(no faultstring)")));
        }
        expect(xml, SERVICE_NS, operation + "Response", operation);
        return children(xml, operation, streamedField, streamedTarget);
    }

    private static void startOf(XMLStreamReader xml, String operation) throws XMLStreamException, IOException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.DTD) {
                throw new OperatorServiceException(operation + ": the answer has a DOCTYPE; refused (DTDs and entities are disabled)");
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                return;
            }
        }
        throw new OperatorServiceException(operation + ": the answer is empty");
    }

    private static void nextElement(XMLStreamReader xml, String operation) throws XMLStreamException, IOException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                break;
            }
        }
        throw new OperatorServiceException(operation + ": the SOAP envelope is incomplete");
    }

    private static void expect(XMLStreamReader xml, String namespace, String localName, String operation) throws IOException {
        if (!namespace.equals(xml.getNamespaceURI()) || !localName.equals(xml.getLocalName())) {
            throw new OperatorServiceException(operation + ": expected <" + localName + "> in " + namespace + ", found <"
                    + xml.getLocalName() + ">" + (xml.getNamespaceURI() == null || xml.getNamespaceURI().isEmpty()
                    ? " without namespace" : " in " + clip(xml.getNamespaceURI())));
        }
    }

    /** Reads the simple child elements of the current element up to its end; leaves on its END_ELEMENT. */
    private static Map<String, String> children(XMLStreamReader xml, String operation, String streamedField,
                                                Path streamedTarget) throws XMLStreamException, IOException {
        Map<String, String> values = new HashMap<>();
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                return values;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String name = xml.getLocalName();
            if (name.equals(streamedField)) {
                decodeInto(xml, streamedTarget, operation);
                values.put(name, streamedTarget.toString());
            } else {
                values.put(name, text(xml, operation, name));
            }
        }
        throw new OperatorServiceException(operation + ": the SOAP envelope is incomplete");
    }

    private static String text(XMLStreamReader xml, String operation, String name) throws XMLStreamException, IOException {
        StringBuilder text = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                if (text.length() > MAX_FIELD_CHARS) {
                    throw new OperatorServiceException(operation + ": field " + name + " is longer than "
                            + MAX_FIELD_CHARS + " characters; refused");
                }
            }
        }
        return text.toString().strip();
    }

    /**
     * Copies the element's text (base64, possibly wrapped over lines) to a temporary file, then decodes it
     * into {@code target}: the archive is never in memory, whatever its size (the body's size was capped).
     */
    private static void decodeInto(XMLStreamReader xml, Path target, String operation) throws XMLStreamException, IOException {
        Path encoded = target.resolveSibling(target.getFileName() + ".b64");
        try {
            try (Writer out = new BufferedWriter(Files.newBufferedWriter(encoded, StandardCharsets.US_ASCII))) {
                int depth = 1;
                while (depth > 0) {
                    int event = xml.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        depth++;
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        depth--;
                    } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                        char[] chars = xml.getTextCharacters();
                        int end = xml.getTextStart() + xml.getTextLength();
                        for (int i = xml.getTextStart(); i < end; i++) {
                            char c = chars[i];
                            if (c > ' ') {
                                if (!isBase64(c)) {
                                    throw new OperatorServiceException(operation + ": registerZipArchive is not base64 (character '"
                                            + (c < 0x7f ? String.valueOf(c) : String.format(Locale.ROOT, "\\u%04x", (int) c)) + "')");
                                }
                                out.write(c);
                            }
                        }
                    }
                }
            }
            try (InputStream in = Base64.getDecoder().wrap(new BufferedInputStream(Files.newInputStream(encoded)));
                 OutputStream out = Files.newOutputStream(target)) {
                in.transferTo(out);
            } catch (IllegalArgumentException | IOException e) {
                Files.deleteIfExists(target);
                throw new OperatorServiceException(operation + ": registerZipArchive is not valid base64 (" + oneLine(e.getMessage()) + ")");
            }
        } finally {
            Files.deleteIfExists(encoded);
        }
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
    }

    private static void skipElement(XMLStreamReader xml) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** The first bytes of a body, printable, for "this is what came instead". */
    static String preview(Path body) {
        byte[] head = new byte[60];
        int n;
        try (InputStream in = Files.newInputStream(body)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return "(unreadable)";
        }
        if (n == 0) {
            return "(nothing: an empty body)";
        }
        String text = new String(head, 0, n, StandardCharsets.UTF_8);
        return "\"" + clip(text) + (n == head.length ? "…" : "") + "\"";
    }

    static String clip(String text) {
        String line = oneLine(text);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return out.toString().replaceAll(" {2,}", " ").strip();
    }
}
