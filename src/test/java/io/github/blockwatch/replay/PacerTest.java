package io.github.blockwatch.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {
    private static final Instant T0 = Instant.parse("2014-11-01T10:05:00Z");
    private static final Duration MAX_PAUSE = Duration.ofSeconds(10);

    /** A clock that only moves when the pacer sleeps or a dump "takes" time to ingest. */
    private static final class FakeTime {
        long nanos = 1_000_000_000L;
        final List<Duration> sleeps = new ArrayList<>();

        Pacer pacer(Speed speed) {
            return new Pacer(speed, MAX_PAUSE, () -> nanos, d -> {
                sleeps.add(d);
                nanos += d.toNanos();
            });
        }

        void work(Duration d) {
            nanos += d.toNanos();
        }
    }

    @Test
    void shouldParseSpeedsAsPeopleWriteThem() {
        assertThat(Speed.parse("3600x").factor()).isEqualTo(3600);
        assertThat(Speed.parse("3600").factor()).isEqualTo(3600);
        assertThat(Speed.parse(" 0.5X ").factor()).isEqualTo(0.5);
        assertThat(Speed.parse("max").isMax()).isTrue();
        assertThat(Speed.parse("3600x")).hasToString("3600x");
        assertThat(Speed.MAX).hasToString("max");
        for (String bad : List.of("fast", "0x", "-2x", "x", "", "NaNx", "Infinityx")) {
            assertThatThrownBy(() -> Speed.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldTurnAnHourOfRegistryTimeIntoASecondAt3600x() {
        assertThat(Speed.parse("3600x").wallTime(Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(Speed.parse("60x").wallTime(Duration.ofMinutes(90))).isEqualTo(Duration.ofSeconds(90));
        assertThat(Speed.MAX.wallTime(Duration.ofDays(30))).isZero();
        assertThat(Speed.parse("60x").wallTime(Duration.ofHours(-1))).isZero();
    }

    @Test
    void shouldWaitTheRegistryGapDividedBySpeedLessTheTimeSpentIngesting() {
        Pacer pacer = new Pacer(Speed.parse("3600x"), MAX_PAUSE, () -> 0, d -> {});
        // One hour apart at 3600x = 1 s; 300 ms went on ingesting the previous dump.
        assertThat(pacer.pause(T0, T0.plus(Duration.ofHours(1)), Duration.ofMillis(300))).isEqualTo(Duration.ofMillis(700));
        // Ingesting took longer than the gap: no wait at all, never a negative one.
        assertThat(pacer.pause(T0, T0.plus(Duration.ofHours(1)), Duration.ofSeconds(2))).isZero();
        // A week's outage at 3600x would be 168 s: capped at --max-pause.
        assertThat(pacer.pause(T0, T0.plus(Duration.ofDays(7)), Duration.ZERO)).isEqualTo(MAX_PAUSE);
        // The first dump, and two dumps of the same registry time, go at once.
        assertThat(pacer.pause(null, T0, Duration.ZERO)).isZero();
        assertThat(pacer.pause(T0, T0, Duration.ZERO)).isZero();
    }

    @Test
    void shouldSleepBetweenDumpsAsTheirRegistryTimesAreSpaced() throws InterruptedException {
        FakeTime time = new FakeTime();
        Pacer pacer = time.pacer(Speed.parse("3600x"));
        pacer.awaitTurn(T0);
        time.work(Duration.ofMillis(250));
        pacer.awaitTurn(T0.plus(Duration.ofHours(2)));
        time.work(Duration.ofMillis(100));
        pacer.awaitTurn(T0.plus(Duration.ofHours(2)).plus(Duration.ofDays(30)));
        pacer.awaitTurn(T0.plus(Duration.ofHours(3)).plus(Duration.ofDays(30)));
        assertThat(time.sleeps).containsExactly(
                Duration.ofMillis(1750),     // 2 h = 2 s, 250 ms already spent
                Duration.ofMillis(9900),     // 30 days, capped at 10 s, 100 ms spent
                Duration.ofSeconds(1));      // 1 h = 1 s
    }

    @Test
    void shouldNeverSleepAtMaxSpeed() throws InterruptedException {
        FakeTime time = new FakeTime();
        Pacer pacer = time.pacer(Speed.MAX);
        pacer.awaitTurn(T0);
        pacer.awaitTurn(T0.plus(Duration.ofDays(365)));
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void shouldSelectRegistryTimesWithBothEndsIncluded() {
        TimeWindow window = new TimeWindow(T0, T0.plus(Duration.ofHours(2)));
        assertThat(window.contains(T0.minusSeconds(1))).isFalse();
        assertThat(window.contains(T0)).isTrue();
        assertThat(window.contains(T0.plus(Duration.ofHours(2)))).isTrue();
        assertThat(window.contains(T0.plus(Duration.ofHours(2)).plusSeconds(1))).isFalse();
        assertThat(TimeWindow.ALL.contains(Instant.EPOCH)).isTrue();
        assertThat(new TimeWindow(null, T0).contains(Instant.EPOCH)).isTrue();
        assertThatThrownBy(() -> new TimeWindow(T0, T0.minusSeconds(1))).hasMessageContaining("--until");
    }
}
