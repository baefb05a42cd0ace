package io.github.blockwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static final NotifyAlert.Level LOW = NotifyAlert.Level.LOW;

    private final NotifyAlert amazonHigh = TestAlerts.notifyAlert("LARGE_RANGE-1", "52.64.0.0/12", 1_048_576, Severity.HIGH);
    private final NotifyAlert hetznerLow = AlertForms.of(TestAlerts.alert("LARGE_RANGE-2", AlertType.LARGE_RANGE, Severity.LOW,
            TestAlerts.DUMP_2018, "178.63.0.0/16", 65_536, "Hetzner", 24940L, Map.of()));
    private final NotifyAlert stalled = AlertForms.of(TestAlerts.alert("FEED_STALLED-3", AlertType.FEED_STALLED, Severity.CRITICAL,
            TestAlerts.DUMP_2018, null, 0, null, null, Map.of()));
    private final NotifyAlert watched = AlertForms.of(TestAlerts.alert("WATCHED-4", AlertType.LARGE_RANGE, Severity.LOW,
            TestAlerts.DUMP_2018, "178.63.0.0/16", 65_536, "Hetzner", 24940L, Map.of("watchlist", "hetzner", "channel", "team")));

    private static Route route(Set<String> types, NotifyAlert.Level min, Set<String> owners, Set<Long> asns, Set<String> decisions,
                               Set<String> watchlists, String... channels) {
        return new Route(types, min, owners, asns, decisions, watchlists, List.of(channels));
    }

    @Test
    void shouldSelectByTypeAndMinimumSeverity() {
        Router router = new Router(List.of(
                route(Set.of("LARGE_RANGE"), NotifyAlert.Level.HIGH, Set.of(), Set.of(), Set.of(), Set.of(), "pager"),
                route(Set.of(), LOW, Set.of(), Set.of(), Set.of(), Set.of(), "log")), Set.of("pager", "log"));

        assertThat(router.channelsFor(amazonHigh)).containsExactly("pager", "log");
        assertThat(router.channelsFor(hetznerLow)).containsExactly("log");
        assertThat(router.channelsFor(stalled)).containsExactly("log");
    }

    @Test
    void shouldSelectByOwnerOrAsnAndByDecision() {
        Router byOwner = new Router(List.of(route(Set.of(), LOW, Set.of("amazon"), Set.of(24940L), Set.of(), Set.of(), "cloud")),
                Set.of("cloud"));
        assertThat(byOwner.channelsFor(amazonHigh)).containsExactly("cloud"); // owner, case aside
        assertThat(byOwner.channelsFor(hetznerLow)).containsExactly("cloud"); // ASN
        assertThat(byOwner.channelsFor(stalled)).isEmpty();

        Router byDecision = new Router(List.of(route(Set.of(), LOW, Set.of(), Set.of(), Set.of(TestAlerts.DECISION), Set.of(), "legal"),
                route(Set.of(), LOW, Set.of(), Set.of(), Set.of("27-31-2018/Ид2971-18"), Set.of(), "other")), Set.of("legal", "other"));
        assertThat(byDecision.channelsFor(amazonHigh)).containsExactly("legal");
    }

    @Test
    void shouldSelectByWatchlistAndHonourTheChannelAnAlertNames() {
        Router router = new Router(List.of(route(Set.of(), LOW, Set.of(), Set.of(), Set.of(), Set.of("hetzner"), "ops")),
                Set.of("ops", "team"));

        assertThat(router.channelsFor(watched)).containsExactly("ops", "team");
        assertThat(router.channelsFor(hetznerLow)).isEmpty(); // same range, but raised by no watchlist
        assertThat(new Router(List.of(), Set.of("ops")).channelsFor(watched)).as("a channel this config lacks").isEmpty();
    }
}
