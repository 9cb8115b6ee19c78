package dev.kiso.optim;

import dev.kiso.KisoException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LrScheduleTest {

    private static final double ETA = 0.2;

    @Test
    void constantKeepsTheBaseRate() {
        for (int e = 0; e < 5; e++) {
            assertThat(LrSchedule.constant().rate(e, ETA)).isEqualTo(ETA);
        }
    }

    @Test
    void stepDecaysEveryStepSizeEpochs() {
        double[] expected = {0.2, 0.2, 0.2, 0.02, 0.02, 0.02, 0.002};
        for (int e = 0; e < expected.length; e++) {
            assertThat(LrSchedule.step(3, 0.1).rate(e, ETA)).isCloseTo(expected[e], within(1e-15));
        }
    }

    @Test
    void exponentialMultipliesEveryEpoch() {
        double lr = ETA;
        for (int e = 0; e < 6; e++) {
            assertThat(LrSchedule.exponential(0.9).rate(e, ETA)).isCloseTo(lr, within(1e-15));
            lr *= 0.9;
        }
    }

    @Test
    void cosineFallsFromBaseToMinimumThenStays() {
        LrSchedule s = LrSchedule.cosine(4, 0.01);
        assertThat(s.rate(0, ETA)).isCloseTo(ETA, within(1e-15));
        assertThat(s.rate(2, ETA)).isCloseTo((ETA + 0.01) / 2, within(1e-15));
        assertThat(s.rate(1, ETA)).isCloseTo(0.01 + (ETA - 0.01) * (1 + Math.sqrt(0.5)) / 2, within(1e-15));
        assertThat(s.rate(4, ETA)).isCloseTo(0.01, within(1e-15));
        assertThat(s.rate(9, ETA)).isCloseTo(0.01, within(1e-15));
    }

    @Test
    void warmupRampsLinearlyThenStartsTheScheduleAtItsEpochZero() {
        LrSchedule s = LrSchedule.step(2, 0.5).withWarmup(4, 0.25);
        double[] expected = {0.05, 0.0875, 0.125, 0.1625, 0.2, 0.2, 0.1, 0.1, 0.05};
        for (int e = 0; e < expected.length; e++) {
            assertThat(s.rate(e, ETA)).as("epoch %d", e).isCloseTo(expected[e], within(1e-15));
        }
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> LrSchedule.step(0, 0.5)).isInstanceOf(KisoException.class).hasMessageContaining("stepSize");
        assertThatThrownBy(() -> LrSchedule.exponential(1.5)).isInstanceOf(KisoException.class).hasMessageContaining("1.5");
        assertThatThrownBy(() -> LrSchedule.cosine(0, 0)).isInstanceOf(KisoException.class).hasMessageContaining("tMax");
    }
}
