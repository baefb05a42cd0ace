package io.github.blockwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.junit.jupiter.api.Test;

class AlertJsonTest {
    private static final DumpRef ZI_2018 = new DumpRef("2018-05-05T13:25:00Z/25d965cedeb9", "zi-2018-05-05.csv.gz", "csv",
            Instant.parse("2018-05-05T13:25:00Z"), null);
    private static final Decision GP = new Decision("Генпрокуратура", "27-31-2015/Ид4082-15", "2015-12-04");

    private static RangeAlert largeRange() {
        OwnerShare aws = OwnerShare.newBuilder().setOwner("Amazon").setAsn(null).setCloud("Amazon AWS")
                .setRegion("eu-central-1").setService(null).setAddresses(BigDecimal.valueOf(131_072)).build();
        return AlertBuilder.about(AlertType.LARGE_RANGE, "52.58.0.0/15", ZI_2018)
                .severity(Severity.LOW).range("52.58.0.0/15", 4)
                .counts(BigInteger.valueOf(131_072), BigInteger.valueOf(131_072)).totalBlockedIpv4(14_692_449)
                .decisions(List.of(GP)).owners(List.of(aws))
                .summary("52.58.0.0/15 newly blocked — Amazon AWS eu-central-1").build();
    }

    @Test
    void shouldKeepTheIdsOfReleasedRulesByteForByte() {
        // Computed outside Java: TYPE + "-" + first 8 bytes of SHA-256("TYPE\x1fsubject\x1fdump id") as hex.
        assertThat(AlertIds.of(AlertType.LARGE_RANGE, "34.192.0.0/10", ZI_2018.getId())).isEqualTo("LARGE_RANGE-223573dcc6c2f2a8");
        assertThat(AlertIds.of(AlertType.COLLATERAL, "collateral", ZI_2018.getId())).isEqualTo("COLLATERAL-5844afb8f94f73b0");
    }

    @Test
    void shouldWriteTheOneJsonFormWithTheDumpAsAnObjectAndOwnersNamed() {
        JsonNode json = AlertJsonSchema.assertValid(AlertJson.toJson(largeRange()));

        assertThat(json.get("id").asText()).isEqualTo(AlertIds.of(AlertType.LARGE_RANGE, "52.58.0.0/15", ZI_2018.getId()));
        assertThat(json.get("registryTime").asText()).isEqualTo("2018-05-05T13:25:00Z");
        assertThat(json.get("dump").get("id").asText()).isEqualTo(ZI_2018.getId());
        assertThat(json.get("dump").get("source").asText()).isEqualTo("zi-2018-05-05.csv.gz");
        assertThat(json.get("addressCount").isIntegralNumber()).isTrue();
        assertThat(json.get("decisions").get(0).get("number").asText()).isEqualTo("27-31-2015/Ид4082-15");
        assertThat(json.get("owners").get(0).get("name").asText()).isEqualTo("Amazon AWS eu-central-1");
        assertThat(json.get("owners").get(0).get("addresses").asLong()).isEqualTo(131_072);
        assertThat(json.get("windowStart").isNull()).isTrue();
    }

    @Test
    void shouldWriteCountsAbove2To53AsDecimalStrings() {
        BigInteger slash32 = BigInteger.ONE.shiftLeft(96);
        RangeAlert v6 = AlertBuilder.about(AlertType.LARGE_RANGE, "2a03:2880::/32", ZI_2018)
                .severity(Severity.LOW).range("2a03:2880::/32", 6).counts(slash32, slash32)
                .summary("2a03:2880::/32 newly blocked").build();
        RangeAlert exactly2To53 = AlertBuilder.about(AlertType.LARGE_RANGE, "2a03::/75", ZI_2018)
                .severity(Severity.LOW).range("2a03::/75", 6).counts(BigInteger.ONE.shiftLeft(53), BigInteger.ZERO)
                .summary("2a03::/75 newly blocked").build();

        JsonNode json = AlertJsonSchema.assertValid(AlertJson.toJson(v6));
        JsonNode edge = AlertJsonSchema.assertValid(AlertJson.toJson(exactly2To53));

        assertThat(json.get("addressCount").isTextual()).isTrue();
        assertThat(json.get("addressCount").asText()).isEqualTo(slash32.toString());
        assertThat(edge.get("addressCount").isIntegralNumber()).isTrue();
        assertThat(edge.get("addressCount").asLong()).isEqualTo(1L << 53);
    }

    @Test
    void shouldGiveAFeedHealthAlertEmptyRangesZeroCountsAndSortedDetails() {
        RangeAlert shrank = AlertBuilder.about(AlertType.DUMP_SHRANK, "entries", ZI_2018).severity(Severity.CRITICAL)
                .details(Map.of("held", "true", "entries", "41")).summary("zi-2020-01-26.csv.gz has 41 entries").build();

        JsonNode json = AlertJsonSchema.assertValid(AlertJson.toJson(shrank));

        assertThat(json.get("ranges")).isEmpty();
        assertThat(json.get("family").asInt()).isZero();
        assertThat(json.get("addressCount").asLong()).isZero();
        assertThat(json.get("details").fieldNames()).toIterable().containsExactly("entries", "held");
    }

    @Test
    void shouldRejectTheFormsThatHadDriftedApart() throws Exception {
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(AlertJson.toJson(largeRange()));
        ObjectNode dumpAsId = json.deepCopy().put("dump", ZI_2018.getId());
        ObjectNode noOwners = json.deepCopy();
        noOwners.remove("owners");
        ObjectNode countAsDouble = json.deepCopy().put("addressCount", 131072.5);
        ObjectNode extraField = json.deepCopy().put("dumpId", ZI_2018.getId());

        assertThat(AlertJsonSchema.violations(json)).isEmpty();
        assertThat(AlertJsonSchema.violations(dumpAsId)).isNotEmpty();
        assertThat(AlertJsonSchema.violations(noOwners)).isNotEmpty();
        assertThat(AlertJsonSchema.violations(countAsDouble)).isNotEmpty();
        assertThat(AlertJsonSchema.violations(extraField)).singleElement().asString().contains("dumpId");
    }

    @Test
    void shouldPrintTheOneLineTextForm() {
        assertThat(AlertText.format(largeRange()))
                .isEqualTo("2018-05-05T13:25:00Z  LOW       LARGE_RANGE     52.58.0.0/15 newly blocked — Amazon AWS eu-central-1");
    }

    @Test
    void shouldRefuseAnAlertWithoutSeverityOrSummary() {
        assertThatThrownBy(() -> AlertBuilder.about(AlertType.SURGE, "ipv4", ZI_2018).summary("surge").build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> AlertBuilder.about(AlertType.SURGE, "ipv4", ZI_2018).severity(Severity.HIGH).build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldScaleSeverityByFactorsOfFour() {
        assertThat(Severities.of(65_536, 65_536)).isEqualTo(Severity.LOW);
        assertThat(Severities.of(262_144, 65_536)).isEqualTo(Severity.MEDIUM);
        assertThat(Severities.of(1L << 20, 65_536)).isEqualTo(Severity.HIGH);
        assertThat(Severities.of(1L << 22, 65_536)).isEqualTo(Severity.CRITICAL);
        assertThat(Severities.atLeast(Severity.HIGH, Severity.MEDIUM)).isTrue();
        assertThat(Severities.atLeast(Severity.LOW, Severity.MEDIUM)).isFalse();
    }
}
