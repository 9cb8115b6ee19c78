package dev.kiso.plot;

import dev.kiso.KisoException;

/**
 * One axis: a data range [lo, hi] on a linear or logarithmic scale, mapped to the fraction 0..1 of
 * the plot's width or height.
 *
 * <p>Linear: {@code f = (v - lo) / (hi - lo)}. Log: {@code f = (log10 v - log10 lo) / (log10 hi - log10 lo)};
 * values {@code <= 0} have no position on a log axis ({@code NaN}).
 */
final class Axis {

    /** Share of the data span added at each unpinned end, so curves do not touch the frame. */
    static final double PADDING = 0.04;

    final double lo;
    final double hi;
    final boolean log;
    /** Ticks at whole numbers only (a linear axis that counts: epochs, iterations). */
    final boolean integers;

    Axis(double lo, double hi, boolean log) {
        this(lo, hi, log, false);
    }

    private Axis(double lo, double hi, boolean log, boolean integers) {
        if (!(lo < hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
            throw new KisoException("Axis range must be finite with lo < hi, found [" + lo + ", " + hi + "]");
        }
        if (log && lo <= 0) {
            throw new KisoException("Log axis range must be positive, found [" + lo + ", " + hi + "]");
        }
        this.lo = lo;
        this.hi = hi;
        this.log = log;
        this.integers = integers && !log;
    }

    /** @return this axis with ticks at whole numbers only (no effect on a log axis) */
    Axis withIntegerTicks() {
        return new Axis(lo, hi, log, true);
    }

    /** Position of v as a fraction of the axis length (0 at lo, 1 at hi); NaN if v has none. */
    double fraction(double v) {
        if (log) {
            return v > 0 ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : Double.NaN;
        }
        return (v - lo) / (hi - lo);
    }

    /** The value at fraction f of the axis length (the inverse of {@link #fraction}). */
    double valueAt(double f) {
        if (log) {
            return Math.pow(10, Math.log10(lo) + f * (Math.log10(hi) - Math.log10(lo)));
        }
        return lo + f * (hi - lo);
    }

    /**
     * The axis for data spanning [dataMin, dataMax] (NaN when there is no data), where a non-null
     * {@code fixedLo}/{@code fixedHi} pins that end and the free ends get {@link #PADDING}.
     */
    static Axis fit(double dataMin, double dataMax, Double fixedLo, Double fixedHi, boolean log) {
        if (Double.isNaN(dataMin)) {
            // no finite data: a unit range next to whatever end is pinned
            dataMin = log ? 1 : 0;
            dataMax = log ? 10 : 1;
        }
        double lo = log ? Math.log10(dataMin) : dataMin;
        double hi = log ? Math.log10(dataMax) : dataMax;
        if (hi - lo == 0) {
            double half = lo == 0 ? 0.5 : Math.abs(lo) * 0.1;
            lo -= half;
            hi += half;
        }
        double pad = (hi - lo) * PADDING;
        lo -= pad;
        hi += pad;
        double a = fixedLo != null ? fixedLo : log ? Math.pow(10, lo) : lo;
        double b = fixedHi != null ? fixedHi : log ? Math.pow(10, hi) : hi;
        if (a >= b) {
            // one end pinned beyond the data: keep the pinned end and give the axis a unit of room
            if (fixedLo != null) {
                b = log ? a * 10 : a + Math.max(1, Math.abs(a));
            } else {
                a = log ? b / 10 : b - Math.max(1, Math.abs(b));
            }
        }
        return new Axis(a, b, log);
    }
}
