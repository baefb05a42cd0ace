package io.github.blockwatch.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Turns one dump.xml {@code <content>} element into an entry or a rejection. The element is always read
 * to its end, even when rejected, so the next one starts cleanly.
 */
final class XmlContentParser {
    private static final Set<String> ADDRESS_ELEMENTS = Set.of("ip", "ipSubnet", "ipv6", "ipv6Subnet");

    private final RepeatSuffixer keys = new RepeatSuffixer();

    /**
     * @param xml     positioned on the {@code content} start tag; left on its end tag
     * @param ordinal the element's 1-based position among the dump's content elements
     */
    ParsedRow parse(XMLStreamReader xml, long ordinal) throws XMLStreamException {
        String id = attribute(xml, "id");
        String includeTime = attribute(xml, "includeTime");
        String entryType = attribute(xml, "entryType");
        String blockType = attribute(xml, "blockType");
        Decision decision = new Decision("", "", "");
        List<String> domains = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        RangeListBuilder ranges = new RangeListBuilder();
        // Rebuilt raw text for a rejection: the addresses are what goes wrong, so they are what is shown.
        StringBuilder raw = new StringBuilder(id == null ? "<content>" : "<content id=\"" + id + "\">");
        String problem = id == null ? "content element without id" : null;

        while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
            String name = xml.getLocalName();
            if (name.equals("decision")) {
                decision = new Decision(attribute(xml, "org"), attribute(xml, "number"), attribute(xml, "date"));
                skipElement(xml);
            } else if (name.equals("url")) {
                addText(urls, xml.getElementText());
            } else if (name.equals("domain")) {
                addText(domains, xml.getElementText());
            } else if (ADDRESS_ELEMENTS.contains(name)) {
                String address = xml.getElementText().strip();
                raw.append(' ').append(name).append('=').append(address);
                try {
                    ranges.add(address);
                } catch (InvalidAddressException e) {
                    problem = problem == null ? e.getMessage() : problem;
                }
            } else {
                skipElement(xml); // newer format versions add elements this reader has no use for
            }
        }
        if (problem != null) {
            return ParsedRow.Rejected.of(ordinal, raw.toString(), problem);
        }
        String key = keys.unique(EntryKeys.xml(id));
        Entry entry = new Entry(key, decision, ranges.build(), domains, urls, includeTime, entryType, blockType, ordinal);
        return new ParsedRow.Accepted(ordinal, entry);
    }

    private static String attribute(XMLStreamReader xml, String name) {
        String value = xml.getAttributeValue(null, name);
        return value == null ? null : value.strip();
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
