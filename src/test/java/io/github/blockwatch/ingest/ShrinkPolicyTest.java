package io.github.blockwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** When a dump counts as shrunken: by ratio AND by an absolute drop, so tiny registries do not flap. */
class ShrinkPolicyTest {
    private final ShrinkPolicy defaults = ShrinkPolicy.holding();

    @Test
    void shouldCallTheCutOff2020MirrorFileAShrink() {
        // zi-2018-05-05: 32,796 entries; zi-2020-01-26 (the mirror's cut file): 41.
        assertThat(defaults.shrank(32_796, 41)).isTrue();
        // zi-2018-05-05 after itself, and zi-2017-07-01 (6,686) before it: growth is never a shrink.
        assertThat(defaults.shrank(32_796, 32_796)).isFalse();
        assertThat(defaults.shrank(6_686, 32_796)).isFalse();
    }

    @Test
    void shouldNeedBothTheRatioAndTheMinimumDrop() {
        assertThat(defaults.shrank(3, 1)).as("a tiny registry losing two of three").isFalse();
        assertThat(defaults.shrank(1_900, 899)).as("1,001 fewer, under half").isTrue();
        assertThat(defaults.shrank(1_900, 901)).as("under half but only 999 fewer").isFalse();
        assertThat(defaults.shrank(32_796, 16_398)).as("exactly half is not less than half").isFalse();
        assertThat(new ShrinkPolicy(0.9, 0, false).shrank(100, 89)).isTrue();
    }

    @Test
    void shouldRefuseAMeaninglessRatio() {
        assertThatThrownBy(() -> new ShrinkPolicy(0, 1000, false)).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> new ShrinkPolicy(1.5, 1000, false)).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> new ShrinkPolicy(0.5, -1, false)).hasMessageContaining("negative");
    }
}
