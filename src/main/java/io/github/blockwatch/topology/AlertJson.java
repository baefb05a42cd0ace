package io.github.blockwatch.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.avro.RangeAlert;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of an alert on {@code blockwatch.alerts.json}: one object per line, field names as in
 * the Avro schema, times as ISO-8601 UTC, counts as JSON integers. Written with Jackson (already on the
 * class path through Avro) rather than Avro's JSON encoding, whose union wrappers scripts trip over.
 */
public final class AlertJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertJson() {}

    public static String toJson(RangeAlert alert) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", alert.getId());
        json.put("type", alert.getType().name());
        json.put("severity", alert.getSeverity().name());
        json.put("ranges", alert.getRanges());
        json.put("family", alert.getFamily());
        json.put("addressCount", alert.getAddressCount().toBigInteger());
        json.put("newlyBlocked", alert.getNewlyBlocked().toBigInteger());
        json.put("totalBlockedIpv4", alert.getTotalBlockedIpv4());
        json.put("registryTime", alert.getRegistryTime().toString());
        json.put("windowStart", alert.getWindowStart() == null ? null : alert.getWindowStart().toString());
        json.put("dump", dump(alert.getDump()));
        json.put("decisions", decisions(alert.getDecisions()));
        json.put("summary", alert.getSummary());
        // Rule facts (feed health: previous dump, gap, row counts, formats), keys in a stable order.
        json.put("details", new java.util.TreeMap<>(alert.getDetails()));
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert " + alert.getId() + " cannot be written as JSON", e);
        }
    }

    private static Map<String, Object> dump(DumpRef dump) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", dump.getId());
        json.put("source", dump.getSource());
        json.put("format", dump.getFormat());
        json.put("registryTime", dump.getRegistryTime().toString());
        return json;
    }

    private static List<Map<String, String>> decisions(List<Decision> decisions) {
        return decisions.stream()
                .map(d -> Map.of("org", d.getOrg(), "number", d.getNumber(), "date", d.getDate()))
                .toList();
    }
}
