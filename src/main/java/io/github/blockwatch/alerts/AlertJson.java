package io.github.blockwatch.alerts;

import io.github.blockwatch.registry.SourceNames;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.avro.OwnerShare;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.owners.OwnerLabel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one JSON form of an alert, the same on {@code blockwatch.alerts.json}, {@code /api/alerts}, the SSE
 * feed, {@code blockwatch alerts --format json} and the notifier's webhook body. Published as the JSON
 * Schema {@code schemas/alert.schema.json}.
 *
 * <p>Field names as in the Avro schema; times ISO-8601 UTC; counts per {@link JsonCounts} (numbers up to
 * 2^53, decimal strings beyond); {@code dump} as an object (id, source, sourceName, format, registryTime), since a
 * reader of one alert should not need a second lookup to say which file raised it; {@code owners} with each
 * owner's display {@code name}; {@code details} sorted by key. Written with Jackson (already on the class
 * path through Avro) rather than Avro's JSON encoding, whose union wrappers scripts trip over.
 */
public final class AlertJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertJson() {}

    /** The alert as one line of JSON. */
    public static String toJson(RangeAlert alert) {
        try {
            return MAPPER.writeValueAsString(toMap(alert));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert " + alert.getId() + " cannot be written as JSON", e);
        }
    }

    /** The alert as an ordered map, for embedding in a larger JSON document (an API page). */
    public static Map<String, Object> toMap(RangeAlert alert) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", alert.getId());
        json.put("type", alert.getType().name());
        json.put("severity", alert.getSeverity().name());
        json.put("ranges", alert.getRanges());
        json.put("family", alert.getFamily());
        json.put("addressCount", JsonCounts.of(alert.getAddressCount()));
        json.put("newlyBlocked", JsonCounts.of(alert.getNewlyBlocked()));
        json.put("totalBlockedIpv4", alert.getTotalBlockedIpv4());
        json.put("registryTime", alert.getRegistryTime().toString());
        json.put("windowStart", alert.getWindowStart() == null ? null : alert.getWindowStart().toString());
        json.put("dump", dump(alert.getDump()));
        json.put("decisions", alert.getDecisions().stream().map(AlertJson::decision).toList());
        json.put("summary", alert.getSummary());
        json.put("details", new TreeMap<>(alert.getDetails()));
        json.put("owners", alert.getOwners().stream().map(AlertJson::ownerShare).toList());
        return json;
    }

    public static Map<String, Object> dump(DumpRef dump) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", dump.getId());
        json.put("source", dump.getSource());
        json.put("sourceName", SourceNames.orDefault(dump.getSourceName()));
        json.put("format", dump.getFormat());
        json.put("registryTime", dump.getRegistryTime().toString());
        return json;
    }

    public static Map<String, Object> decision(Decision d) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("org", d.getOrg());
        json.put("number", d.getNumber());
        json.put("date", d.getDate());
        return json;
    }

    /** An owner share (of an alert, a range, a stats point) with its exact address count. */
    public static Map<String, Object> ownerShare(OwnerShare share) {
        Map<String, Object> json = ownerLabel(ShareLabels.of(share));
        json.put("addresses", JsonCounts.of(share.getAddresses()));
        return json;
    }

    /** Who holds addresses: owner, display name, ASN, cloud, region, service; {@code label} null for unattributed. */
    public static Map<String, Object> ownerLabel(OwnerLabel label) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("owner", label == null ? ShareLabels.UNATTRIBUTED : label.owner());
        json.put("name", label == null ? ShareLabels.UNATTRIBUTED : label.text());
        json.put("asn", label == null ? null : label.asn());
        json.put("cloud", label == null ? null : label.cloud());
        json.put("region", label == null ? null : label.region());
        json.put("service", label == null ? null : label.service());
        return json;
    }
}
