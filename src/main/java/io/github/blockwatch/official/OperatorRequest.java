package io.github.blockwatch.official;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The operator's request file ({@code request.xml}), in the form every client read sends it:
 * <pre>{@code
 * <?xml version="1.0" encoding="windows-1251"?>
 * <request>
 * <requestTime>2012-01-01T01:01:01.000+04:00</requestTime>
 * <operatorName>…</operatorName>
 * <inn>…</inn>
 * <ogrn>…</ogrn>
 * <email>…</email>
 * </request>
 * }</pre>
 * It comes from {@code --operator-request FILE}, which is either such an XML file (a template: its
 * {@code requestTime} is replaced on each fresh request, as the C client zapret-checker does and the Perl
 * client max197616/zapret does with {@code {{TIME}}}) or a properties file (UTF-8) with the keys
 * {@code operatorName}, {@code inn}, {@code ogrn} and {@code email}, from which the XML is written, as the
 * Python client blacklist-rkn-tool and the Java client VGalkov/dpi write it from their configuration.
 */
public final class OperatorRequest {
    /** The request time as the clients write it: milliseconds and an offset with a colon. */
    static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    static final Charset WINDOWS_1251 = Charset.forName("windows-1251");
    private static final Pattern REQUEST_TIME_ELEMENT = Pattern.compile("(<requestTime>)([^<]*)(</requestTime>)");
    private static final Pattern DECLARED_ENCODING = Pattern.compile("^\\s*<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");
    private static final String[] FIELDS = {"requestTime", "operatorName", "inn", "ogrn", "email"};

    private final Path source;
    private final byte[] bytes;
    private final Map<String, String> fields;
    private final String template;
    private final Charset charset;

    private OperatorRequest(Path source, byte[] bytes, Map<String, String> fields, String template, Charset charset) {
        this.source = source;
        this.bytes = bytes;
        this.fields = fields;
        this.template = template;
        this.charset = charset;
    }

