package dev.kiso.tensor;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prints a tensor the way NumPy's {@code repr} prints a float array, with {@code tensor(} in place
 * of {@code array(}:
 * <pre>
 * tensor([[1. , 2.5],
 *         [3. , 4. ]])
 * </pre>
 * Each value is written with the fewest digits that read back as the same float (at most 8
 * after the point); all values share one width so columns line up. Very large or very small
 * magnitudes switch every value to scientific notation. Lines wrap at 75 characters. A tensor of
 * more than 1000 elements is summarised: each axis longer than 6 shows its first and last 3
 * entries around {@code ...}, and the shape is printed after the values.
 */
final class TensorFormat {
    static final int THRESHOLD = 1000;
    static final int EDGE_ITEMS = 3;
    static final int LINE_WIDTH = 75;
    private static final int PRECISION = 8;
    private static final String PREFIX = "tensor(";

    private final Tensor t;
    private final boolean summarise;
    private final NumberFormat numbers;

    private TensorFormat(Tensor t) {
        this.t = t;
        this.summarise = t.size() > THRESHOLD;
        this.numbers = new NumberFormat(shownValues());
    }

    static String format(Tensor t) {
        return new TensorFormat(t).render();
    }

    private String render() {
        int[] shape = t.shape;
        boolean empty = t.size() == 0;
        String body;
        if (empty) {
            body = "[]";
        } else if (shape.length == 0) {
            body = numbers.format(t.data[t.offset]);
        } else {
            // continuation lines line up under the first "[", and the closing ")" needs one column
            String indent = " ".repeat(PREFIX.length() + 1);
            body = rows(new int[0], indent, LINE_WIDTH - 1);
        }
        // the shape is printed when the values do not show it: elided, or empty beyond 1-D
        boolean showShape = summarise || empty && shape.length != 1;
        if (!showShape) {
            return PREFIX + body + ")";
        }
        String head = PREFIX + body + ",";
        String extra = "shape=" + Arrays.toString(shape) + ")";
        int lastLine = head.length() - (head.lastIndexOf('\n') + 1);
        String spacer = lastLine + extra.length() + 1 > LINE_WIDTH ? "\n" + " ".repeat(PREFIX.length()) : " ";
        return head + spacer + extra;
    }

    /** NumPy's {@code _formatArray}: the sub-array at {@code index}, wrapped to {@code width}. */
    private String rows(int[] index, String indent, int width) {
        int axis = index.length;
        if (axis == t.rank()) {
            return numbers.format(t.get(index));
        }
        int axesLeft = t.rank() - axis;
        int n = t.shape[axis];
        List<Integer> shown = shownIndices(n);
        String nextIndent = indent + " ";
        int nextWidth = width - 1;
        StringBuilder s = new StringBuilder();
        if (axesLeft == 1) {
            int elemWidth = width - 1;
            StringBuilder line = new StringBuilder(indent);
            for (int k = 0; k < shown.size(); k++) {
                String word = shown.get(k) < 0 ? "..." : rows(append(index, shown.get(k)), nextIndent, nextWidth);
                boolean last = k == shown.size() - 1;
                if (line.length() + word.length() > elemWidth && line.length() > indent.length()) {
                    s.append(line.toString().stripTrailing()).append('\n');
                    line = new StringBuilder(indent);
                }
                line.append(word);
                if (!last) {
                    line.append(", ");
                }
            }
            s.append(line);
        } else {
            String separator = "," + "\n".repeat(axesLeft - 1);
            for (int k = 0; k < shown.size(); k++) {
                String nested = shown.get(k) < 0 ? "..." : rows(append(index, shown.get(k)), nextIndent, nextWidth);
                s.append(indent).append(nested);
                if (k < shown.size() - 1) {
                    s.append(separator);
                }
            }
        }
        return "[" + s.substring(indent.length()) + "]";
    }

    /** The indices printed along an axis of length {@code n}; -1 stands for the elision. */
    private List<Integer> shownIndices(int n) {
        List<Integer> shown = new ArrayList<>();
        boolean elide = summarise && n > 2 * EDGE_ITEMS;
        for (int i = 0; i < n; i++) {
            if (elide && i == EDGE_ITEMS) {
                shown.add(-1);
                i = n - EDGE_ITEMS;
            }
            shown.add(i);
        }
        return shown;
    }

    /** The values that will be printed (after summarising), which alone decide the number format. */
    private float[] shownValues() {
        if (t.size() == 0) {
            return new float[0];
        }
        if (!summarise) {
            return t.toArray();
        }
        Tensor view = t;
        for (int d = 0; d < t.rank(); d++) {
            int n = t.shape[d];
            if (n > 2 * EDGE_ITEMS) {
                float[] head = view.slice(d, 0, EDGE_ITEMS).toArray();
                float[] tail = view.slice(d, n - EDGE_ITEMS, n).toArray();
                int[] partShape = view.shape.clone();
                partShape[d] = EDGE_ITEMS;
                view = concat(Tensor.wrap(head, partShape), Tensor.wrap(tail, partShape), d);
            }
        }
        return view.toArray();
    }

    /** Joins two tensors of equal shape along {@code axis}. */
    private static Tensor concat(Tensor a, Tensor b, int axis) {
        int[] shape = a.shape.clone();
        shape[axis] *= 2;
        Tensor out = Tensor.zeros(shape);
        out.slice(axis, 0, a.shape[axis]).copyFrom(a);
        out.slice(axis, a.shape[axis], shape[axis]).copyFrom(b);
        return out;
    }

    private static int[] append(int[] index, int i) {
        int[] out = Arrays.copyOf(index, index.length + 1);
        out[index.length] = i;
        return out;
    }

    /**
     * NumPy's {@code FloatingFormat} in its default mode ({@code floatmode='maxprec'},
     * precision 8): one layout shared by all printed values.
     */
    static final class NumberFormat {
        private final boolean scientific;
        private int padLeft;
        private int padRight;
        private int expDigits;

        NumberFormat(float[] values) {
            double maxAbs = 0;
            double minAbs = Double.POSITIVE_INFINITY;
            boolean anyFinite = false;
            boolean negativeInf = false;
            boolean anyNonFinite = false;
            for (float v : values) {
                if (Float.isFinite(v)) {
                    anyFinite = true;
                    double a = Math.abs(v);
                    if (a != 0) {
                        maxAbs = Math.max(maxAbs, a);
                        minAbs = Math.min(minAbs, a);
                    }
                } else {
                    anyNonFinite = true;
                    negativeInf |= v == Float.NEGATIVE_INFINITY;
                }
            }
            // NumPy 2.3+: the upper cut-off is 10^(digits a float32 holds) = 1e6
            scientific = maxAbs >= 1e6 || minAbs < 1e-4 || maxAbs / minAbs > 1e3 && minAbs != Double.POSITIVE_INFINITY;
            if (anyFinite) {
                for (float v : values) {
                    if (Float.isFinite(v)) {
                        measure(v);
                    }
                }
            }
            if (anyNonFinite) {
                // room for "nan", "inf" or "-inf", right-aligned in the same width
                int afterPoint = scientific ? padRight + expDigits + 2 : padRight;
                padLeft = Math.max(padLeft, (negativeInf ? 4 : 3) - afterPoint - 1);
            }
        }

        private void measure(float v) {
            String[] parts = scientific ? scientificParts(v, 0) : new String[] {positional(v), ""};
            String s = parts[0];
            int dot = s.indexOf('.');
            padLeft = Math.max(padLeft, dot);
            padRight = Math.max(padRight, s.length() - dot - 1);
            expDigits = Math.max(expDigits, parts[1].length() - 1);
        }

        String format(float v) {
            String s;
            if (!Float.isFinite(v)) {
                s = Float.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
                int width = padLeft + 1 + (scientific ? padRight + expDigits + 2 : padRight);
                return " ".repeat(Math.max(0, width - s.length())) + s;
            }
            if (scientific) {
                String[] parts = scientificParts(v, padRight);
                String mantissa = parts[0];
                int dot = mantissa.indexOf('.');
                String zeros = "0".repeat(Math.max(0, padRight - (mantissa.length() - dot - 1)));
                String exp = parts[1];
                String digits = exp.substring(1);
                exp = exp.charAt(0) + "0".repeat(Math.max(0, expDigits - digits.length())) + digits;
                s = mantissa + zeros + "e" + exp;
                return " ".repeat(Math.max(0, padLeft - dot)) + s;
            }
            s = positional(v);
            int dot = s.indexOf('.');
            int frac = s.length() - dot - 1;
            return " ".repeat(padLeft - dot) + s + " ".repeat(padRight - frac);
        }

        /** The shortest decimal that reads back as {@code v}, at most 8 digits after the point, e.g. "2.5", "3.". */
        private static String positional(float v) {
            BigDecimal d = shortest(v);
            if (d.scale() > PRECISION) {
                d = new BigDecimal(v).setScale(PRECISION, RoundingMode.HALF_EVEN).stripTrailingZeros();
            }
            String s = d.scale() <= 0 ? d.setScale(0, RoundingMode.UNNECESSARY).toPlainString() + "." : d.toPlainString();
            return v < 0 || (v == 0 && 1 / v < 0) ? (s.startsWith("-") ? s : "-" + s) : s;
        }

        /**
         * {"1.5", "-05"}: the shortest mantissa that reads back as {@code v} and its exponent.
         * When {@code minDigits} asks for more digits after the point than that, they are the exact
         * value's digits, rounded (as NumPy: {@code 3.33333343e-01}, not {@code 3.33333340e-01}).
         */
        private static String[] scientificParts(float v, int minDigits) {
            if (v == 0) {
                return new String[] {(1 / v < 0 ? "-" : "") + "0.", "+00"};
            }
            BigDecimal d = shortest(v);
            if (d.precision() < minDigits + 1) {
                d = new BigDecimal(v).round(new MathContext(minDigits + 1, RoundingMode.HALF_EVEN));
            }
            int exponent = d.precision() - d.scale() - 1;
            String digits = d.unscaledValue().abs().toString();
            String mantissa = digits.charAt(0) + "." + digits.substring(1);
            String sign = exponent < 0 ? "-" : "+";
            String exp = String.valueOf(Math.abs(exponent));
            return new String[] {(v < 0 ? "-" : "") + mantissa, sign + (exp.length() < 2 ? "0" + exp : exp)};
        }

        /** The decimal with the fewest significant digits that rounds back to {@code v}. */
        private static BigDecimal shortest(float v) {
            BigDecimal exact = new BigDecimal(v);
            if (v == 0) {
                return BigDecimal.ZERO;
            }
            for (int digits = 1; digits < 9; digits++) {
                BigDecimal d = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
                if (d.floatValue() == v) {
                    return d.stripTrailingZeros();
                }
            }
            return exact.round(new MathContext(9, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        }
    }
}
