package dev.kiso.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiso.KisoException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A product with op(A) packed beforehand ({@link PackedA}) must give exactly the bits of the same
 * product with A itself, on every path of every kernel: the blocked kernel with C narrow or wide,
 * one or several K blocks and row blocks, tail rows; the dot-product and split-K paths (which read
 * A in place); one and two threads. The unpacked products are checked against a naive loop in
 * {@link GemmTest}; here the packed ones are checked against the loop too.
 */
class PackedATest {
    private static final WorkerPool ONE = new WorkerPool(1);
    private static final WorkerPool TWO = new WorkerPool(2);

    /**
     * {m, n, k} beyond GemmTest's shapes: W3's convolution forwards (filters times a group's
     * columns) and dx products, C taller than a row block (MC 192) with a tail panel, two and three
     * K blocks with a tail panel, C narrower than a vector, and C taller than wide, which two
     * threads split by rows (so that a thread's panels start at a row other than 0), with a tail
     * panel and two or three K blocks.
     */
    private static final int[][] MORE_SHAPES = {
        {16, 784, 144}, {32, 392, 288}, {64, 294, 576}, {16, 196, 288}, {32, 49, 576},
        {200, 300, 40}, {13, 200, 300}, {21, 40, 700}, {9, 5, 260}, {300, 100, 300}, {401, 200, 530},
    };

    private static List<int[]> shapes() {
        List<int[]> shapes = new ArrayList<>(List.of(GemmTest.SHAPES));
        shapes.addAll(List.of(GemmTest.DOT_SHAPES));
        shapes.addAll(List.of(GemmTest.SPLIT_SHAPES));
        shapes.addAll(List.of(MORE_SHAPES));
        return shapes;
    }

    /** The problem's product with its A packed by {@code kernel} first. */
    private static float[] runPacked(GemmTest.Problem p, GemmKernel kernel, WorkerPool pool, boolean accumulate) {
        PackedA packed = new PackedA().pack(kernel, p.transA, p.m, p.k, p.a, p.aOff, p.lda);
        float[] c = p.c0.clone();
        Gemm.multiply(kernel, pool, packed, p.transB, p.n, p.b, p.bOff, p.ldb, c, p.cOff, p.ldc, accumulate);
        return c;
    }

