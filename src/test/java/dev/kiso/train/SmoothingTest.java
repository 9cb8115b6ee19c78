package dev.kiso.train;

import dev.kiso.KisoException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SmoothingTest {

    /** The normalised Kaiser window (L = 11, β = 2) as EXPERIMENTS.md §1.6 lists it. */
    private static final double[] BOOK_KERNEL = {
        0.05244517, 0.07309418, 0.09177804, 0.10666080, 0.11624519, 0.11955325,
        0.11624519, 0.10666080, 0.09177804, 0.07309418, 0.05244517};

    @Test
    void kernelIsTheBooksNormalisedKaiserWindow() {
        double[] w = Smoothing.kernel();
        assertThat(w).hasSize(11);
        for (int k = 0; k < 11; k++) {
            assertThat(w[k]).as("w[%d]", k).isCloseTo(BOOK_KERNEL[k], within(1e-8));
        }
    }

    @Test
    void besselI0MatchesTabulatedValues() {
        // Abramowitz & Stegun, table 9.8: I0(0) = 1, I0(1) = 1.266065878, I0(2) = 2.279585302.
        assertThat(Smoothing.besselI0(0)).isEqualTo(1.0);
        assertThat(Smoothing.besselI0(1)).isCloseTo(1.2660658777520082, within(1e-14));
        assertThat(Smoothing.besselI0(2)).isCloseTo(2.2795853023360673, within(1e-14));
        assertThat(Smoothing.besselI0(10)).isCloseTo(2815.716628466254, within(1e-9));
    }

    @Test
    void rawKaiserWindowIsOneInTheMiddleAndFlatForBetaZero() {
        double[] w = Smoothing.kaiser(11, 2);
        assertThat(w[5]).isEqualTo(1.0);
        assertThat(w[0]).isCloseTo(1 / Smoothing.besselI0(2), within(1e-15));
        assertThat(Smoothing.kaiser(5, 0)).containsExactly(1, 1, 1, 1, 1);
        assertThat(Smoothing.kaiser(1, 3)).containsExactly(1);
    }

    @Test
    void anImpulseInTheMiddleComesOutAsTheWindow() {
        // y[i] = Σ_k w[k]·x[i + k − 5]: an impulse at 20 spreads over y[15..25] as the window itself.
        double[] x = new double[41];
        x[20] = 1;
        double[] y = Smoothing.smoothCurve(x);
        assertThat(y).hasSize(41);
        for (int i = 0; i < 41; i++) {
            double expected = i >= 15 && i <= 25 ? BOOK_KERNEL[i - 15] : 0;
            assertThat(y[i]).as("y[%d]", i).isCloseTo(expected, within(1e-8));
        }
    }

    @Test
    void frontMirrorLeavesOutTheFirstValue() {
        // s[5..15] = x5 x4 x3 x2 x1 x0 x1 x2 x3 x4 x5, so an impulse at x[1] reaches y[0] twice (w4 + w6)
        // and an impulse at x[0] only once (w5).
        double[] x = new double[30];
        x[1] = 1;
        assertThat(Smoothing.smoothCurve(x)[0]).isCloseTo(BOOK_KERNEL[4] + BOOK_KERNEL[6], within(1e-8));
        x[1] = 0;
        x[0] = 1;
        assertThat(Smoothing.smoothCurve(x)[0]).isCloseTo(BOOK_KERNEL[5], within(1e-8));
    }

    @Test
    void backMirrorRepeatsTheLastValue() {
        // s[n+4 .. n+14] = x[n−6] … x[n−1], x[n−1], x[n−2], …, x[n−5]: the last value is used twice (w5 + w6).
        int n = 30;
        double[] x = new double[n];
        x[n - 1] = 1;
        double[] y = Smoothing.smoothCurve(x);
        assertThat(y[n - 1]).isCloseTo(BOOK_KERNEL[5] + BOOK_KERNEL[6], within(1e-8));
        assertThat(y[n - 2]).isCloseTo(BOOK_KERNEL[4] + BOOK_KERNEL[7], within(1e-8));
    }

    @Test
    void aConstantStaysConstantAndFloatsAreAccepted() {
        float[] x = new float[15];
        java.util.Arrays.fill(x, 2.5f);
        for (double v : Smoothing.smoothCurve(x)) {
            assertThat(v).isCloseTo(2.5, within(1e-12));
        }
    }

    @Test
    void tooShortASeriesIsRefused() {
        assertThatThrownBy(() -> Smoothing.smoothCurve(new double[10]))
                .isInstanceOf(KisoException.class).hasMessageContaining("at least 11").hasMessageContaining("got 10");
        assertThatThrownBy(() -> Smoothing.kaiser(0, 2)).isInstanceOf(KisoException.class);
    }
}
