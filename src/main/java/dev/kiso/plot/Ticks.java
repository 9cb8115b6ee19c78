package dev.kiso.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * "Nice" tick values and their labels.
 *
 * <p>Linear axes: the step is the smallest of 1, 2 or 5 times a power of ten that is at least
 * {@code (hi - lo) / target}; the ticks are the multiples of the step inside [lo, hi]. So 0..1 with
 * target 5 gives 0, 0.2, ..., 1 and 0..7.3 gives 0, 2, 4, 6. Labels get exactly as many decimals
 * as the step needs. Integer axes ({@link #integerSet}) use a step of at least 1.
 *
 * <p>Log axes: ticks at the powers of ten inside the range (every k-th power when there are many),
 * with 2 and 5 times the powers added when the range spans less than two decades.
 */
final class Ticks {

    /** Tick values and labels, plus unlabelled minor ticks (log axes). */
    record TickSet(double[] values, String[] labels, double[] minor) {
    }

    private static final double[] NICE = {1, 2, 5, 10};

    private Ticks() {
    }

    /** The nice step (1, 2 or 5 times a power of ten) for about {@code target} intervals. */
    static double step(double lo, double hi, int target) {
        double raw = (hi - lo) / Math.max(1, target);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : NICE) {
            // tolerance: 0.2 / 1 must give 0.2 although log10 rounding may say 1.9999999e-1
            if (m * magnitude >= raw * (1 - 1e-9)) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** The multiples of the nice step inside [lo, hi]. */
    static double[] linear(double lo, double hi, int target) {
        return multiples(lo, hi, step(lo, hi, target));
    }

    /** The multiples of {@code step} inside [lo, hi]. */
    private static double[] multiples(double lo, double hi, double step) {
        long first = (long) Math.ceil(lo / step - 1e-9);
        long last = (long) Math.floor(hi / step + 1e-9);
        double[] ticks = new double[(int) Math.max(0, last - first + 1)];
        for (int i = 0; i < ticks.length; i++) {
            double v = (first + i) * step;
            ticks[i] = Math.abs(v) < step * 1e-9 ? 0.0 : v; // no "-0"
        }
        return ticks;
    }

    /** Linear ticks with labels. */
    static TickSet linearSet(double lo, double hi, int target) {
        double[] values = linear(lo, hi, target);
        return new TickSet(values, format(values, step(lo, hi, target)), new double[0]);
    }

    /**
     * Linear ticks at whole numbers only, for axes that count (epochs, iterations): the nice step,
     * but at least 1. So 0.9..3.1 gives 1, 2, 3 rather than 1.0, 1.5, ..., 3.0.
     */
    static TickSet integerSet(double lo, double hi, int target) {
        double step = Math.max(1, step(lo, hi, target));
        double[] values = multiples(lo, hi, step);
        return new TickSet(values, format(values, step), new double[0]);
    }

    /**
     * Labels for ticks spaced by {@code step}: fixed-point with the decimals the step needs, or
     * scientific ({@code 2.5e-05}) when the numbers are very large or very small.
     */
    static String[] format(double[] ticks, double step) {
        double max = 0;
        for (double t : ticks) {
            max = Math.max(max, Math.abs(t));
        }
        boolean scientific = max >= 1e6 || (step < 1e-4 && max < 1e-2);
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        String[] labels = new String[ticks.length];
        for (int i = 0; i < ticks.length; i++) {
            labels[i] = scientific ? scientific(ticks[i]) : String.format(Locale.ROOT, "%." + decimals + "f", ticks[i]);
        }
        return labels;
    }

    /** Short scientific notation: 2.5e-05 becomes "2.5e-5", 1.0e6 becomes "1e6". */
    static String scientific(double v) {
        if (v == 0) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.3g", v);
        if (!s.contains("e")) {
            s = String.format(Locale.ROOT, "%.2e", v);
        }
        String[] parts = s.split("e");
        String mantissa = parts[0].contains(".") ? parts[0].replaceAll("0+$", "").replaceAll("\\.$", "") : parts[0];
        int exponent = Integer.parseInt(parts[1]);
        return mantissa + "e" + exponent;
    }

    /** Log-axis ticks for the positive range [lo, hi]; {@code superscripts} writes 10⁻⁴, else 1e-4. */
    static TickSet log(double lo, double hi, boolean superscripts) {
        int first = (int) Math.ceil(Math.log10(lo) - 1e-9);
        int last = (int) Math.floor(Math.log10(hi) + 1e-9);
        int decades = last - first;
        List<Double> values = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Double> minor = new ArrayList<>();
        if (decades < 2) {
            // too few powers of ten for a readable axis: label 1, 2 and 5 times each power
            for (int e = first - 1; e <= last; e++) {
                for (double m : new double[] {1, 2, 5}) {
                    double v = m * Math.pow(10, e);
                    if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) {
                        values.add(v);
                        labels.add(format(new double[] {v}, Math.pow(10, Math.min(e, 0)))[0]);
                    }
                }
            }
        } else {
            int every = (decades + 7) / 8; // at most about 8 labelled powers
            for (int e = first; e <= last; e++) {
                if ((e - first) % every == 0) {
                    values.add(Math.pow(10, e));
                    labels.add(powerOfTen(e, superscripts));
                }
            }
        }
        if (decades <= 6) {
            for (int e = first - 1; e <= last; e++) {
                for (int m = 2; m <= 9; m++) {
                    double v = m * Math.pow(10, e);
                    if (v > lo && v < hi) {
                        minor.add(v);
                    }
                }
            }
        }
        return new TickSet(toArray(values), labels.toArray(new String[0]), toArray(minor));
    }

    /** 10 to the power e, as "10⁻⁴" with superscript digits or as "1e-4". */
    static String powerOfTen(int e, boolean superscripts) {
        if (!superscripts) {
            return "1e" + e;
        }
        String digits = Integer.toString(e);
        StringBuilder sb = new StringBuilder("10");
        for (char c : digits.toCharArray()) {
            sb.append(c == '-' ? '\u207B' : "\u2070\u00B9\u00B2\u00B3\u2074\u2075\u2076\u2077\u2078\u2079".charAt(c - '0'));
        }
        return sb.toString();
    }

    private static double[] toArray(List<Double> list) {
        double[] a = new double[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }
}
