package io.github.blockwatch.topology;

import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.avro.RangeAlert;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feed-health alerts (FEED_STALLED, DUMP_SHRANK, FORMAT_CHANGED) are about a dump, not about addresses: their
 * range, count and decision fields are empty or zero, and they carry the dump's registry time. Public because
 * ingest raises DUMP_SHRANK and FORMAT_CHANGED itself; {@link FeedStallProcessor} raises FEED_STALLED.
 */
public final class FeedAlerts {
    private FeedAlerts() {}

    /**
     * @param subject what the alert is about within its dump; with type and dump id it makes the alert's
     *                {@link AlertIds id}
     */
    public static RangeAlert of(AlertType type, String subject, io.github.blockwatch.avro.Severity severity,
                                DumpRef dump, Map<String, String> details, String summary) {
        return RangeAlert.newBuilder()
                .setId(AlertIds.of(type, subject, dump.getId()))
                .setType(type)
                .setSeverity(severity)
                .setRanges(List.of())
                .setFamily(0)
                .setAddressCount(BigDecimal.ZERO)
                .setNewlyBlocked(BigDecimal.ZERO)
                .setTotalBlockedIpv4(0)
                .setRegistryTime(dump.getRegistryTime())
                .setWindowStart(null)
                .setDump(dump)
                .setDecisions(List.of())
                .setSummary(summary)
                .setDetails(new LinkedHashMap<>(details))
                .build();
    }
}
