package io.github.blockwatch.owners;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.InvalidAddressException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The JSON lists clouds publish: AWS {@code ip-ranges.json} and Google {@code cloud.json}/{@code goog.json}.
 * Both have {@code prefixes[]} with one prefix per element (IPv6 ones under their own key). AWS lists a
 * prefix once per service ({@code AMAZON} for all of Amazon, then {@code EC2}, {@code S3}, ...), so
 * equal prefixes are merged into one range naming the specific services.
 */
final class CloudJsonRanges {
    private static final String AWS_ALL_OF_AMAZON = "AMAZON";

    private CloudJsonRanges() {}

    static OwnerDataset read(String dataset, OwnerFormat format, JsonNode root) throws OwnerFormatException {
        JsonNode prefixes = root.get("prefixes");
        if (prefixes == null || !prefixes.isArray()) {
            throw new OwnerFormatException(dataset + ": no \"prefixes\" array");
        }
        String prefixKey = format == OwnerFormat.AWS_IP_RANGES ? "ip_prefix" : "ipv4Prefix";
        String ipv6Key = format == OwnerFormat.AWS_IP_RANGES ? "ipv6_prefix" : "ipv6Prefix";
        Map<String, Merged> byPrefix = new LinkedHashMap<>();
        List<OwnerDataset.Rejected> rejected = new ArrayList<>();
        int ipv6 = countArray(root.get("ipv6_prefixes"));
        for (int i = 0; i < prefixes.size(); i++) {
            JsonNode element = prefixes.get(i);
            if (element.hasNonNull(ipv6Key)) {
                ipv6++;
                continue;
            }
            String text = element.path(prefixKey).asText("");
            try {
                Cidr cidr = Ipv4Ranges.ipv4Block(text);
                if (cidr == null) {
                    ipv6++;
                    continue;
                }
                byPrefix.computeIfAbsent(cidr.toString(), k -> new Merged(cidr)).add(element);
            } catch (InvalidAddressException e) {
                rejected.add(new OwnerDataset.Rejected(i + 1, element.toString(), "prefix " + i + ": " + e.getMessage()));
            }
        }
        List<OwnerRange> ranges = new ArrayList<>(byPrefix.size());
        for (Merged merged : byPrefix.values()) {
            ranges.add(Ipv4Ranges.of(dataset, format, merged.cidr, merged.label(format)));
        }
        return new OwnerDataset(dataset, format, List.copyOf(ranges), List.copyOf(rejected), ipv6);
    }

    private static int countArray(JsonNode node) {
        return node != null && node.isArray() ? node.size() : 0;
    }

    /** The elements listing one prefix. */
    private static final class Merged {
        final Cidr cidr;
        String region;
        final TreeSet<String> services = new TreeSet<>();

        Merged(Cidr cidr) {
            this.cidr = cidr;
        }

        void add(JsonNode element) {
            String r = text(element, element.has("region") ? "region" : "scope");
            if (region == null) {
                region = r;
            }
            String service = text(element, "service");
            if (service != null) {
                services.add(service);
            }
        }

        OwnerLabel label(OwnerFormat format) {
            if (format == OwnerFormat.AWS_IP_RANGES) {
                TreeSet<String> specific = new TreeSet<>(services);
                specific.remove(AWS_ALL_OF_AMAZON);
                String service = specific.isEmpty() ? (services.isEmpty() ? null : AWS_ALL_OF_AMAZON)
                        : String.join("+", specific);
                return new OwnerLabel(OwnerNames.AMAZON, null, OwnerNames.AWS, region, service, true);
            }
            // cloud.json names the platform in "service"; goog.json (all of Google) has none.
            String cloud = services.isEmpty() ? null : String.join("+", services);
            return new OwnerLabel(OwnerNames.GOOGLE, null, cloud, region, null, cloud != null);
        }

        private static String text(JsonNode element, String field) {
            JsonNode value = element.get(field);
            return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText().strip();
        }
    }
}
