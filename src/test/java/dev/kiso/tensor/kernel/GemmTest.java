package dev.kiso.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.kiso.KisoException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Checks both GEMM kernels against a naive triple loop summed in double: awkward shapes (0, 1,
 * primes, one past every block size, large k), all four transpose combinations, offsets, padded
 * leading dimensions (the padding of C must survive), and accumulate on and off.
 */
class GemmTest {
    private static final float PAD = 12345.5f;
    private static final WorkerPool ONE = new WorkerPool(1);
    private static final WorkerPool TWO = new WorkerPool(2);
    private static final WorkerPool THREE = new WorkerPool(3);

    /** {m, n, k}: edge sizes, one past the blocks of both kernels (KC 256, MC 16/192, NC 512/4096), and convolution shapes (C at most 64 rows reads B in place). */
    static final int[][] SHAPES = {
        {1, 1, 1}, {0, 5, 3}, {5, 0, 3}, {4, 3, 0}, {1, 7, 1}, {7, 1, 13}, {2, 3, 1},
        {13, 17, 19}, {9, 33, 257}, {37, 65, 31}, {100, 30, 25}, {193, 45, 11},
        {17, 531, 7}, {3, 4100, 2}, {2, 3, 5000}, {8, 32, 256}, {31, 97, 513},
        {16, 784, 144}, {64, 49, 576},
    };

    /**
     * {m, n, k} of NT problems that take the dot-product path (C at most 32 rows, K at least 512):
     * single rows and columns, the edges of its 5x4 tiles, K past the last full vector, and the
     * weight-gradient shapes of W2 and W3's first layer.
     */
    static final int[][] DOT_SHAPES = {
        {1, 1, 512}, {25, 30, 576}, {9, 16, 784}, {5, 4, 512}, {6, 5, 513}, {7, 3, 527},
        {32, 33, 530}, {11, 1, 600}, {1, 9, 1031}, {4, 7, 543},
    };

    @AfterAll
    static void noteThreads() {
        assertThat(TWO.threads()).isEqualTo(2);
    }

    /** A GEMM problem with its operands laid out at offsets and with padded strides. */
    static final class Problem {
        final boolean transA;
        final boolean transB;
        final int m;
        final int n;
        final int k;
        final int aOff;
        final int lda;
        final int bOff;
        final int ldb;
        final int cOff;
        final int ldc;
        final float[] a;
        final float[] b;
        final float[] c0;

        Problem(Random rng, boolean transA, boolean transB, int m, int n, int k) {
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            int aRows = transA ? k : m;
            int aCols = transA ? m : k;
            int bRows = transB ? n : k;
            int bCols = transB ? k : n;
            aOff = 3;
            lda = aCols + 2;
            bOff = 5;
            ldb = bCols + 1;
            cOff = 7;
            ldc = n + 3;
            a = random(rng, aOff + aRows * lda);
            b = random(rng, bOff + bRows * ldb);
            c0 = random(rng, cOff + m * ldc + 4);
            for (int i = 0; i < c0.length; i++) {
                int rel = i - cOff;
                if (rel < 0 || rel >= m * ldc || rel % ldc >= n) {
                    c0[i] = PAD;
                }
            }
        }

        float aAt(int i, int p) {
            return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
        }

        float bAt(int p, int j) {
            return transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
        }

        float[] run(GemmKernel kernel, WorkerPool pool, boolean accumulate) {
            float[] c = c0.clone();
            Gemm.multiply(kernel, pool, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb,
                    c, cOff, ldc, accumulate);
            return c;
        }

        void check(float[] c, boolean accumulate, String what) {
            for (int idx = 0; idx < c.length; idx++) {
                int rel = idx - cOff;
                if (rel < 0 || rel >= m * ldc || rel % ldc >= n) {
                    if (c[idx] != PAD) {
                        fail(what + ": padding of C changed at index " + idx);
                    }
                }
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = accumulate ? c0[cOff + i * ldc + j] : 0.0;
                    double abs = Math.abs(sum);
                    for (int p = 0; p < k; p++) {
                        double term = (double) aAt(i, p) * bAt(p, j);
                        sum += term;
                        abs += Math.abs(term);
                    }
                    double got = c[cOff + i * ldc + j];
                    double tol = 4e-7 * (k + 2) * abs + 1e-30;
                    if (!(Math.abs(got - sum) <= tol)) {
                        fail(what + ": C[" + i + "][" + j + "] = " + got + ", expected " + sum + " (tol " + tol + ")");
                    }
                }
            }
        }

