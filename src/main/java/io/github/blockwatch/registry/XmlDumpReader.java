package io.github.blockwatch.registry;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the official {@code dump.xml}: {@code <reg:register updateTime=...>} holding one
 * {@code <content id includeTime entryType blockType hash>} per entry, with {@code <decision>},
 * {@code <url>}, {@code <domain>}, {@code <ip>}, {@code <ipSubnet>}, {@code <ipv6>}, {@code <ipv6Subnet>}.
 * Format 2.4's {@code urgencyType}, {@code hash} and {@code ts}, and whatever a later version adds, are kept
 * in {@link Entry#attributes()} (see {@link EntryAttributes}).
 *
 * <p>Streams with StAX: the real file is one line of tens of megabytes. DTDs and external entities are
 * off and a document with a DOCTYPE is refused outright, because the dump comes from outside and an
 * entity could read local files (XXE). The XML declaration's encoding (windows-1251) drives decoding.
 * A row's line number is the ordinal of its content element.
 *
 * <p>The parser is Woodstox rather than the JDK's: a parser holds an attribute value or a text node whole
 * before handing it over, and the JDK's has no limit on their length (a 100 MB attribute was held in
 * memory, then failed the whole publish), while Woodstox refuses one longer than a set limit as it reads.
 * Text is not coalesced, so a value split into CDATA sections is counted piece by piece against the
 * content element's own limit ({@link XmlContentParser}).
 */
public final class XmlDumpReader extends InputBackedReader {
    /** How Woodstox words a value over {@code P_MAX_ATTRIBUTE_SIZE} or {@code P_MAX_TEXT_LENGTH}. */
    private static final Pattern FIELD_LIMIT = Pattern.compile("(Maximum attribute size|Text size) limit \\(\\d+\\) exceeded");
    private final XMLStreamReader xml;
    private final DumpHeader header;
    private final XmlContentParser contents;
    private final DumpLimits limits;
    private long ordinal;
    private boolean done;
    private String formatVersion;

    XmlDumpReader(DumpInput input) throws IOException {
        this(input, DumpLimits.DEFAULT);
    }

    XmlDumpReader(DumpInput input, DumpLimits limits) throws IOException {
        super(input);
        this.limits = limits;
        this.contents = new XmlContentParser(limits.maxRowChars());
        try {
            this.xml = factory(limits).createXMLStreamReader(unclosable(input.stream()));
            this.header = new DumpHeader(input.source(), DumpFormat.XML, readRoot());
        } catch (XMLStreamException e) {
            throw failure(e);
        }
    }

    private static XMLInputFactory factory(DumpLimits limits) {
        // Woodstox itself, not whatever StAX implementation the classpath's service files name first.
        XMLInputFactory factory = new WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, limits.maxFieldChars());
        factory.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, limits.maxFieldChars());
        return factory;
    }

    /**
     * The JDK parser closes its stream at the end of the document, but whatever follows the root still
     * has to be read for the digest; the stream is closed by {@link #close()} instead.
     */
    private static InputStream unclosable(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {}
        };
    }

    private Instant readRoot() throws XMLStreamException, IOException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.DTD) {
                throw new IOException(input.source() + ": dump.xml has a DOCTYPE; refused (DTDs and entities are disabled)");
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (!xml.getLocalName().equals("register")) {
                    throw new IOException(input.source() + ": not a registry dump.xml: root element is <"
                            + xml.getLocalName() + ">, expected <reg:register>");
                }
                formatVersion = xml.getAttributeValue(null, "formatVersion");
                return updateTime(xml.getAttributeValue(null, "updateTime"));
            }
        }
        throw new IOException(input.source() + ": dump.xml has no root element");
    }

    private Instant updateTime(String value) throws IOException {
        if (value == null) {
            throw new IOException(input.source() + ": dump.xml root has no updateTime");
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IOException(input.source() + ": unreadable updateTime '" + value + "'", e);
        }
    }

    @Override
    public DumpHeader header() {
        return header;
    }

    /** The root's formatVersion and the XML declaration's encoding (UTF-8, XML's default, when it names none). */
    @Override
    public DumpLayout layout() {
        String declared = xml.getCharacterEncodingScheme();
        return new DumpLayout(formatVersion, declared == null ? "UTF-8" : declared, null);
    }

    @Override
    public ParsedRow next() throws IOException {
        if (done) {
            return null;
        }
        try {
            // Children of the root: content elements, and whatever else a format version adds.
            while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
                if (xml.getLocalName().equals("content")) {
                    return contents.parse(xml, ++ordinal);
                }
                XmlContentParser.skipElement(xml);
            }
            // The root's end tag; reading on checks that nothing but whitespace and comments follows.
            while (xml.hasNext()) {
                xml.next();
            }
        } catch (XMLStreamException e) {
            throw failure(e);
        }
        done = true;
        input.finish();
        return null;
    }

    /** A dump.xml row is numbered by its content element, not by a line of some part. */
    @Override
    public RowPlace place(long line) {
        return new RowPlace(header.source(), line);
    }

    /** A one-line message naming the file and the place, instead of the parser's two-line one. */
    private IOException failure(XMLStreamException e) {
        if (e.getNestedException() instanceof IOException io && io.getMessage() != null
                && io.getMessage().startsWith(input.source() + ":")) {
            return io; // a read error, already named (a truncated gzip stream, a dump over its size limit)
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        int located = message.indexOf("\n at [row,col");
        String reason = (located >= 0 ? message.substring(0, located) : message).replaceAll("\\s+", " ").strip();
        Location location = e.getLocation() != null ? e.getLocation() : xml == null ? null : xml.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
        if (FIELD_LIMIT.matcher(reason).matches()) {
            String what = reason.startsWith("Text") ? "a text" : "an attribute value";
            return new DumpLimitException(input.source() + ": dump.xml has " + what + " longer than "
                    + DumpLimits.human(limits.maxFieldChars()).replace(" bytes", " characters") + where
                    + ", the limit on one value; refused", DumpLimitException.Limit.FIELD_SIZE);
        }
        return new IOException(input.source() + ": malformed dump.xml" + where + ": " + reason, e);
    }

    @Override
    public void close() throws IOException {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            // Closing frees the parser only; the stream is closed below either way.
        }
        super.close();
    }
}
