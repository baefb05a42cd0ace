package io.github.blockwatch.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Turns one dump.xml {@code <content>} element into an entry or a rejection. The element is always read
 * to its end, even when rejected, so the next one starts cleanly. Attributes and elements without a field
 * of their own are kept in {@link Entry#attributes()}, named as {@link EntryAttributes} says. An element
 * whose text and attributes pass {@code maxRowChars} is rejected like a dump.csv row that long; what it
 * holds beyond that is read and dropped, so one element never costs more memory than the limit.
 */
final class XmlContentParser {
    private static final Set<String> ADDRESS_ELEMENTS = Set.of("ip", "ipSubnet", "ipv6", "ipv6Subnet");
    private static final Set<String> CONTENT_FIELDS = Set.of("id", "includeTime", "entryType", "blockType");
    private static final Set<String> DECISION_FIELDS = Set.of("date", "number", "org");

    private final RepeatSuffixer keys = new RepeatSuffixer();
    private final int maxRowChars;
    private final String tooLong;
    /** Characters of the element being parsed so far. */
    private long chars;

    XmlContentParser(int maxRowChars) {
        this.maxRowChars = maxRowChars;
        this.tooLong = "content element longer than " + DumpLimits.human(maxRowChars).replace(" bytes", " characters");
    }

    /**
     * @param xml     positioned on the {@code content} start tag; left on its end tag
     * @param ordinal the element's 1-based position among the dump's content elements
     */
    ParsedRow parse(XMLStreamReader xml, long ordinal) throws XMLStreamException {
        chars = 0;
        count(xml);
        String id = attribute(xml, "id");
        String includeTime = attribute(xml, "includeTime");
        String entryType = attribute(xml, "entryType");
        String blockType = attribute(xml, "blockType");
        Map<String, String> attributes = new TreeMap<>();
        keepAttributes(xml, "", CONTENT_FIELDS, attributes);
        Decision decision = new Decision("", "", "");
        List<String> domains = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        RangeListBuilder ranges = new RangeListBuilder();
        // Rebuilt raw text for a rejection: the addresses are what goes wrong, so they are what is shown.
        StringBuilder raw = new StringBuilder(id == null ? "<content>" : "<content id=\"" + id + "\">");
        String problem = id == null ? "content element without id" : null;

        while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
            String name = xml.getLocalName();
            count(xml);
            if (chars > maxRowChars) {
                skipElement(xml); // over the limit: read on to the end, keep nothing more
            } else if (name.equals("decision")) {
                decision = new Decision(attribute(xml, "org"), attribute(xml, "number"), attribute(xml, "date"));
                keepAttributes(xml, "decision.", DECISION_FIELDS, attributes);
                skipElement(xml);
            } else if (name.equals("url")) {
                keepAttributes(xml, "url.", Set.of(), attributes);
                addText(urls, elementText(xml));
            } else if (name.equals("domain")) {
                keepAttributes(xml, "domain.", Set.of(), attributes);
                addText(domains, elementText(xml));
            } else if (ADDRESS_ELEMENTS.contains(name)) {
                keepAttributes(xml, name + ".", Set.of(), attributes);
                String address = elementText(xml).strip();
                if (raw.length() < DumpReader.MAX_RAW_CHARS) {
                    raw.append(' ').append(name).append('=').append(address);
                }
                if (chars <= maxRowChars) {
                    try {
                        ranges.add(address);
                    } catch (InvalidAddressException e) {
                        problem = problem == null ? e.getMessage() : problem;
                    }
                }
            } else {
                // An element a newer format version adds: kept as text, so it reaches the event.
                keepAttributes(xml, name + ".", Set.of(), attributes);
                keepText(attributes, name, ownText(xml));
            }
        }
        if (chars > maxRowChars) {
            return ParsedRow.Rejected.of(ordinal, raw.toString(), chars, tooLong);
        }
        if (problem != null) {
            return ParsedRow.Rejected.of(ordinal, raw.toString(), problem);
        }
        String key = keys.unique(EntryKeys.xml(id));
        Entry entry = new Entry(key, decision, ranges.build(), domains, urls, includeTime, entryType, blockType,
                ordinal, attributes);
        return new ParsedRow.Accepted(ordinal, entry);
    }

    /** Adds the current start tag's attribute values to the element's size. */
    private void count(XMLStreamReader xml) {
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            chars += xml.getAttributeValue(i).length();
        }
    }

    /**
     * The text of an element that holds only text, as {@link XMLStreamReader#getElementText()} gives it, but
     * counted against the element's size and no longer kept once it passes the limit (the parser does not
     * coalesce text, so a value split into many CDATA sections cannot grow past it either).
     */
    private String elementText(XMLStreamReader xml) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE,
                     XMLStreamConstants.ENTITY_REFERENCE -> {
                    chars += xml.getTextLength();
                    if (chars <= maxRowChars) {
                        text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    return text.toString();
                }
                case XMLStreamConstants.START_ELEMENT ->
                        throw new XMLStreamException("element <" + xml.getLocalName() + "> where only text was expected",
                                xml.getLocation());
                default -> {
                    // comments and processing instructions are not part of the text
                }
            }
        }
    }

    private static String attribute(XMLStreamReader xml, String name) {
        String value = xml.getAttributeValue(null, name);
        return value == null ? null : value.strip();
    }

    /**
     * The attributes of the current start tag but {@code fields}, as {@code prefix + name}. When an element
     * repeats, the greatest value wins: for the registry's ISO timestamps, the newest.
     */
    private static void keepAttributes(XMLStreamReader xml, String prefix, Set<String> fields, Map<String, String> into) {
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            String name = xml.getAttributeLocalName(i);
            if (fields.contains(name)) {
                continue;
            }
            String value = xml.getAttributeValue(i).strip();
            into.merge(prefix + name, value, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
    }

    private static void keepText(Map<String, String> into, String name, String text) {
        String value = text.strip();
        String joined = into.containsKey(name) ? into.get(name) + "|" + value : value;
        into.put(name, joined.length() <= EntryAttributes.MAX_VALUE_CHARS
                ? joined : joined.substring(0, EntryAttributes.MAX_VALUE_CHARS));
    }

    /** The element's own text (nested elements skipped); leaves the reader on its end tag. */
    private String ownText(XMLStreamReader xml) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                count(xml);
                skipElement(xml);
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                return text.toString();
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                chars += xml.getTextLength();
                if (text.length() <= EntryAttributes.MAX_VALUE_CHARS) {
                    text.append(xml.getText());
                }
            }
        }
    }

    private static void addText(List<String> into, String text) {
        String value = text.strip();
        if (!value.isEmpty()) {
            into.add(value);
        }
    }

    /** From a start tag to its matching end tag, whatever is inside. */
    static void skipElement(XMLStreamReader xml) throws XMLStreamException {
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
}
