package dev.kiso.tensor.kernel;

import dev.kiso.KisoException;

/**
 * Single-precision general matrix multiply on row-major arrays:
 * {@code C = op(A)·op(B)}, or {@code C += op(A)·op(B)} when accumulating.
 *
 * <p>{@code op(A)} is {@code m×k}: stored as {@code A[i*lda + p]}, or as {@code A[p*lda + i]} when
 * {@code transA}. {@code op(B)} is {@code k×n}: {@code B[p*ldb + j]}, or {@code B[j*ldb + p]} when
 * {@code transB}. {@code C} is {@code m×n} at {@code C[i*ldc + j]}; elements of C's rows past
 * column {@code n} (padding) are never touched.
 *
 * <p>This facade checks the arguments and hands the work to the kernel chosen at start-up (Vector
 * API or plain Java, see {@code docs/tensor.md}), which splits it over the shared pool
 * ({@link Parallel}) along M or N. A product with a small C and a long K (a fully connected
 * layer's forward on a batch) is cut along K instead, into parts fixed by its shape ({@link SplitK}).
 * Problems smaller than about {@code 128^3} multiply-adds stay on the calling thread. Each element
 * of C is summed in the same order whatever the thread count, so results are bit-identical with 1
 * or many threads. Safe to call from several threads at once.
 */
public final class Gemm {
    /** Below this many multiply-adds ({@code m·n·k}) a GEMM runs on the calling thread only. */
    static final long PARALLEL_MIN_WORK = 128L * 128 * 128;

    private Gemm() {
    }

    /**
     * Computes {@code C (+)= op(A)·op(B)}.
     *
     * @param transA     read A transposed
     * @param transB     read B transposed
     * @param m          rows of op(A) and C
     * @param n          columns of op(B) and C
     * @param k          columns of op(A), rows of op(B)
     * @param a          A's array
     * @param aOffset    index of A's first element
     * @param lda        A's row stride as stored
     * @param b          B's array
     * @param bOffset    index of B's first element
     * @param ldb        B's row stride as stored
     * @param c          C's array
     * @param cOffset    index of C's first element
     * @param ldc        C's row stride
     * @param accumulate add to C instead of overwriting it
     * @throws KisoException if a size is negative or an array is too small for its offset, stride
     *                       and shape
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOffset, int lda,
                            float[] b, int bOffset, int ldb,
                            float[] c, int cOffset, int ldc, boolean accumulate) {
        multiply(GemmKernels.selected(), Parallel.shared(), transA, transB, m, n, k,
                a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc, accumulate);
    }

    /**
     * Computes {@code C (+)= op(A)·op(B)} with op(A) packed beforehand ({@link PackedA}): the same
     * bits as {@link #gemm} with A itself, without copying A again for this product.
     *
     * @param a          op(A), {@code m×k}, packed
     * @param transB     read B transposed
     * @param n          columns of op(B) and C
     * @param b          B's array
     * @param bOffset    index of B's first element
     * @param ldb        B's row stride as stored
     * @param c          C's array
     * @param cOffset    index of C's first element
     * @param ldc        C's row stride
     * @param accumulate add to C instead of overwriting it
     * @throws KisoException if nothing was packed, a size is negative or an array is too small for
     *                       its offset, stride and shape
     */
    public static void gemm(PackedA a, boolean transB, int n, float[] b, int bOffset, int ldb,
                            float[] c, int cOffset, int ldc, boolean accumulate) {
        multiply(GemmKernels.selected(), Parallel.shared(), a, transB, n, b, bOffset, ldb, c, cOffset, ldc, accumulate);
    }

    /** The packed-A {@code gemm} with an explicit kernel and pool: the hook tests use. */
    static void multiply(GemmKernel kernel, WorkerPool pool, PackedA a, boolean transB, int n,
                         float[] b, int bOffset, int ldb, float[] c, int cOffset, int ldc, boolean accumulate) {
        if (a == null) {
            throw new KisoException("gemm: A is null");
        }
        a.requirePacked();
        multiply(kernel, pool, a.transA(), transB, a.rows(), n, a.columns(), a.a(), a.aOffset(), a.lda(),
                b, bOffset, ldb, c, cOffset, ldc, accumulate, a.panelsFor(kernel));
    }

    /** {@link #gemm} with an explicit kernel and pool: the hook tests and benchmarks use. */
    static void multiply(GemmKernel kernel, WorkerPool pool, boolean transA, boolean transB,
                         int m, int n, int k, float[] a, int aOffset, int lda,
                         float[] b, int bOffset, int ldb,
                         float[] c, int cOffset, int ldc, boolean accumulate) {
        multiply(kernel, pool, transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc,
                accumulate, null);
    }

    /** The checks and the choice of path; {@code packedA}: op(A) packed by {@code kernel}, or null. */
    private static void multiply(GemmKernel kernel, WorkerPool pool, boolean transA, boolean transB,
                                 int m, int n, int k, float[] a, int aOffset, int lda,
                                 float[] b, int bOffset, int ldb,
                                 float[] c, int cOffset, int ldc, boolean accumulate, float[] packedA) {
        if (m < 0 || n < 0 || k < 0) {
            throw new KisoException("gemm: negative size m=" + m + ", n=" + n + ", k=" + k);
        }
        checkOperand("gemm", "A", transA ? k : m, transA ? m : k, a, aOffset, lda);
        checkOperand("gemm", "B", transB ? n : k, transB ? k : n, b, bOffset, ldb);
        checkOperand("gemm", "C", m, n, c, cOffset, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, cOffset + i * ldc, cOffset + i * ldc + n, 0f);
                }
            }
            return;
        }
        int parts = SplitK.parts(m, n, k);
        if (parts > 1) {
            SplitK.multiply(kernel, pool, parts, transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb,
                    c, cOffset, ldc, accumulate);
            return;
        }
        long work = (long) m * n * k;
        WorkerPool threads = work < PARALLEL_MIN_WORK || pool.threads() == 1 ? null : pool;
        kernel.multiply(threads, transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb,
                c, cOffset, ldc, accumulate, packedA);
    }

    /**
     * Checks that a {@code rows x cols} row-major matrix with row stride {@code ld} at
     * {@code offset} fits in {@code array}; {@code op} names the operation in the message.
     */
    static void checkOperand(String op, String name, int rows, int cols, float[] array, int offset, int ld) {
        if (array == null) {
            throw new KisoException(op + ": " + name + " is null");
        }
        if (offset < 0 || ld < 1 || (rows > 1 && ld < cols)) {
            throw new KisoException(op + ": " + name + " is " + rows + "x" + cols + " as stored, but has offset "
                    + offset + " and row stride " + ld + " (need offset >= 0 and stride >= max(1, " + cols + "))");
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long last = offset + (long) (rows - 1) * ld + cols - 1;
        if (last >= array.length) {
            throw new KisoException(op + ": " + name + " is " + rows + "x" + cols + " with offset " + offset
                    + " and row stride " + ld + ", which needs " + (last + 1) + " elements, but its array has "
                    + array.length);
        }
    }
}