    @Test
    void packedProductsGiveTheBitsOfUnpackedOnesOnEveryPath() {
        Random rng = new Random(41);
        for (GemmKernel kernel : GemmTest.kernels()) {
            for (int[] s : shapes()) {
                for (int t = 0; t < 4; t++) {
                    GemmTest.Problem problem = new GemmTest.Problem(rng, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2]);
                    for (boolean accumulate : new boolean[] {false, true}) {
                        String what = kernel.describe() + " packed " + problem + " accumulate=" + accumulate;
                        float[] packed = runPacked(problem, kernel, ONE, accumulate);
                        assertThat(packed).as(what).isEqualTo(problem.run(kernel, ONE, accumulate));
                        assertThat(runPacked(problem, kernel, TWO, accumulate)).as("2 threads, %s", what)
                                .isEqualTo(problem.run(kernel, TWO, accumulate));
                        if (accumulate && (long) s[0] * s[1] * s[2] < 3_000_000) {   // the naive loop is slow
                            problem.check(packed, true, what);
                        }
                    }
                }
            }
        }
    }

    /** The vector kernel really reads the panels: spoil them, and the product changes. */
    @Test
    void theVectorKernelReadsThePackedPanels() {
        Assumptions.assumeTrue(GemmKernels.vectorModulePresent(), "run with --add-modules jdk.incubator.vector");
        GemmKernel kernel = GemmKernels.vector();
        int m = 16;
        int n = 300;
        int k = 144;
        Random rng = new Random(43);
        float[] a = GemmTest.random(rng, m * k);
        float[] b = GemmTest.random(rng, k * n);
        float[] buffer = new float[kernel.packedASize(m, k)];
        PackedA packed = new PackedA(buffer).pack(kernel, false, m, k, a, 0, k);
        float[] c = new float[m * n];
        Gemm.multiply(kernel, ONE, packed, false, n, b, 0, n, c, 0, n, false);
        float[] reference = new float[m * n];
        Gemm.multiply(kernel, ONE, false, false, m, n, k, a, 0, k, b, 0, n, reference, 0, n, false);
        assertThat(c).isEqualTo(reference);

        buffer[0] += 1f;   // A(0, 0) as packed: row 0 of C changes, and only row 0
        Gemm.multiply(kernel, ONE, packed, false, n, b, 0, n, c, 0, n, false);
        for (int j = 0; j < n; j++) {
            assertThat(c[j]).as("C[0][%d]", j).isNotEqualTo(reference[j]);
        }
        for (int i = n; i < m * n; i++) {
            assertThat(c[i]).as("C[%d][%d]", i / n, i % n).isEqualTo(reference[i]);
        }
    }

    @Test
    void onePackedOperandServesManyThreadsAtOnce() throws Exception {
        int m = 32;
        int n = 392;
        int k = 288;
        Random rng = new Random(47);
        float[] a = GemmTest.random(rng, m * k);
        PackedA packed = new PackedA().pack(false, m, k, a, 0, k);
        int products = 24;
        List<float[]> bs = new ArrayList<>();
        for (int i = 0; i < products; i++) {
            bs.add(GemmTest.random(rng, k * n));
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (float[] b : bs) {
                results.add(threads.submit(() -> {
                    float[] c = new float[m * n];
                    Gemm.gemm(packed, false, n, b, 0, n, c, 0, n, false);
                    return c;
                }));
            }
            for (int i = 0; i < products; i++) {
                float[] expected = new float[m * n];
                Gemm.gemm(false, false, m, n, k, a, 0, k, bs.get(i), 0, n, expected, 0, n, false);
                assertThat(results.get(i).get()).as("product %d", i).isEqualTo(expected);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Packing a larger A after a smaller one grows the buffer; a smaller one after it reuses it. */
    @Test
    void repackingAnotherMatrixGivesThatMatrixsProducts() {
        Random rng = new Random(53);
        PackedA packed = new PackedA(new float[3]);   // too small for anything below: grown
        for (int[] s : new int[][] {{8, 40, 16}, {64, 300, 576}, {5, 33, 7}, {30, 576, 25}}) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            float[] a = GemmTest.random(rng, m * k);
            float[] b = GemmTest.random(rng, k * n);
            packed.pack(false, m, k, a, 0, k);
            assertThat(packed.rows()).isEqualTo(m);
            assertThat(packed.columns()).isEqualTo(k);
            float[] c = new float[m * n];
            Gemm.gemm(packed, false, n, b, 0, n, c, 0, n, false);
            float[] expected = new float[m * n];
            Gemm.gemm(false, false, m, n, k, a, 0, k, b, 0, n, expected, 0, n, false);
            assertThat(c).as("%dx%dx%d", m, n, k).isEqualTo(expected);
        }
    }

    @Test
    void badUseIsReportedClearly() {
        float[] x = new float[12];
        assertThatThrownBy(() -> Gemm.gemm(new PackedA(), false, 2, x, 0, 2, x, 0, 2, false))
                .isInstanceOf(KisoException.class)
                .hasMessageContaining("nothing packed yet");
        assertThatThrownBy(() -> new PackedA().pack(false, 2, 3, new float[5], 0, 3))
                .isInstanceOf(KisoException.class)
                .hasMessageContaining("PackedA.pack: A is 2x3")
                .hasMessageContaining("needs 6 elements");
        assertThatThrownBy(() -> new PackedA().pack(false, -1, 3, x, 0, 3))
                .isInstanceOf(KisoException.class)
                .hasMessageContaining("negative size");
        PackedA packed = new PackedA().pack(false, 2, 3, x, 0, 3);
        assertThatThrownBy(() -> Gemm.gemm(packed, false, 5, x, 0, 5, x, 0, 5, false))
                .isInstanceOf(KisoException.class)
                .hasMessageContaining("gemm: B is 3x5");
        assertThatThrownBy(() -> Gemm.gemm(null, false, 4, x, 0, 4, x, 0, 4, false))
                .isInstanceOf(KisoException.class)
                .hasMessageContaining("A is null");
        assertThatThrownBy(() -> new PackedA(null)).isInstanceOf(KisoException.class);
    }
}
