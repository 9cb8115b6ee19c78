package dev.kiso.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TicksTest {

    @Test
    void closedCases() {
        assertThat(Ticks.linear(0, 1, 5)).containsExactly(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0}, within(1e-12));
        assertThat(Ticks.linear(0, 7.3, 5)).containsExactly(0, 2, 4, 6);
        assertThat(Ticks.linear(0, 19, 5)).containsExactly(0, 5, 10, 15);
        assertThat(Ticks.linear(0, 2000, 5)).containsExactly(0, 500, 1000, 1500, 2000);
        assertThat(Ticks.linear(0, 2.5, 5)).containsExactly(0, 0.5, 1, 1.5, 2, 2.5);
        assertThat(Ticks.linear(-1, 1, 5)).containsExactly(-1, -0.5, 0, 0.5, 1);
        assertThat(Ticks.linear(-0.37, 10.37, 5)).containsExactly(0, 5, 10); // raw step 2.148 > 2
        assertThat(Ticks.linear(-0.37, 10.37, 8)).containsExactly(0, 2, 4, 6, 8, 10);
        assertThat(Ticks.linear(0.0013, 0.0042, 4)).containsExactly(new double[] {0.002, 0.003, 0.004}, within(1e-15));
    }

    @Test
    void stepIsTheSmallestNiceNumberAboveTheRawStep() {
        Random r = new Random(7);
        double[] nice = {1, 2, 5};
        for (int trial = 0; trial < 1000; trial++) {
            double lo = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(8) - 4);
            double hi = lo + r.nextDouble() * Math.pow(10, r.nextInt(8) - 4) + 1e-9;
            int target = 2 + r.nextInt(8);
            double step = Ticks.step(lo, hi, target);
            double raw = (hi - lo) / target;
            // step = m * 10^k with m in {1, 2, 5}
            double exponent = Math.floor(Math.log10(step) + 1e-9);
            double mantissa = Math.rint(step / Math.pow(10, exponent) * 1e6) / 1e6;
            assertThat(mantissa).isIn(nice[0], nice[1], nice[2]);
            // no more than target intervals, and the next smaller nice step would give more
            assertThat(step).isGreaterThanOrEqualTo(raw * (1 - 1e-9));
            double smaller = mantissa == 1 ? 0.5 * step : mantissa == 2 ? step / 2 : step * 2 / 5;
            assertThat(smaller).isLessThan(raw);
            double[] ticks = Ticks.linear(lo, hi, target);
            for (int i = 0; i < ticks.length; i++) {
                assertThat(ticks[i]).isBetween(lo - step * 1e-6, hi + step * 1e-6);
                assertThat(ticks[i] / step).isCloseTo(Math.rint(ticks[i] / step), within(1e-6));
                if (i > 0) {
                    // ticks far from 0 lose low bits when subtracted: allow for the cancellation
                    assertThat(ticks[i] - ticks[i - 1]).isCloseTo(step, within(step * 1e-9 + Math.abs(ticks[i]) * 1e-14));
                }
            }
            // every multiple of the step inside the range is there
            assertThat(ticks.length).isEqualTo((int) (Math.floor(hi / step + 1e-9) - Math.ceil(lo / step - 1e-9) + 1));
        }
    }

    @Test
    void labelsHaveTheDecimalsTheStepNeeds() {
        assertThat(Ticks.linearSet(0, 1, 5).labels()).containsExactly("0.0", "0.2", "0.4", "0.6", "0.8", "1.0");
        assertThat(Ticks.linearSet(0, 2000, 5).labels()).containsExactly("0", "500", "1000", "1500", "2000");
        assertThat(Ticks.linearSet(-1, 1, 5).labels()).containsExactly("-1.0", "-0.5", "0.0", "0.5", "1.0");
        assertThat(Ticks.linearSet(0, 0.05, 5).labels()).containsExactly("0.00", "0.01", "0.02", "0.03", "0.04", "0.05");
    }

    @Test
    void labelsSwitchToScientificForHugeOrTinyNumbers() {
        assertThat(Ticks.linearSet(0, 3e6, 3).labels()).containsExactly("0", "1e6", "2e6", "3e6");
        assertThat(Ticks.linearSet(0, 3e-5, 3).labels()).containsExactly("0", "1e-5", "2e-5", "3e-5");
        assertThat(Ticks.scientific(2.5e-5)).isEqualTo("2.5e-5");
    }

    @Test
    void logTicksArePowersOfTen() {
        Ticks.TickSet t = Ticks.log(1e-4, 1, true);
        assertThat(t.values()).containsExactly(new double[] {1e-4, 1e-3, 1e-2, 1e-1, 1}, within(1e-15));
        assertThat(t.labels()).containsExactly("10\u207B\u2074", "10\u207B\u00B3", "10\u207B\u00B2", "10\u207B\u00B9", "10\u2070");
        assertThat(Ticks.log(1e-4, 1, false).labels()).containsExactly("1e-4", "1e-3", "1e-2", "1e-1", "1e0");
        // minor ticks at 2..9 times each power inside the range
        assertThat(t.minor()).hasSize(4 * 8).contains(2e-4, 9e-1);
    }

    @Test
    void shortLogRangesAlsoLabelTwoAndFive() {
        Ticks.TickSet t = Ticks.log(0.03, 3, true);
        assertThat(t.values()).containsExactly(new double[] {0.05, 0.1, 0.2, 0.5, 1, 2}, within(1e-12));
        assertThat(t.labels()).containsExactly("0.05", "0.1", "0.2", "0.5", "1", "2");
    }

    @Test
    void manyDecadesAreThinned() {
        Ticks.TickSet t = Ticks.log(1e-20, 1, false);
        assertThat(t.values().length).isLessThanOrEqualTo(9);
        assertThat(t.labels()[0]).isEqualTo("1e-20");
        assertThat(t.minor()).isEmpty();
    }

    @Test
    void integerAxesStepByAtLeastOne() {
        // an epoch axis 1..3 (padded by 4 %): 1, 2, 3, not 1.0, 1.5, ..., 3.0
        assertThat(Ticks.linearSet(0.92, 3.08, 5).values()).containsExactly(1, 1.5, 2, 2.5, 3);
        Ticks.TickSet epochs = Ticks.integerSet(0.92, 3.08, 5);
        assertThat(epochs.values()).containsExactly(1, 2, 3);
        assertThat(epochs.labels()).containsExactly("1", "2", "3");
        assertThat(Ticks.integerSet(-0.12, 3.12, 8).values()).containsExactly(0, 1, 2, 3);
        // wide ranges keep their nice steps
        assertThat(Ticks.integerSet(0, 1000, 5).values()).containsExactly(0, 200, 400, 600, 800, 1000);
        assertThat(Ticks.integerSet(0, 201, 5).labels()).containsExactly("0", "50", "100", "150", "200");
        // a range inside one unit keeps its whole numbers, if any
        assertThat(Ticks.integerSet(0.2, 0.8, 5).values()).isEmpty();
    }
}
