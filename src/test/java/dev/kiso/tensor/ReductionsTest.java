package dev.kiso.tensor;

import dev.kiso.KisoException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Reductions against naive loops over random shapes, layouts, axis sets and keepDims. */
class ReductionsTest {

    private enum Kind { SUM, MEAN, MAX, MIN, VAR_BIASED, VAR_UNBIASED }

    /** The naive reference: for each kept index, gather the reduced elements and combine them. */
    private static float[] naive(Tensor x, boolean[] reduced, Kind kind) {
        int[] shape = x.shape();
        int[] kept = shape.clone();
        for (int d = 0; d < shape.length; d++) {
            if (reduced[d]) {
                kept[d] = 1;
            }
        }
        float[] out = new float[Views.size(kept)];
        for (int o = 0; o < out.length; o++) {
            int[] ko = Views.unravel(o, kept);
            List<Float> group = new ArrayList<>();
            for (int k = 0; k < x.size(); k++) {
                int[] i = Views.unravel(k, shape);
                boolean match = true;
                for (int d = 0; d < shape.length; d++) {
                    match &= reduced[d] || i[d] == ko[d];
                }
                if (match) {
                    group.add(x.get(i));
                }
            }
            out[o] = combine(group, kind);
        }
        return out;
    }

    private static float combine(List<Float> g, Kind kind) {
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (float v : g) {
            sum += v;
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        double mean = sum / g.size();
        double ss = 0;
        for (float v : g) {
            ss += (v - mean) * (v - mean);
        }
        switch (kind) {
            case SUM: return (float) sum;
            case MEAN: return (float) mean;
            case MAX: return (float) max;
            case MIN: return (float) min;
            case VAR_BIASED: return (float) (ss / g.size());
            default: return (float) (ss / (g.size() - 1));
        }
    }

    private static Tensor apply(Tensor x, int[] axes, boolean keepDims, Kind kind) {
        switch (kind) {
            case SUM: return x.sum(axes, keepDims);
            case MEAN: return x.mean(axes, keepDims);
            case MAX: return x.max(axes, keepDims);
            case MIN: return x.min(axes, keepDims);
            case VAR_BIASED: return x.variance(axes, keepDims, 0);
            default: return x.variance(axes, keepDims, 1);
        }
    }

    @Test
    void everyReductionMatchesANaiveLoop() {
        Random rng = new Random(11);
        for (int trial = 0; trial < 300; trial++) {
            int[] shape = Views.randomShape(rng, 4, 4);
            Tensor x = Views.randomLayout(rng, shape);
            boolean[] reduced = new boolean[shape.length];
            List<Integer> axes = new ArrayList<>();
            for (int d = 0; d < shape.length; d++) {
                if (rng.nextBoolean()) {
                    reduced[d] = true;
                    axes.add(rng.nextBoolean() ? d : d - shape.length);
                }
            }
            int[] axesArray = axes.stream().mapToInt(Integer::intValue).toArray();
            boolean keepDims = rng.nextBoolean();
            Kind kind = Kind.values()[trial % Kind.values().length];
            Tensor y = apply(x, axesArray, keepDims, kind);
            int[] expectedShape = expectedShape(shape, reduced, keepDims);
            assertThat(y.shape()).as("%s %s over %s", kind, Arrays.toString(shape), axes).containsExactly(expectedShape);
            float[] expected = naive(x, reduced, kind);
            float[] actual = y.toArray();
            for (int i = 0; i < expected.length; i++) {
                if (Float.isNaN(expected[i])) {
                    assertThat(actual[i]).isNaN(); // unbiased variance of one value: 0/0
                } else if (Float.isInfinite(expected[i])) {
                    assertThat(actual[i]).isEqualTo(expected[i]);
                } else {
                    assertThat(actual[i]).as("%s %s over %s", kind, Arrays.toString(shape), axes)
                            .isCloseTo(expected[i], within(1e-5f * (1 + Math.abs(expected[i]))));
                }
            }
        }
    }

    private static int[] expectedShape(int[] shape, boolean[] reduced, boolean keepDims) {
        List<Integer> out = new ArrayList<>();
        for (int d = 0; d < shape.length; d++) {
            if (!reduced[d]) {
                out.add(shape[d]);
            } else if (keepDims) {
                out.add(1);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void fullReductionsAndSingleAxisForms() {
        Tensor x = Tensor.of(new float[] {1f, 5f, 3f, 2f, 8f, -1f}, 2, 3);
        assertThat(x.sum()).isEqualTo(18f);
        assertThat(x.mean()).isEqualTo(3f);
        assertThat(x.max()).isEqualTo(8f);
        assertThat(x.min()).isEqualTo(-1f);
        // population variance: mean of squared deviations, (4+4+0+1+25+16)/6
        assertThat(x.variance()).isCloseTo(50f / 6f, within(1e-6f));
        assertThat(x.variance(Reductions.allAxes(x), false, 1).item()).isCloseTo(10f, within(1e-6f));
        assertThat(x.sum(0).toArray()).containsExactly(3f, 13f, 2f);
        assertThat(x.mean(-1).toArray()).containsExactly(3f, 3f);
        assertThat(x.max(1).toArray()).containsExactly(5f, 8f);
        assertThat(x.min(0).toArray()).containsExactly(1f, 5f, -1f);
        assertThat(x.variance(1).toArray()).containsExactly(8f / 3f, 42f / 3f);
        assertThat(x.argmax()).isEqualTo(4);
        assertThat(x.argmax(1).toArray()).containsExactly(1f, 1f);
        assertThat(x.argmax(0, true).shape()).containsExactly(1, 3);
        assertThat(x.argmax(0, true).toArray()).containsExactly(1f, 1f, 0f);
        assertThat(x.sum(new int[0], false).toArray()).containsExactly(x.toArray());
    }

    @Test
    void argmaxMatchesANaiveScanOnRandomViews() {
        Random rng = new Random(5);
        for (int trial = 0; trial < 200; trial++) {
            int[] shape = Views.randomShape(rng, 4, 4);
            if (shape.length == 0) {
                continue;
            }
            Tensor x = Views.randomLayout(rng, shape).mul(2f).map(v -> (float) Math.rint(v)); // ties happen
            int axis = rng.nextInt(shape.length);
            Tensor y = x.argmax(axis, true);
            for (int o = 0; o < y.size(); o++) {
                int[] i = Views.unravel(o, y.shape());
                int best = 0;
                for (int k = 1; k < shape[axis]; k++) {
                    int[] a = i.clone();
                    a[axis] = k;
                    int[] b = i.clone();
                    b[axis] = best;
                    if (x.get(a) > x.get(b)) {
                        best = k;
                    }
                }
                assertThat(y.get(i)).isEqualTo((float) best);
            }
        }
    }

    @Test
    void nanPropagatesThroughMaxAndArgmaxFindsIt() {
        Tensor x = Tensor.of(new float[] {1f, Float.NaN, 7f}, 3);
        assertThat(x.max()).isNaN();
        assertThat(x.min()).isNaN();
        assertThat(x.argmax()).isEqualTo(1);
    }

    @Test
    void sumsStayAccurateForMillionsOfValues() {
        int n = 1 << 22;
        float[] v = new float[n];
        Arrays.fill(v, 0.1f);
        Tensor x = Tensor.of(v, n);
        double exact = n * (double) 0.1f;
        assertThat((double) x.sum()).isCloseTo(exact, within(exact * 1e-7));
        assertThat((double) x.mean()).isCloseTo(0.1f, within(1e-8));
        // variance with a huge mean: a one-pass E[x²]-E[x]² would cancel to garbage
        Tensor shifted = Tensor.of(new float[] {10000f, 10001f, 10002f}, 3);
        assertThat(shifted.variance()).isCloseTo(2f / 3f, within(1e-5f));
    }

    @Test
    void emptyReductions() {
        Tensor e = Tensor.zeros(0, 3);
        assertThat(e.sum()).isZero();
        assertThat(e.sum(0).toArray()).containsExactly(0f, 0f, 0f);
        assertThat(e.mean()).isNaN();
        assertThat(e.max(1).shape()).containsExactly(0);
        assertThatThrownBy(() -> e.max(0)).isInstanceOf(KisoException.class)
                .hasMessageContaining("max").hasMessageContaining("[0, 3]").hasMessageContaining("empty");
        assertThatThrownBy(e::argmax).isInstanceOf(KisoException.class).hasMessageContaining("argmax");
    }

    @Test
    void axisMistakesNameTheOperationShapeAndAxis() {
        Tensor x = Tensor.zeros(2, 3);
        assertThatThrownBy(() -> x.sum(2)).isInstanceOf(KisoException.class)
                .hasMessage("sum: axis 2 is out of range for shape [2, 3] (rank 2)");
        assertThatThrownBy(() -> x.mean(new int[] {1, -1}, true)).isInstanceOf(KisoException.class)
                .hasMessageContaining("mean").hasMessageContaining("given twice").hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> x.argmax(-3)).isInstanceOf(KisoException.class)
                .hasMessageContaining("argmax").hasMessageContaining("axis -3");
        assertThatThrownBy(() -> x.variance(new int[] {0}, false, -1)).isInstanceOf(KisoException.class)
                .hasMessageContaining("correction -1");
    }
}
