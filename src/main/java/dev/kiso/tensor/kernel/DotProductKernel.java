package dev.kiso.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C (+)= A·Bᵀ} for row-major A and B (the NT case) as dot products of rows: both operands
 * are read where they lie, contiguously along K, with no packing at all.
 *
 * <p>Why it exists: the packed kernel ({@link VectorGemmKernel}) first copies Bᵀ into panels one
 * float at a time ({@code n·k} copies) and computes whole 8-row panels of C. That is cheap when C
 * has many rows, not for a convolution's weight gradient {@code dWᵀ = cols · doutᵀ} when C is only
 * a few rows tall: {@code 25x30} with {@code K = 576} (W2), {@code 9x16} with {@code K = 784} (W3's
 * first layer) ran at 47-55 and 21-24 GFLOP/s there, and run at 87-90 and 94 here (one thread,
 * AVX-512). On taller C or shorter K the packed kernel is as fast or faster (118 against 90 GFLOP/s
 * on {@code 144x16x784}), so {@link #suits} takes only short C and long K.
 *
 * <p>Micro-kernel: a tile of {@value #TR} rows of A by {@value #TC} rows of B keeps 20 vector
 * accumulators, one per element of C; each step loads one vector of K from each of the 9 rows and
 * issues 20 fused multiply-adds, so lane {@code l} of an element's accumulator sums the products
 * {@code p ≡ l (mod L)}, p ascending. The accumulators are then stored, the last {@code k mod L}
 * products added to lanes {@code 0, 1, ...} one by one, and each element's lanes summed in a fixed
 * order ({@link #sumLanes}) and added to C (or stored into it when not accumulating). Five rows of
 * A, not four: 20 accumulators and 9 loaded vectors still fit AVX-512's 32 registers, a step loads
 * less per multiply-add, and W2's 25 rows are exactly five tiles.
 *
 * <p>Edges: a tile at the bottom or right edge reads its last row again in place of the missing
 * ones and drops those results, so every element of C, wherever it sits, is computed by the same
 * operations in the same order: results depend only on the problem, not on tiles or threads, as
 * {@link GemmKernel} requires.
 */
final class DotProductKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows of A per tile. */
    static final int TR = 5;
    /** Rows of B (columns of C) per tile. */
    static final int TC = 4;
    /** C at most this many rows tall takes this kernel (if K is long enough). */
    static final int MAX_ROWS = 32;
    /**
     * K at least this long takes this kernel: each element's lane sum then costs little (at
     * {@code K = 256} the packed kernel was as fast).
     */
    static final int MIN_K = 512;
    /** Floats of scratch a caller provides: one vector per element of a tile. */
    static final int SCRATCH = TR * TC * 16;

    private DotProductKernel() {
    }

    /**
     * Whether a problem goes to this kernel: {@code C = A·Bᵀ} with A not transposed, C short and K
     * long (see the class comment for the measurements), on 16-float vectors ({@link #sumLanes}
     * is written for 16 lanes). Depends on the whole problem only, never on a tile or a thread.
     *
     * @param transA read A transposed
     * @param transB read B transposed
     * @param m      rows of C
     * @param k      inner dimension
     * @return true to use {@link #multiply}
     */
    static boolean suits(boolean transA, boolean transB, int m, int k) {
        return L == 16 && !transA && transB && m <= MAX_ROWS && k >= MIN_K;
    }

    /**
     * Computes rows {@code i0..i1} of {@code C (+)= A·Bᵀ}, all {@code n} columns, on the calling
     * thread. A is {@code m×k} at {@code a[aOffset + i*lda + p]}, B is {@code n×k} at
     * {@code b[bOffset + j*ldb + p]}; {@code n, k >= 1}.
     *
     * @param sums scratch of at least {@link #SCRATCH} floats
     */
    static void multiply(int i0, int i1, int n, int k,
                         float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                         float[] c, int cOffset, int ldc, boolean accumulate, float[] sums) {
        int full = k - k % L;
        for (int i = i0; i < i1; i += TR) {
            int rows = Math.min(TR, i1 - i);
            int ai = aOffset + i * lda;
            for (int j = 0; j < n; j += TC) {
                int cols = Math.min(TC, n - j);
                int bj = bOffset + j * ldb;
                // An edge tile reads its last row again in place of the missing ones.
                tile(full, a, ai, ai + Math.min(1, rows - 1) * lda, ai + Math.min(2, rows - 1) * lda,
                        ai + Math.min(3, rows - 1) * lda, ai + Math.min(4, rows - 1) * lda,
                        b, bj, bj + Math.min(1, cols - 1) * ldb, bj + Math.min(2, cols - 1) * ldb,
                        bj + Math.min(3, cols - 1) * ldb, sums);
                for (int r = 0; r < rows; r++) {
                    for (int q = 0; q < cols; q++) {
                        int lanes = (r * TC + q) * L;
                        int x = ai + r * lda;
                        int y = bj + q * ldb;
                        for (int p = full; p < k; p++) {
                            sums[lanes + p - full] = Math.fma(a[x + p], b[y + p], sums[lanes + p - full]);
                        }
                    }
                }
                sumLanes(sums);
                int ci = cOffset + i * ldc + j;
                for (int r = 0; r < rows; r++) {
                    for (int q = 0; q < cols; q++) {
                        int at = ci + r * ldc + q;
                        float dot = sums[r * TC + q];
                        c[at] = accumulate ? c[at] + dot : dot;
                    }
                }
            }
        }
    }

    /**
     * Twenty dot products over {@code p < full} (a multiple of L): the rows of A at {@code a0..a4}
     * times the rows of B at {@code b0..b3}; the accumulator of A's row r and B's row q is stored at
     * {@code sums[(r*TC + q)*L]}. Unrolled by hand like {@link VectorGemmKernel}'s micro-kernels:
     * the JIT keeps vectors in registers only when they are plain locals.
     */
    private static void tile(int full, float[] a, int a0, int a1, int a2, int a3, int a4,
                             float[] b, int b0, int b1, int b2, int b3, float[] sums) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c02 = c00;
        FloatVector c03 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c12 = c00;
        FloatVector c13 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c22 = c00;
        FloatVector c23 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c32 = c00;
        FloatVector c33 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c42 = c00;
        FloatVector c43 = c00;
        for (int p = 0; p < full; p += L) {
            FloatVector y0 = FloatVector.fromArray(S, b, b0 + p);
            FloatVector y1 = FloatVector.fromArray(S, b, b1 + p);
            FloatVector y2 = FloatVector.fromArray(S, b, b2 + p);
            FloatVector y3 = FloatVector.fromArray(S, b, b3 + p);
            FloatVector x0 = FloatVector.fromArray(S, a, a0 + p);
            c00 = x0.fma(y0, c00);
            c01 = x0.fma(y1, c01);
            c02 = x0.fma(y2, c02);
            c03 = x0.fma(y3, c03);
            FloatVector x1 = FloatVector.fromArray(S, a, a1 + p);
            c10 = x1.fma(y0, c10);
            c11 = x1.fma(y1, c11);
            c12 = x1.fma(y2, c12);
            c13 = x1.fma(y3, c13);
            FloatVector x2 = FloatVector.fromArray(S, a, a2 + p);
            c20 = x2.fma(y0, c20);
            c21 = x2.fma(y1, c21);
            c22 = x2.fma(y2, c22);
            c23 = x2.fma(y3, c23);
            FloatVector x3 = FloatVector.fromArray(S, a, a3 + p);
            c30 = x3.fma(y0, c30);
            c31 = x3.fma(y1, c31);
            c32 = x3.fma(y2, c32);
            c33 = x3.fma(y3, c33);
            FloatVector x4 = FloatVector.fromArray(S, a, a4 + p);
            c40 = x4.fma(y0, c40);
            c41 = x4.fma(y1, c41);
            c42 = x4.fma(y2, c42);
            c43 = x4.fma(y3, c43);
        }
        c00.intoArray(sums, 0);
        c01.intoArray(sums, L);
        c02.intoArray(sums, 2 * L);
        c03.intoArray(sums, 3 * L);
        c10.intoArray(sums, 4 * L);
        c11.intoArray(sums, 5 * L);
        c12.intoArray(sums, 6 * L);
        c13.intoArray(sums, 7 * L);
        c20.intoArray(sums, 8 * L);
        c21.intoArray(sums, 9 * L);
        c22.intoArray(sums, 10 * L);
        c23.intoArray(sums, 11 * L);
        c30.intoArray(sums, 12 * L);
        c31.intoArray(sums, 13 * L);
        c32.intoArray(sums, 14 * L);
        c33.intoArray(sums, 15 * L);
        c40.intoArray(sums, 16 * L);
        c41.intoArray(sums, 17 * L);
        c42.intoArray(sums, 18 * L);
        c43.intoArray(sums, 19 * L);
    }

    /**
     * Replaces the twenty accumulators at {@code sums[e*16..]} by their lane sums at {@code sums[e]}
     * (e = r*TC + q), each added in the same order: a pairwise tree, lane l plus lane l + 8, then
     * + 4, + 2, + 1. Not {@code reduceLanes(ADD)}, whose order the Vector API leaves open (its JIT
     * intrinsic and its Java fallback may differ); scalars, because a tree of vector shuffles was no
     * faster here and the JIT would not inline all of it. Written for 16 lanes.
     */
    private static void sumLanes(float[] sums) {
        for (int e = 0; e < TR * TC; e++) {
            int t = e * 16;
            float x0 = sums[t] + sums[t + 8];
            float x1 = sums[t + 1] + sums[t + 9];
            float x2 = sums[t + 2] + sums[t + 10];
            float x3 = sums[t + 3] + sums[t + 11];
            float x4 = sums[t + 4] + sums[t + 12];
            float x5 = sums[t + 5] + sums[t + 13];
            float x6 = sums[t + 6] + sums[t + 14];
            float x7 = sums[t + 7] + sums[t + 15];
            sums[e] = ((x0 + x4) + (x2 + x6)) + ((x1 + x5) + (x3 + x7));
        }
    }
}
