package io.github.blockwatch.owners;

import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.InvalidAddressException;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text tables of what each AS announces: the iptoasn TSV ({@code range_start range_end AS_number country
 * AS_description}, any range, not only CIDR blocks) and the ipverse aggregated list (a {@code # AS16509
 * (AMAZON-02)} header, the organisation on the next comment line, then one prefix a line).
 */
final class AsnTables {
    private static final Pattern IPVERSE_HEADER = Pattern.compile("#\\s*AS(\\d+)\\s*(?:\\((.*)\\))?\\s*");

    private AsnTables() {}

    static OwnerDataset readIptoasn(String dataset, BufferedReader in, boolean hosting) throws IOException {
        Map<String, OwnerRange> ranges = new LinkedHashMap<>();
        List<OwnerDataset.Rejected> rejected = new ArrayList<>();
        int ipv6 = 0;
        long number = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 5) {
                rejected.add(new OwnerDataset.Rejected(number, line, "expected 5 tab-separated fields, found " + f.length));
                continue;
            }
            try {
                Cidr start = Cidr.parse(f[0]);
                Cidr end = Cidr.parse(f[1]);
                if (start.family() != io.github.blockwatch.registry.IpFamily.IPV4) {
                    ipv6++;
                    continue;
                }
                long asn = Long.parseLong(f[2].strip());
                if (asn == 0) {
                    rejected.add(new OwnerDataset.Rejected(number, line, "AS 0: not routed, no owner"));
                    continue;
                }
                long first = start.first().longValueExact();
                long last = end.first().longValueExact();
                String organisation = f[4].contains(" - ") ? f[4].substring(f[4].indexOf(" - ") + 3) : f[4];
                OwnerRange range = Ipv4Ranges.of(dataset, OwnerFormat.IPTOASN, first, last,
                        OwnerNames.ofAsn(asn, organisation, hosting));
                ranges.putIfAbsent(range.range(), range);
            } catch (InvalidAddressException | NumberFormatException e) {
                rejected.add(new OwnerDataset.Rejected(number, line, e.getMessage()));
            } catch (IllegalArgumentException e) {
                rejected.add(new OwnerDataset.Rejected(number, line, "range start after its end"));
            }
        }
        return new OwnerDataset(dataset, OwnerFormat.IPTOASN, List.copyOf(ranges.values()), List.copyOf(rejected), ipv6);
    }

    static OwnerDataset readIpverse(String dataset, BufferedReader in, boolean hosting) throws IOException {
        String header = in.readLine();
        Matcher m = header == null ? null : IPVERSE_HEADER.matcher(header.strip());
        if (m == null || !m.matches()) {
            throw new OwnerFormatException(dataset + ": line 1 is not an ipverse header like '# AS16509 (AMAZON-02)'");
        }
        long asn = Long.parseLong(m.group(1));
        String organisation = m.group(2) == null ? "AS" + asn : m.group(2);
        Map<String, OwnerRange> ranges = new LinkedHashMap<>();
        List<OwnerDataset.Rejected> rejected = new ArrayList<>();
        int ipv6 = 0;
        long number = 1;
        boolean inHeader = true;
        OwnerLabel label = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            number++;
            String text = line.strip();
            if (text.startsWith("#")) {
                String comment = text.substring(1).strip();
                if (inHeader && !comment.isEmpty()) {
                    organisation = comment; // "# Amazon.com, Inc." names the organisation
                }
                continue;
            }
            inHeader = false;
            if (text.isEmpty()) {
                continue;
            }
            if (label == null) {
                label = OwnerNames.ofAsn(asn, organisation, hosting);
            }
            try {
                Cidr cidr = Ipv4Ranges.ipv4Block(text);
                if (cidr == null) {
                    ipv6++;
                    continue;
                }
                OwnerRange range = Ipv4Ranges.of(dataset, OwnerFormat.IPVERSE, cidr, label);
                ranges.putIfAbsent(range.range(), range);
            } catch (InvalidAddressException e) {
                rejected.add(new OwnerDataset.Rejected(number, line, e.getMessage()));
            }
        }
        return new OwnerDataset(dataset, OwnerFormat.IPVERSE, List.copyOf(ranges.values()), List.copyOf(rejected), ipv6);
    }
}
