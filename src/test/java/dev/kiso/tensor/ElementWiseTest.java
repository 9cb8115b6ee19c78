package dev.kiso.tensor;

import dev.kiso.KisoException;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every element-wise op against a naive loop over the broadcast index, on random shapes and layouts. */
class ElementWiseTest {

    private interface Op2 {
        float apply(float a, float b);
    }

    private interface Op1 {
        float apply(float x);
    }

    /** Two shapes that broadcast: a random output shape, each operand dropping leading axes or setting sizes to 1. */
    private static int[][] broadcastPair(Random rng) {
        int[] out = Views.randomShape(rng, 4, 4);
        return new int[][] {out, squash(rng, out), squash(rng, out)};
    }

    private static int[] squash(Random rng, int[] out) {
        int drop = rng.nextInt(out.length + 1);
        int[] s = new int[out.length - drop];
        for (int d = 0; d < s.length; d++) {
            s[d] = rng.nextInt(3) == 0 ? 1 : out[d + drop];
        }
        return s;
    }

    /** The naive reference: out[i] = f(a[broadcast i], b[broadcast i]) through get(). */
    private static float[] naive(Tensor a, Tensor b, int[] out, Op2 f) {
        float[] r = new float[Views.size(out)];
        for (int k = 0; k < r.length; k++) {
            int[] i = Views.unravel(k, out);
            r[k] = f.apply(a.get(Views.broadcastIndex(i, a.shape())), b.get(Views.broadcastIndex(i, b.shape())));
        }
        return r;
    }

    private static void checkBinary(String name, BiFunction<Tensor, Tensor, Tensor> op, Op2 f) {
        Random rng = new Random(name.hashCode());
        for (int trial = 0; trial < 150; trial++) {
            int[][] s = broadcastPair(rng);
            Tensor a = Views.randomLayout(rng, s[1]);
            Tensor b = Views.randomLayout(rng, s[2]);
            int[] out = Broadcast.shape(name, s[1], s[2]);
            Tensor y = op.apply(a, b);
            assertThat(y.shape()).as(name).containsExactly(out);
            assertThat(y.toArray()).as(name).containsExactly(naive(a, b, out, f));
        }
    }

    private static void checkScalar(String name, BiFunction<Tensor, Float, Tensor> op, Op2 f) {
        Random rng = new Random(name.hashCode());
        for (int trial = 0; trial < 50; trial++) {
            Tensor a = Views.randomLayout(rng, Views.randomShape(rng, 3, 4));
            float c = (float) rng.nextGaussian();
            assertThat(op.apply(a, c).toArray()).as(name)
                    .containsExactly(naive(a, Tensor.scalar(c), a.shape(), f));
        }
    }

    @Test
    void binaryOpsBroadcastLikeNumPy() {
        checkBinary("add", Tensor::add, (a, b) -> a + b);
        checkBinary("sub", Tensor::sub, (a, b) -> a - b);
        checkBinary("mul", Tensor::mul, (a, b) -> a * b);
        checkBinary("div", Tensor::div, (a, b) -> a / b);
        checkBinary("maximum", Tensor::maximum, Math::max);
        checkBinary("minimum", Tensor::minimum, Math::min);
        checkBinary("zip", (a, b) -> a.zip(b, (x, y) -> x * x - y), (x, y) -> x * x - y);
    }

    @Test
    void scalarFormsApplyTheValueToEveryElement() {
        checkScalar("add", Tensor::add, (a, b) -> a + b);
        checkScalar("sub", Tensor::sub, (a, b) -> a - b);
        checkScalar("mul", Tensor::mul, (a, b) -> a * b);
        checkScalar("div", Tensor::div, (a, b) -> a / b);
        checkScalar("maximum", Tensor::maximum, Math::max);
        checkScalar("minimum", Tensor::minimum, Math::min);
    }

    @Test
    void inPlaceOpsWriteThroughTheView() {
        checkInPlace("addi", Tensor::addi, (a, b) -> a + b);
        checkInPlace("subi", Tensor::subi, (a, b) -> a - b);
        checkInPlace("muli", Tensor::muli, (a, b) -> a * b);
        checkInPlace("divi", Tensor::divi, (a, b) -> a / b);
        checkInPlace("axpy", (a, b) -> a.addi(0.5f, b), (a, b) -> a + 0.5f * b);
        checkInPlace("zipi", (a, b) -> a.zipi(b, Math::max), Math::max);
        checkInPlace("copyFrom", Tensor::copyFrom, (a, b) -> b);
    }

    private static void checkInPlace(String name, BiFunction<Tensor, Tensor, Tensor> op, Op2 f) {
        Random rng = new Random(name.hashCode());
        for (int trial = 0; trial < 100; trial++) {
            int[] shape = Views.randomShape(rng, 4, 4);
            Tensor x = Views.randomLayout(rng, shape);
            Tensor b = Views.randomLayout(rng, squash(rng, shape));
            float[] expected = naive(x, b, shape, f);
            float[] before = x.data().clone();
            Tensor result = op.apply(x, b);
            assertThat(result).isSameAs(x);
            assertThat(x.toArray()).as(name).containsExactly(expected);
            // nothing outside the view was touched
            Tensor marker = new Tensor(new float[x.data().length], x.offset(), x.shape(), x.strides());
            marker.fill(1f);
            for (int i = 0; i < before.length; i++) {
                if (marker.data()[i] == 0f) {
                    assertThat(x.data()[i]).isEqualTo(before[i]);
                }
            }
        }
    }

