package io.github.blockwatch.notify;

import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.avro.OwnerShare;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.Severity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Alerts as the topology writes them, for the notifier's tests: one range, one decision, one owner. */
public final class TestAlerts {
    public static final Instant TIME_2018 = Instant.parse("2018-05-05T13:25:00Z");
    public static final String DUMP_2018 = "2018-05-05T13:25:00Z/4d1f3a2b9c0e";
    public static final String DECISION = "27-31-2015/Ид4082-15";

    private TestAlerts() {}

    public static RangeAlert largeRange(String id, String range, long size, Severity severity) {
        return alert(id, AlertType.LARGE_RANGE, severity, DUMP_2018, range, size, "Amazon", 16509L, Map.of());
    }

    public static RangeAlert alert(String id, AlertType type, Severity severity, String dumpId, String range, long size,
                            String owner, Long asn, Map<String, String> details) {
        DumpRef dump = DumpRef.newBuilder().setId(dumpId).setSource("zi-2018-05-05.csv.gz").setFormat("csv")
                .setRegistryTime(TIME_2018).build();
        BigDecimal count = new BigDecimal(BigInteger.valueOf(size));
        String summary = range + " newly blocked — " + owner + ": " + io.github.blockwatch.alerts.HumanCounts.format(size)
                + " addresses by Генпрокуратура " + DECISION + " (2015-12-04)";
        return RangeAlert.newBuilder()
                .setId(id)
                .setType(type)
                .setSeverity(severity)
                .setRanges(range == null ? List.of() : List.of(range))
                .setFamily(4)
                .setAddressCount(count)
                .setNewlyBlocked(count)
                .setTotalBlockedIpv4(14_692_449L)
                .setRegistryTime(TIME_2018)
                .setWindowStart(null)
                .setDump(dump)
                .setDecisions(List.of(Decision.newBuilder().setOrg("Генпрокуратура").setNumber(DECISION).setDate("2015-12-04").build()))
                .setSummary(summary)
                .setOwners(owner == null ? List.of() : List.of(OwnerShare.newBuilder().setOwner(owner).setAsn(asn)
                        .setAddresses(count).build()))
                .setDetails(details)
                .build();
    }

    public static NotifyAlert notifyAlert(String id, String range, long size, Severity severity) {
        return AlertForms.of(largeRange(id, range, size, severity));
    }
}