        @Override
        public String toString() {
            return (transA ? "T" : "N") + (transB ? "T" : "N") + " m=" + m + " n=" + n + " k=" + k;
        }
    }

    static float[] random(Random rng, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (rng.nextGaussian());
        }
        return x;
    }

    static List<GemmKernel> kernels() {
        List<GemmKernel> kernels = new ArrayList<>();
        kernels.add(GemmKernels.plain());
        if (GemmKernels.vectorModulePresent()) {
            kernels.add(GemmKernels.vector());
        }
        return kernels;
    }

    private static void checkAll(GemmKernel kernel, WorkerPool pool) {
        Random rng = new Random(7);
        for (int[] s : SHAPES) {
            for (int t = 0; t < 4; t++) {
                Problem problem = new Problem(rng, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2]);
                for (boolean accumulate : new boolean[] {false, true}) {
                    String what = kernel.describe() + " " + problem + " accumulate=" + accumulate;
                    problem.check(problem.run(kernel, pool, accumulate), accumulate, what);
                }
            }
        }
    }

    @Test
    void plainKernelMatchesNaiveLoop() {
        checkAll(GemmKernels.plain(), ONE);
    }

    @Test
    void vectorKernelMatchesNaiveLoop() {
        Assumptions.assumeTrue(GemmKernels.vectorModulePresent(), "run with --add-modules jdk.incubator.vector");
        checkAll(GemmKernels.vector(), ONE);
    }

    @Test
    void twoThreadsMatchNaiveLoopOnLargeProblems() {
        Random rng = new Random(11);
        for (GemmKernel kernel : kernels()) {
            for (int t = 0; t < 4; t++) {
                Problem tall = new Problem(rng, (t & 1) != 0, (t & 2) != 0, 203, 77, 300);
                tall.check(tall.run(kernel, TWO, true), true, kernel.describe() + " 2 threads " + tall);
                Problem wide = new Problem(rng, (t & 1) != 0, (t & 2) != 0, 45, 331, 260);
                wide.check(wide.run(kernel, TWO, false), false, kernel.describe() + " 2 threads " + wide);
                // op(B) big enough that the threads pack it together, three K blocks of 177
                Problem shared = new Problem(rng, (t & 1) != 0, (t & 2) != 0, 261, 190, 530);
                shared.check(shared.run(kernel, TWO, false), false, kernel.describe() + " 2 threads " + shared);
            }
        }
    }

    @Test
    void oneAndTwoThreadsGiveIdenticalBits() {
        Random rng = new Random(3);
        int[][] shapes = {{203, 77, 300}, {45, 331, 260}, {129, 128, 129}, {300, 300, 40}, {261, 190, 530}};
        for (GemmKernel kernel : kernels()) {
            for (int[] s : shapes) {
                assertThat((long) s[0] * s[1] * s[2]).isGreaterThanOrEqualTo(Gemm.PARALLEL_MIN_WORK);
                for (int t = 0; t < 4; t++) {
                    Problem problem = new Problem(rng, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2]);
                    for (boolean accumulate : new boolean[] {false, true}) {
                        float[] one = problem.run(kernel, ONE, accumulate);
                        float[] two = problem.run(kernel, TWO, accumulate);
                        assertThat(Arrays.equals(one, two))
                                .as("%s %s accumulate=%s", kernel.describe(), problem, accumulate)
                                .isTrue();
                    }
                }
            }
        }
    }

    @Test
    void concurrentCallersShareThePoolSafely() throws InterruptedException {
        Random rng = new Random(13);
        for (GemmKernel kernel : kernels()) {
            Problem problem = new Problem(rng, true, false, 150, 140, 130);
            float[] expected = problem.run(kernel, ONE, false);
            float[][] results = new float[4][];
            Thread[] callers = new Thread[results.length];
            for (int t = 0; t < callers.length; t++) {
                int slot = t;
                callers[t] = new Thread(() -> {
                    for (int repeat = 0; repeat < 5; repeat++) {
                        results[slot] = problem.run(kernel, TWO, false);
                        if (!Arrays.equals(results[slot], expected)) {
                            return;
                        }
                    }
                });
                callers[t].start();
            }
            for (Thread caller : callers) {
                caller.join();
            }
            for (float[] result : results) {
                assertThat(Arrays.equals(result, expected)).as(kernel.describe()).isTrue();
            }
        }
    }

    @Test
    void plainAndVectorKernelsAgree() {
        Assumptions.assumeTrue(GemmKernels.vectorModulePresent(), "run with --add-modules jdk.incubator.vector");
        Random rng = new Random(5);
        for (int t = 0; t < 4; t++) {
            Problem problem = new Problem(rng, (t & 1) != 0, (t & 2) != 0, 100, 100, 784);
            float[] plain = problem.run(GemmKernels.plain(), TWO, false);
            float[] vector = problem.run(GemmKernels.vector(), TWO, false);
            for (int i = 0; i < plain.length; i++) {
                assertThat(vector[i]).as("%s index %d", problem, i)
                        .isCloseTo(plain[i], org.assertj.core.data.Offset.offset(2e-3f));
            }
        }
    }

    @Test
    void dotProductPathMatchesNaiveLoop() {
        assumeDotProductPath();
        Random rng = new Random(17);
        for (int[] s : DOT_SHAPES) {
            assertThat(DotProductKernel.suits(false, true, s[0], s[2])).as("%s takes the dot path", Arrays.toString(s))
                    .isTrue();
            Problem problem = new Problem(rng, false, true, s[0], s[1], s[2]);
            for (boolean accumulate : new boolean[] {false, true}) {
                problem.check(problem.run(GemmKernels.vector(), ONE, accumulate), accumulate,
                        "dot path " + problem + " accumulate=" + accumulate);
            }
        }
    }

    @Test
    void dotProductPathGivesOneTwoAndThreeThreadsIdenticalBits() {
        assumeDotProductPath();
        Random rng = new Random(19);
        for (int[] s : new int[][] {{32, 200, 600}, {29, 150, 701}}) {
            assertThat((long) s[0] * s[1] * s[2]).isGreaterThanOrEqualTo(Gemm.PARALLEL_MIN_WORK);
            Problem problem = new Problem(rng, false, true, s[0], s[1], s[2]);
            float[] one = problem.run(GemmKernels.vector(), ONE, true);
            problem.check(one, true, "dot path " + problem);
            assertThat(problem.run(GemmKernels.vector(), TWO, true)).as("2 threads, %s", problem).isEqualTo(one);
            assertThat(problem.run(GemmKernels.vector(), THREE, true)).as("3 threads, %s", problem).isEqualTo(one);
        }
    }

    /**
     * The kernel contract: an element of C depends on its row of A, its row of B and k only. Every
     * block of C computed as a problem of its own (other edge tiles, other rows re-read in place of
     * the missing ones) must give the bits of the whole product.
     */
    @Test
    void dotProductPathGivesAnElementTheSameBitsInAnyBlock() {
        assumeDotProductPath();
        int m = 27;
        int n = 30;
        int k = 577;
        Random rng = new Random(23);
        float[] a = random(rng, m * k);
        float[] b = random(rng, n * k);
        float[] whole = timesTransposed(a, 0, b, 0, m, n, k);
        int[][] blocks = {{0, 1, 0, 1}, {26, 27, 29, 30}, {3, 9, 2, 7}, {5, 27, 1, 30}, {0, 27, 13, 14}, {8, 12, 0, 30}};
        for (int[] blk : blocks) {
            int rows = blk[1] - blk[0];
            int cols = blk[3] - blk[2];
            float[] part = timesTransposed(a, blk[0] * k, b, blk[2] * k, rows, cols, k);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    assertThat(part[i * cols + j]).as("C[%d][%d] in block %s", blk[0] + i, blk[2] + j,
                            Arrays.toString(blk)).isEqualTo(whole[(blk[0] + i) * n + blk[2] + j]);
                }
            }
        }
    }

    /**
     * {m, n, k} of products cut along K ({@link SplitK}): W1's and W2's fully connected forward
     * (2 and 4 parts), K not a multiple of the parts, C of exactly the largest size, one row.
     */
    static final int[][] SPLIT_SHAPES = {{100, 100, 784}, {100, 100, 4320}, {37, 61, 1601},
        {128, 128, 769}, {1, 3000, 1000}};

    @Test
    void splitAlongKMatchesNaiveLoopAndGivesOneTwoAndThreeThreadsIdenticalBits() {
        Random rng = new Random(31);
        int[] expectedParts = {2, 4, 4, 2, 2};
        for (int s = 0; s < SPLIT_SHAPES.length; s++) {
            int[] shape = SPLIT_SHAPES[s];
            assertThat(SplitK.parts(shape[0], shape[1], shape[2])).as(Arrays.toString(shape))
                    .isEqualTo(expectedParts[s]);
            for (GemmKernel kernel : kernels()) {
                for (int t = 0; t < 4; t++) {
                    Problem problem = new Problem(rng, (t & 1) != 0, (t & 2) != 0, shape[0], shape[1], shape[2]);
                    for (boolean accumulate : new boolean[] {false, true}) {
                        String what = kernel.describe() + " split " + problem + " accumulate=" + accumulate;
                        float[] one = problem.run(kernel, ONE, accumulate);
                        if (accumulate || t == 0) {   // the naive loop is slow: once per transpose combination
                            problem.check(one, accumulate, what);
                        }
                        assertThat(problem.run(kernel, TWO, accumulate)).as("2 threads, %s", what).isEqualTo(one);
                        assertThat(problem.run(kernel, THREE, accumulate)).as("3 threads, %s", what).isEqualTo(one);
                    }
                }
            }
        }
    }

    @Test
    void onlyProductsWithASmallCAndALongKAreSplit() {
        assertThat(SplitK.parts(100, 100, 100)).as("short K").isEqualTo(1);
        assertThat(SplitK.parts(100, 100, 767)).as("K under two parts").isEqualTo(1);
        assertThat(SplitK.parts(1000, 100, 4320)).as("C too big (a batch of 1000)").isEqualTo(1);
        assertThat(SplitK.parts(4, 4, 100_000)).as("too little work for the pool").isEqualTo(1);
        assertThat(SplitK.parts(100, 100, 1_000_000)).as("at most MAX_PARTS").isEqualTo(SplitK.MAX_PARTS);
    }

    /** A NaN in the last row of A, which edge tiles read in place of missing rows, stays in its row. */
    @Test
    void dotProductPathKeepsNaNInItsRow() {
        assumeDotProductPath();
        int m = 11;
        int n = 6;
        int k = 520;
        Random rng = new Random(29);
        float[] a = random(rng, m * k);
        float[] b = random(rng, n * k);
        float[] clean = timesTransposed(a, 0, b, 0, m, n, k);
        a[(m - 1) * k + 517] = Float.NaN;   // in the products added one by one after the last full vector
        float[] c = timesTransposed(a, 0, b, 0, m, n, k);
        for (int j = 0; j < n; j++) {
            assertThat(c[(m - 1) * n + j]).as("C[%d][%d]", m - 1, j).isNaN();
        }
        assertThat(Arrays.copyOf(c, (m - 1) * n)).isEqualTo(Arrays.copyOf(clean, (m - 1) * n));
    }

    /** {@code A·Bᵀ} with the vector kernel on one thread, A {@code m×k} and B {@code n×k} packed at the offsets. */
    private static float[] timesTransposed(float[] a, int aOff, float[] b, int bOff, int m, int n, int k) {
        float[] c = new float[m * n];
        Gemm.multiply(GemmKernels.vector(), ONE, false, true, m, n, k, a, aOff, k, b, bOff, k, c, 0, n, false);
        return c;
    }

    private static void assumeDotProductPath() {
        Assumptions.assumeTrue(GemmKernels.vectorModulePresent(), "run with --add-modules jdk.incubator.vector");
        Assumptions.assumeTrue(DotProductKernel.suits(false, true, 25, 576), "the dot path needs 16-float vectors");
    }

    @Test
    void publicEntryPointUsesTheSelectedKernel() {
        float[] a = {1, 2, 3, 4, 5, 6};          // 2x3
        float[] b = {7, 8, 9, 10, 11, 12};       // 3x2
        float[] c = new float[4];
        Gemm.gemm(false, false, 2, 2, 3, a, 0, 3, b, 0, 2, c, 0, 2, false);
        assertThat(c).containsExactly(58, 64, 139, 154);
        Gemm.gemm(true, true, 2, 2, 3, b, 0, 2, a, 0, 3, c, 0, 2, true); // C += B^T A^T = (AB)^T
        assertThat(c).containsExactly(58 + 58, 64 + 139, 139 + 64, 154 + 154);
    }

    @Test
    void badArgumentsAreReportedClearly() {
        float[] x = new float[6];
        float[] small = new float[5];
        assertThatThrownBy(() -> Gemm.gemm(false, false, 2, 2, 3, x, 0, 3, small, 0, 2, x, 0, 2, false))
                .isInstanceOf(KisoException.class)
                .hasMessageContaining("gemm: B is 3x2")
                .hasMessageContaining("needs 6 elements");
        assertThatThrownBy(() -> Gemm.gemm(false, false, 2, 2, 3, x, 0, 2, x, 0, 2, x, 0, 2, false))
                .isInstanceOf(KisoException.class)
                .hasMessageContaining("A is 2x3")
                .hasMessageContaining("row stride 2");
        assertThatThrownBy(() -> Gemm.gemm(false, false, -1, 2, 3, x, 0, 3, x, 0, 2, x, 0, 2, false))
                .isInstanceOf(KisoException.class)
                .hasMessageContaining("negative size");
        assertThatThrownBy(() -> Gemm.gemm(false, false, 1, 1, 1, null, 0, 1, x, 0, 1, x, 0, 1, false))
                .isInstanceOf(KisoException.class)
                .hasMessageContaining("A is null");
    }
}
