package dev.kiso.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiso.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Tensor.matmul hands transposed views to GEMM as transpose flags: the result must equal the product
 * of contiguous copies, and a naive loop over {@code get(i, p)}.
 */
class TensorMatmulTransposeTest {

    private static void checkSame(Tensor a, Tensor b) {
        Tensor viaViews = a.matmul(b);
        Tensor viaCopies = a.contiguous().matmul(b.contiguous());
        assertThat(viaViews.shape()).containsExactly(a.shape(0), b.shape(1));
        assertThat(viaViews.allClose(viaCopies, 1e-5f, 1e-5f)).as("views vs copies").isTrue();
        for (int i = 0; i < a.shape(0); i++) {
            for (int j = 0; j < b.shape(1); j++) {
                double sum = 0;
                for (int p = 0; p < a.shape(1); p++) {
                    sum += (double) a.get(i, p) * b.get(p, j);
                }
                assertThat((double) viaViews.get(i, j)).as("C[%d][%d]", i, j)
                        .isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-4 * (1 + Math.abs(sum))));
            }
        }
    }

    @Test
    void transposedViewsMatchContiguousCopies() {
        Random rng = new Random(42);
        int[][] shapes = {{7, 5, 3}, {1, 4, 6}, {6, 1, 4}, {5, 4, 1}, {33, 40, 17}, {1, 1, 1}};
        for (int[] s : shapes) {
            int m = s[0];
            int k = s[1];
            int n = s[2];
            Tensor a = Tensor.randn(rng, 0f, 1f, m, k);
            Tensor b = Tensor.randn(rng, 0f, 1f, k, n);
            Tensor aT = Tensor.randn(rng, 0f, 1f, k, m).t();   // [m, k] view, column-major
            Tensor bT = Tensor.randn(rng, 0f, 1f, n, k).t();   // [k, n] view, column-major
            checkSame(a, b);
            checkSame(aT, b);
            checkSame(a, bT);
            checkSame(aT, bT);
        }
    }

    @Test
    void slicedAndSteppedViewsMatchContiguousCopies() {
        Random rng = new Random(7);
        Tensor big = Tensor.randn(rng, 0f, 1f, 12, 10);
        Tensor a = big.slice(0, 1, 9).slice(1, 2, 8);          // [8, 6], row stride 10
        Tensor b = Tensor.randn(rng, 0f, 1f, 9, 14).t().slice(0, 1, 7); // [6, 9] transposed view
        checkSame(a, b);
        checkSame(a.t().t(), b);
        Tensor stepped = big.slice(1, 0, 10, 2);               // [12, 5], column stride 2: copied
        checkSame(stepped, Tensor.randn(rng, 0f, 1f, 5, 3));
        checkSame(big.t().slice(1, 0, 12, 3), Tensor.randn(rng, 0f, 1f, 4, 2)); // [10, 4], strides {1, 30}
    }
}