    @Test
    void scalarInPlaceForms() {
        Tensor x = Tensor.arange(6).reshape(2, 3).t();
        x.addi(1f).muli(2f).subi(1f).divi(4f);
        float[] expected = new float[6];
        for (int k = 0; k < 6; k++) {
            int[] i = Views.unravel(k, new int[] {3, 2});
            expected[k] = ((i[1] * 3 + i[0] + 1) * 2f - 1f) / 4f;
        }
        assertThat(x.toArray()).containsExactly(expected);
    }

    @Test
    void inPlaceReadsAnOverlappingOperandBeforeWriting() {
        Tensor x = Tensor.arange(9).reshape(3, 3);
        float[] transposed = x.t().toArray();
        x.copyFrom(x.t());
        assertThat(x.toArray()).containsExactly(transposed);
        Tensor y = Tensor.arange(5);
        y.slice(0, 1, 5).addi(y.slice(0, 0, 4));
        assertThat(y.toArray()).containsExactly(0f, 1f, 3f, 5f, 7f);
    }

    @Test
    void unaryOpsMatchTheMath() {
        checkUnary("neg", Tensor::neg, x -> -x);
        checkUnary("exp", Tensor::exp, x -> (float) Math.exp(x));
        checkUnary("log", Tensor::log, x -> (float) Math.log(x));
        checkUnary("sqrt", Tensor::sqrt, x -> (float) Math.sqrt(x));
        checkUnary("abs", Tensor::abs, Math::abs);
        checkUnary("sign", Tensor::sign, x -> x > 0 ? 1f : x < 0 ? -1f : x);
        checkUnary("tanh", Tensor::tanh, x -> (float) Math.tanh(x));
        checkUnary("sigmoid", Tensor::sigmoid, x -> (float) (1 / (1 + Math.exp(-(double) x))));
        checkUnary("relu", Tensor::relu, x -> x > 0 ? x : 0f);
        checkUnary("square", Tensor::square, x -> x * x);
        checkUnary("pow", t -> t.pow(3f), x -> (float) Math.pow(x, 3));
        checkUnary("map", t -> t.map(x -> 2 * x + 1), x -> 2 * x + 1);
        checkUnary("mapi", t -> t.copy().mapi(x -> 2 * x + 1), x -> 2 * x + 1);
    }

    private static void checkUnary(String name, Function<Tensor, Tensor> op, Op1 f) {
        Random rng = new Random(name.hashCode());
        for (int trial = 0; trial < 60; trial++) {
            Tensor x = Views.randomLayout(rng, Views.randomShape(rng, 4, 4)).mul(3f);
            Tensor y = op.apply(x);
            assertThat(y.shape()).containsExactly(x.shape());
            float[] in = x.toArray();
            float[] out = y.toArray();
            for (int i = 0; i < in.length; i++) {
                if (Float.isNaN(f.apply(in[i]))) {
                    assertThat(out[i]).as("%s(%s)", name, in[i]).isNaN();
                    continue;
                }
                assertThat(out[i]).as("%s(%s)", name, in[i]).isCloseTo(f.apply(in[i]),
                        org.assertj.core.data.Offset.offset(1e-6f * Math.max(1f, Math.abs(f.apply(in[i])))));
            }
        }
    }

    @Test
    void sigmoidAndReluAtTheEdges() {
        Tensor x = Tensor.of(new float[] {-1000f, 1000f, 0f, Float.NaN}, 4);
        assertThat(x.sigmoid().toArray()).containsExactly(0f, 1f, 0.5f, Float.NaN);
        assertThat(x.relu().toArray()).containsExactly(0f, 1000f, 0f, Float.NaN);
    }

    @Test
    void broadcastMistakesNameTheOperationShapesAndAxis() {
        Tensor a = Tensor.zeros(2, 3);
        assertThatThrownBy(() -> a.add(Tensor.zeros(4, 3))).isInstanceOf(KisoException.class)
                .hasMessage("add: shapes [2, 3] and [4, 3] cannot be broadcast (axis 0: 2 vs 4)");
        assertThatThrownBy(() -> a.mul(Tensor.zeros(2))).isInstanceOf(KisoException.class)
                .hasMessageContaining("mul").hasMessageContaining("[2, 3]").hasMessageContaining("[2]");
        assertThatThrownBy(() -> a.addi(Tensor.zeros(5, 2, 3))).isInstanceOf(KisoException.class)
                .hasMessageContaining("addi").hasMessageContaining("[5, 2, 3]")
                .hasMessageContaining("written in place");
        assertThatThrownBy(() -> Tensor.zeros(3).broadcastTo(2, 3).addi(1f)).isInstanceOf(KisoException.class)
                .hasMessageContaining("addi").hasMessageContaining("broadcast view");
    }

    @Test
    void broadcastingMatchesWorkedExamples() {
        // [2, 1] + [3] -> [2, 3]: an outer sum, from the NumPy broadcasting guide
        Tensor col = Tensor.of(new float[] {10f, 20f}, 2, 1);
        Tensor row = Tensor.of(new float[] {1f, 2f, 3f}, 3);
        assertThat(col.add(row).toArray()).containsExactly(11f, 12f, 13f, 21f, 22f, 23f);
        assertThat(Tensor.scalar(2f).mul(row).shape()).containsExactly(3);
        assertThat(Tensor.zeros(0, 3).add(row).shape()).containsExactly(0, 3);
    }
}
