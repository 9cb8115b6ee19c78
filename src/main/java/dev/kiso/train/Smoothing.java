// The book's loss-curve smoothing (smooth_curve in common/util.py), EXPERIMENTS.md §1.6:
//   s    = x[10], x[9], …, x[1]  ·  x[0 .. n−1]  ·  x[n−1], x[n−2], …, x[n−10]     (mirror padding)
//   w[k] = I0(β·sqrt(1 − (2k/(L−1) − 1)²)) / I0(β),   L = 11, β = 2,  then w /= Σ w  (Kaiser window)
//   y[i] = Σ_{k=0..10} w[k] · s[i + 5 + k]                                              (i = 0 … n−1)
package dev.kiso.train;

import dev.kiso.KisoException;

/**
 * Smooths a noisy per-iteration curve (a training loss) the way the book's charts do: a moving
 * weighted average under an 11-point Kaiser window with β = 2, the series mirrored at both ends so
 * the output has as many points as the input and no edge is pulled toward zero.
 *
 * <p>The front is mirrored without the first value ({@code x[10] … x[1]}) and the back with the
 * last one ({@code x[n−1] … x[n−10]}), exactly as the book's {@code np.r_} slices do, so the numbers
 * match the book's figures. The normalised window is
 * {@code 0.0524, 0.0731, 0.0918, 0.1067, 0.1162, 0.1196, 0.1162, …} (symmetric).
 *
 * <pre>{@code
 * double[] smooth = Smoothing.smoothCurve(lossPerIteration);   // same length, ready to plot
 * }</pre>
 */
public final class Smoothing {

    /** The window length the book uses. */
    public static final int WINDOW = 11;

    /** The Kaiser shape parameter the book uses. */
    public static final double BETA = 2.0;

    private static final double[] KERNEL = normalized(kaiser(WINDOW, BETA));

    private Smoothing() {
    }

    /**
     * The book's {@code smooth_curve}: the Kaiser-window average of {@code x}, same length.
     *
     * @param x the series, at least {@value #WINDOW} values
     * @return the smoothed series, {@code x.length} values
     * @throws KisoException if the series is shorter than the window
     */
    public static double[] smoothCurve(double[] x) {
        int n = x.length;
        if (n < WINDOW) {
            throw new KisoException("Smoothing.smoothCurve: needs at least " + WINDOW + " values, got " + n);
        }
        int half = WINDOW - 1;                 // 10 values of padding at each end
        double[] s = new double[n + 2 * half];
        for (int m = 1; m <= half; m++) {
            s[half - m] = x[m];                // front: x[10], …, x[1]
            s[n + half - 1 + m] = x[n - m];    // back:  x[n−1], …, x[n−10]
        }
        System.arraycopy(x, 0, s, half, n);
        double[] y = new double[n];
        int shift = WINDOW / 2;                // drop 5 values at each end of the valid convolution
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int k = 0; k < WINDOW; k++) {
                sum += KERNEL[k] * s[i + shift + k];
            }
            y[i] = sum;
        }
        return y;
    }

    /**
     * {@link #smoothCurve(double[])} for a {@code float[]} series (a loss recorded per step).
     *
     * @param x the series, at least {@value #WINDOW} values
     * @return the smoothed series, {@code x.length} values
     */
    public static double[] smoothCurve(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return smoothCurve(d);
    }

    /**
     * The Kaiser window (NumPy's {@code np.kaiser}):
     * {@code w[k] = I0(β·sqrt(1 − (2k/(L−1) − 1)²)) / I0(β)}, not normalised (the middle value is 1).
     *
     * @param length the number of points L, at least 1
     * @param beta   the shape β, at least 0 (0 gives a flat window; larger β, a narrower bell)
     * @return the window
     */
    public static double[] kaiser(int length, double beta) {
        if (length < 1 || !(beta >= 0) || Double.isInfinite(beta)) {
            throw new KisoException("Smoothing.kaiser: needs length >= 1 and finite beta >= 0, got length="
                    + length + ", beta=" + beta);
        }
        double[] w = new double[length];
        if (length == 1) {
            w[0] = 1;
            return w;
        }
        double i0Beta = besselI0(beta);
        for (int k = 0; k < length; k++) {
            double r = 2.0 * k / (length - 1) - 1;
            w[k] = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
        }
        return w;
    }

    /**
     * The modified Bessel function of the first kind, order 0, by its power series
     * {@code I0(x) = Σ_j ((x/2)^j / j!)²}, summed until the terms stop changing the sum.
     *
     * @param x the argument
     * @return {@code I0(x)}
     */
    public static double besselI0(double x) {
        double term = 1;
        double sum = 1;
        double q = x * x / 4;
        for (int j = 1; j < 500 && term > 1e-17 * sum; j++) {
            term *= q / ((double) j * j);
            sum += term;
        }
        return sum;
    }

    private static double[] normalized(double[] w) {
        double total = 0;
        for (double v : w) {
            total += v;
        }
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = w[i] / total;
        }
        return out;
    }

    /** @return a copy of the normalised kernel {@link #smoothCurve} uses (11 values summing to 1) */
    public static double[] kernel() {
        return KERNEL.clone();
    }
}