    /**
     * Reads {@code --operator-request FILE}: a request XML (first non-blank character {@code <}) or a
     * properties file. Either must name the operator fully; a one-line error says what is missing.
     */
    public static OperatorRequest load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new OperatorServiceException(file + ": no such file (--operator-request)");
        }
        byte[] bytes = Files.readAllBytes(file);
        String start = new String(bytes, 0, Math.min(bytes.length, 512), StandardCharsets.ISO_8859_1).stripLeading();
        return start.startsWith("<") || start.startsWith("\uFEFF") ? fromXml(file, bytes) : fromProperties(file, bytes);
    }

    /** The file as given, byte for byte: what a pre-signed {@code --signature} signs. */
    public byte[] asGiven() {
        return bytes.clone();
    }

    /** A fresh request for signing: the same operator, {@code requestTime} set to {@code time}. */
    public byte[] at(ZonedDateTime time) throws IOException {
        Matcher matcher = REQUEST_TIME_ELEMENT.matcher(template);
        if (!matcher.find()) {
            throw new OperatorServiceException(source + ": cannot set the request time: no <requestTime>…</requestTime> "
                    + "(without attributes) in the file");
        }
        String xml = matcher.replaceFirst(Matcher.quoteReplacement("<requestTime>" + REQUEST_TIME.format(time) + "</requestTime>"));
        return encode(xml, charset, source);
    }

    /** The request's fields as read ({@code requestTime}, {@code operatorName}, {@code inn}, {@code ogrn}, {@code email}). */
    public Map<String, String> fields() {
        return fields;
    }

    public Path source() {
        return source;
    }

    private static OperatorRequest fromProperties(Path file, byte[] bytes) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new StringReader(new String(bytes, StandardCharsets.UTF_8))) {
            properties.load(reader);
        } catch (IllegalArgumentException e) {
            throw new OperatorServiceException(file + ": not a properties file (" + e.getMessage() + ")");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("requestTime", "");
        for (String key : Arrays.copyOfRange(FIELDS, 1, FIELDS.length)) {
            String value = properties.getProperty(key, "").strip();
            if (value.isEmpty()) {
                throw new OperatorServiceException(file + ": no " + key + " (a request needs operatorName, inn, ogrn and email)");
            }
            fields.put(key, value);
        }
        validate(file, fields);
        String template = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<request>\n"
                + "<requestTime></requestTime>\n"
                + "<operatorName>" + OperatorService.escape(fields.get("operatorName")) + "</operatorName>\n"
                + "<inn>" + fields.get("inn") + "</inn>\n"
                + "<ogrn>" + fields.get("ogrn") + "</ogrn>\n"
                + "<email>" + OperatorService.escape(fields.get("email")) + "</email>\n"
                + "</request>\n";
        encode(template, WINDOWS_1251, file);
        return new OperatorRequest(file, bytes, fields, template, WINDOWS_1251);
    }

    private static OperatorRequest fromXml(Path file, byte[] bytes) throws IOException {
        Map<String, String> fields = readXml(file, bytes);
        for (String key : FIELDS) {
            if (!fields.containsKey(key)) {
                throw new OperatorServiceException(file + ": the request has no <" + key + "> (it needs requestTime, "
                        + "operatorName, inn, ogrn and email)");
            }
        }
        validate(file, fields);
        Charset charset = declaredCharset(file, bytes);
        String template = new String(bytes, charset);
        return new OperatorRequest(file, bytes, fields, template, charset);
    }

    private static Map<String, String> readXml(Path file, byte[] bytes) throws IOException {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            XMLStreamReader xml = factory.createXMLStreamReader(new ByteArrayInputStream(bytes));
            int depth = 0;
            String field = null;
            StringBuilder text = new StringBuilder();
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new OperatorServiceException(file + ": the request has a DOCTYPE; refused");
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    if (depth == 1 && !xml.getLocalName().equals("request")) {
                        throw new OperatorServiceException(file + ": not a request: root element is <" + xml.getLocalName()
                                + ">, expected <request>");
                    }
                    if (depth == 2) {
                        field = xml.getLocalName();
                        text.setLength(0);
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (depth == 2 && field != null) {
                        fields.put(field, text.toString().strip());
                        field = null;
                    }
                    depth--;
                } else if (field != null && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)) {
                    text.append(xml.getText());
                }
            }
            xml.close();
        } catch (XMLStreamException e) {
            throw new OperatorServiceException(file + ": not a well-formed request XML (" + SoapAnswer.clip(e.getMessage()) + ")");
        }
        return fields;
    }

    /** INN 10 digits (a company) or 12 (a sole trader); OGRN 13 or OGRNIP 15; an e-mail address. */
    private static void validate(Path file, Map<String, String> fields) throws OperatorServiceException {
        if (!fields.get("inn").matches("\\d{10}|\\d{12}")) {
            throw new OperatorServiceException(file + ": inn must be 10 or 12 digits, not '" + SoapAnswer.clip(fields.get("inn")) + "'");
        }
        if (!fields.get("ogrn").matches("\\d{13}|\\d{15}")) {
            throw new OperatorServiceException(file + ": ogrn must be 13 or 15 digits, not '" + SoapAnswer.clip(fields.get("ogrn")) + "'");
        }
        if (!fields.get("email").matches("[^@\\s]+@[^@\\s]+")) {
            throw new OperatorServiceException(file + ": email is not an address: '" + SoapAnswer.clip(fields.get("email")) + "'");
        }
        if (fields.get("operatorName").isBlank()) {
            throw new OperatorServiceException(file + ": operatorName is empty");
        }
    }

    private static Charset declaredCharset(Path file, byte[] bytes) throws OperatorServiceException {
        String head = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.ISO_8859_1);
        Matcher matcher = DECLARED_ENCODING.matcher(head);
        if (!matcher.find()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(matcher.group(1));
        } catch (IllegalArgumentException e) {
            throw new OperatorServiceException(file + ": unknown encoding '" + matcher.group(1) + "'");
        }
    }

    private static byte[] encode(String xml, Charset charset, Path file) throws OperatorServiceException {
        CharsetEncoder encoder = charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer encoded = encoder.encode(CharBuffer.wrap(xml));
            byte[] out = new byte[encoded.remaining()];
            encoded.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new OperatorServiceException(file + ": the request has characters " + charset.name() + " cannot hold");
        }
    }
}
