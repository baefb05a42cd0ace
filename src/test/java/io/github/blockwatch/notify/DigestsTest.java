package io.github.blockwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** How alerts become messages (one per channel and dump), and which offsets may then be committed. */
class DigestsTest {
    private static final TopicPartition P0 = new TopicPartition("blockwatch.alerts", 0);
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String DUMP_2020 = "2020-01-26T01:24:00Z/0a1b2c3d4e5f";

    private final Digests digests = new Digests(Duration.ofSeconds(30));

    private static NotifyAlert alert(int n, String dump) {
        return AlertForms.of(TestAlerts.alert("LARGE_RANGE-" + n, AlertType.LARGE_RANGE, Severity.MEDIUM, dump,
                "10." + n + ".0.0/16", 65_536, "Amazon", 16509L, Map.of()));
    }

    @Test
    void shouldHoldADumpsAlertsUntilTheDumpIsAppliedAndReadToTheEnd() {
        IntStream.range(0, 43).forEach(n -> digests.add("ops", alert(n, TestAlerts.DUMP_2018), P0, n, T0));

        assertThat(digests.ready(T0.plusSeconds(1), true, Set.of()::contains)).as("not applied yet").isEmpty();
        assertThat(digests.ready(T0.plusSeconds(1), false, Set.of(TestAlerts.DUMP_2018)::contains)).as("more to read").isEmpty();
        List<Digests.Group> ready = digests.ready(T0.plusSeconds(1), true, Set.of(TestAlerts.DUMP_2018)::contains);

        assertThat(ready).singleElement().satisfies(group -> {
            assertThat(group.message().alerts()).hasSize(43);
            assertThat(group.message().key()).startsWith("digest-");
        });
        assertThat(digests.isEmpty()).isTrue();
    }

    @Test
    void shouldSendAfterTheHoldWhateverElse() {
        digests.add("ops", alert(1, TestAlerts.DUMP_2018), P0, 1, T0);

        assertThat(digests.ready(T0.plusSeconds(29), false, d -> false)).isEmpty();
        assertThat(digests.ready(T0.plusSeconds(30), false, d -> false)).singleElement()
                .satisfies(group -> assertThat(group.message().key()).isEqualTo("LARGE_RANGE-1"));
    }

    @Test
    void shouldGroupPerChannelAndDump() {
        digests.add("ops", alert(1, TestAlerts.DUMP_2018), P0, 1, T0);
        digests.add("mail", alert(1, TestAlerts.DUMP_2018), P0, 1, T0);
        digests.add("ops", alert(2, DUMP_2020), P0, 2, T0);
        digests.add("ops", alert(3, TestAlerts.DUMP_2018), P0, 3, T0);

        List<Digests.Group> ready = digests.ready(T0, true, d -> true);

        assertThat(ready).extracting(g -> g.channel() + " " + g.dumpId() + " " + g.message().alerts().size())
                .containsExactly("ops " + TestAlerts.DUMP_2018 + " 2", "mail " + TestAlerts.DUMP_2018 + " 1", "ops " + DUMP_2020 + " 1");
    }

    @Test
    void shouldListTheMostSevereFirstAndCountTheRest() {
        List<NotifyAlert> alerts = IntStream.range(0, 12).mapToObj(n -> alert(n, TestAlerts.DUMP_2018)).collect(java.util.stream.Collectors.toList());
        alerts.add(TestAlerts.notifyAlert("LARGE_RANGE-top", "34.192.0.0/10", 4_194_304, Severity.CRITICAL));

        MessageText.Rendered text = new MessageText(null, 10).render(Message.of(TestAlerts.DUMP_2018, alerts));

        assertThat(text.title()).isEqualTo("blockwatch: 13 alerts (13 LARGE_RANGE) up to CRITICAL, dump of 2018-05-05T13:25:00Z");
        assertThat(text.lines()).hasSize(10);
        assertThat(text.lines().get(0).text()).startsWith("CRITICAL LARGE_RANGE: 34.192.0.0/10 newly blocked — Amazon: 4.2 M addresses");
        assertThat(text.lines().get(1).text()).startsWith("MEDIUM LARGE_RANGE: 10.0.0.0/16");
        assertThat(text.more()).isEqualTo(3);
        assertThat(text.plain()).endsWith("\n… and 3 more").doesNotContain("http");
    }

    @Test
    void shouldCommitOnlyUpToTheFirstAlertNotYetDone() {
        OffsetTracker offsets = new OffsetTracker();
        offsets.read(P0, 10, 2); // two channels
        offsets.read(P0, 11, 0); // no route
        offsets.read(P0, 12, 1);

        assertThat(offsets.toCommit()).containsEntry(P0, new OffsetAndMetadata(10));
        offsets.done(P0, 12);
        offsets.done(P0, 10);
        assertThat(offsets.toCommit()).as("one channel still owes offset 10").containsEntry(P0, new OffsetAndMetadata(10));
        offsets.done(P0, 10);
        var commit = offsets.toCommit();
        assertThat(commit).containsEntry(P0, new OffsetAndMetadata(13));
        offsets.committed(commit);
        assertThat(offsets.toCommit()).isEmpty();
    }
}
