package dev.kiso.tensor;

import dev.kiso.KisoException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** matmul on transposed, sliced, size-1 and broadcast views against a naive triple loop. */
class MatMulTest {

    /** Naive (batched, broadcast) product through get(). */
    private static float[] naive(Tensor a, Tensor b, int[] outShape) {
        int m = a.shape(-2);
        int k = a.shape(-1);
        int n = b.shape(-1);
        float[] out = new float[Views.size(outShape)];
        for (int o = 0; o < out.length; o++) {
            int[] idx = Views.unravel(o, outShape);
            double s = 0;
            for (int p = 0; p < k; p++) {
                int[] ia = idx.clone();
                ia[ia.length - 1] = p;
                int[] ib = idx.clone();
                ib[ib.length - 2] = p;
                s += a.get(Views.broadcastIndex(ia, a.shape())) * b.get(Views.broadcastIndex(ib, b.shape()));
            }
            out[o] = (float) s;
        }
        assertThat(m * n).isNotNegative();
        return out;
    }

    /** A random [r, c] operand in one of the layouts GEMM meets: contiguous, transposed, sliced, broadcast. */
    private static Tensor operand(Random rng, int r, int c) {
        switch (rng.nextInt(5)) {
            case 0: return Tensor.randn(rng, 0f, 1f, c, r).t();                          // transposed
            case 1: return Tensor.randn(rng, 0f, 1f, r + 2, c + 3).slice(0, 1, r + 1).slice(1, 2, c + 2);
            case 2: return Tensor.randn(rng, 0f, 1f, c + 3, r).slice(0, 1, c + 1).t();   // sliced, transposed
            case 3: return Tensor.randn(rng, 0f, 1f, 1, c).broadcastTo(r, c);            // stride 0 rows
            default: return Views.randomLayout(rng, r, c);
        }
    }

    @Test
    void twoDimensionalProductsOnEveryLayout() {
        Random rng = new Random(17);
        for (int trial = 0; trial < 300; trial++) {
            int m = 1 + rng.nextInt(5);
            int k = 1 + rng.nextInt(5);
            int n = 1 + rng.nextInt(5);
            Tensor a = operand(rng, m, k);
            Tensor b = operand(rng, k, n);
            Tensor c = a.matmul(b);
            assertThat(c.shape()).containsExactly(m, n);
            assertClose(c.toArray(), naive(a, b, new int[] {m, n}), a, b);
        }
    }

    @Test
    void sizeOneAxesWithOddStridesAreReadCorrectly() {
        float[] data = {1f, 2f, 3f, 4f, 5f, 6f};
        // a row vector whose only stride that matters is 2; a column whose row stride is 3
        Tensor row = new Tensor(data, 1, new int[] {1, 3}, new int[] {0, 2});
        Tensor col = new Tensor(data, 0, new int[] {3, 1}, new int[] {2, 7 - 7});
        assertThat(row.matmul(col).item()).isEqualTo(2f * 1f + 4f * 3f + 6f * 5f);
        Tensor outer = col.matmul(row);
        assertThat(outer.toArray()).containsExactly(naive(col, row, new int[] {3, 3}));
        // a column read out of a transposed matrix: shape [1, k] with a large column stride
        Tensor x = Tensor.arange(12).reshape(4, 3);
        Tensor firstColumnAsRow = x.t().slice(0, 0, 1);
        assertThat(firstColumnAsRow.matmul(Tensor.ones(4, 1)).item()).isEqualTo(0f + 3f + 6f + 9f);
    }

    @Test
    void batchedProductsBroadcastTheLeadingAxes() {
        Random rng = new Random(23);
        for (int trial = 0; trial < 100; trial++) {
            int m = 1 + rng.nextInt(4);
            int k = 1 + rng.nextInt(4);
            int n = 1 + rng.nextInt(4);
            int[] batch = Views.randomShape(rng, 2, 3);
            int[] batchA = squash(rng, batch);
            int[] batchB = squash(rng, batch);
            Tensor a = Views.randomLayout(rng, concat(batchA, m, k));
            Tensor b = rng.nextBoolean() ? Views.randomLayout(rng, concat(batchB, k, n))
                    : Views.randomLayout(rng, concat(batchB, n, k)).transpose(-1, -2);
            int[] outBatch = Broadcast.shape("test", batchA, batchB);
            int[] outShape = concat(outBatch, m, n);
            Tensor c = a.matmul(b);
            assertThat(c.shape()).containsExactly(outShape);
            assertClose(c.toArray(), naive(a, b, outShape), a, b);
        }
    }

    @Test
    void matmulIntoWritesABlockAndAccumulates() {
        Random rng = new Random(4);
        Tensor a = Tensor.randn(rng, 0f, 1f, 3, 2);
        Tensor b = Tensor.randn(rng, 0f, 1f, 4, 2).t();
        float[] c = new float[2 + 3 * 6];
        Arrays.fill(c, 1f);
        Tensor.matmulInto(a, b, c, 2, 6, true);
        float[] ab = naive(a, b, new int[] {3, 4});
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 6; j++) {
                float expected = j < 4 ? 1f + ab[i * 4 + j] : 1f;
                assertThat(c[2 + i * 6 + j]).isCloseTo(expected, within(1e-5f));
            }
        }
        assertThat(c[0]).isEqualTo(1f);
        float[] zeroK = {5f, 5f};
        Tensor.matmulInto(Tensor.zeros(1, 0), Tensor.zeros(0, 2), zeroK, 0, 2, false);
        assertThat(zeroK).containsExactly(0f, 0f);
    }

    @Test
    void mistakesNameTheShapes() {
        assertThatThrownBy(() -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5))).isInstanceOf(KisoException.class)
                .hasMessage("matmul: shapes [2, 3] and [4, 5] do not align (3 != 4)");
        assertThatThrownBy(() -> Tensor.zeros(3).matmul(Tensor.zeros(3, 1))).isInstanceOf(KisoException.class)
                .hasMessageContaining("rank 2");
        assertThatThrownBy(() -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 1))).isInstanceOf(KisoException.class)
                .hasMessageContaining("matmul").hasMessageContaining("[2]").hasMessageContaining("[3]");
        assertThatThrownBy(() -> Tensor.matmulInto(Tensor.zeros(2, 3), Tensor.zeros(3, 4), new float[7], 0, 4, false))
                .isInstanceOf(KisoException.class).hasMessageContaining("does not fit an array of 7");
        assertThatThrownBy(() -> Tensor.matmulInto(Tensor.zeros(2, 3), Tensor.zeros(2, 4), new float[8], 0, 4, false))
                .isInstanceOf(KisoException.class).hasMessageContaining("[2, 3] and [2, 4]");
    }

    private static void assertClose(float[] actual, float[] expected, Tensor a, Tensor b) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("a %s strides %s, b %s strides %s", Arrays.toString(a.shape()),
                    Arrays.toString(a.strides()), Arrays.toString(b.shape()), Arrays.toString(b.strides()))
                    .isCloseTo(expected[i], within(1e-4f));
        }
    }

    private static int[] squash(Random rng, int[] shape) {
        int drop = rng.nextInt(shape.length + 1);
        int[] s = Arrays.copyOfRange(shape, drop, shape.length);
        for (int d = 0; d < s.length; d++) {
            if (rng.nextInt(3) == 0) {
                s[d] = 1;
            }
        }
        return s;
    }

    private static int[] concat(int[] batch, int r, int c) {
        int[] s = Arrays.copyOf(batch, batch.length + 2);
        s[batch.length] = r;
        s[batch.length + 1] = c;
        return s;
    }
}
