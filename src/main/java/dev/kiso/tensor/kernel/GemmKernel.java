package dev.kiso.tensor.kernel;

/**
 * One GEMM implementation: {@code C (+)= op(A)·op(B)}, with the same argument conventions as
 * {@link Gemm#gemm}. {@link Gemm} validates the arguments and calls {@link #multiply} on the calling
 * thread for small problems, {@link #multiply(WorkerPool, boolean, boolean, int, int, int, float[],
 * int, int, float[], int, int, float[], int, int, boolean)} on the pool for large ones.
 *
 * <p>Contract that makes threading deterministic: the value written to {@code C[i][j]} depends only
 * on row {@code i} of op(A), column {@code j} of op(B), the old {@code C[i][j]} and {@code k}, not
 * on where {@code (i, j)} sits in the block or how large the block is. Implementations block over
 * K with a fixed block size and never split K, and choose between their code paths from the whole
 * problem ({@code m, n, k} and the transposes), never per tile or per thread.
 */
interface GemmKernel {
    /** Row tiles start at multiples of this (the vector kernel's row block). */
    int M_GRAIN = 8;
    /** Column tiles start at multiples of this (a full vector width or two). */
    int N_GRAIN = 32;

    /**
     * Computes {@code C (+)= op(A)·op(B)} on the calling thread, for {@code m, n, k >= 1}; arguments
     * are already checked.
     *
     * @param transA     read A transposed
     * @param transB     read B transposed
     * @param m          rows of C
     * @param n          columns of C
     * @param k          inner dimension
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
     */
    void multiply(boolean transA, boolean transB, int m, int n, int k,
                  float[] a, int aOffset, int lda,
                  float[] b, int bOffset, int ldb,
                  float[] c, int cOffset, int ldc, boolean accumulate);

    /**
     * Computes {@code C (+)= op(A)·op(B)} with the threads of {@code pool}. This default cuts C into
     * one tile per thread, whole rows when {@code m >= n} (each thread packs its rows of A and all
     * of B) or whole columns otherwise, and runs {@link #multiply} on each tile; a kernel may share
     * more work between the threads (the Vector API kernel packs B once for all of them).
     *
     * @param pool the threads to use, the calling thread among them
     * @param transA     read A transposed
     * @param transB     read B transposed
     * @param m          rows of C
     * @param n          columns of C
     * @param k          inner dimension
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
     */
    default void multiply(WorkerPool pool, boolean transA, boolean transB, int m, int n, int k,
                          float[] a, int aOffset, int lda,
                          float[] b, int bOffset, int ldb,
                          float[] c, int cOffset, int ldc, boolean accumulate) {
        if (m >= n) {
            int units = (m + M_GRAIN - 1) / M_GRAIN;
            pool.forRange(units, 1, (lo, hi) -> {
                int i0 = lo * M_GRAIN;
                int rows = Math.min(m, hi * M_GRAIN) - i0;
                multiply(transA, transB, rows, n, k,
                        a, aOffset + (transA ? i0 : i0 * lda), lda, b, bOffset, ldb,
                        c, cOffset + i0 * ldc, ldc, accumulate);
            });
        } else {
            int units = (n + N_GRAIN - 1) / N_GRAIN;
            pool.forRange(units, 1, (lo, hi) -> {
                int j0 = lo * N_GRAIN;
                int cols = Math.min(n, hi * N_GRAIN) - j0;
                multiply(transA, transB, m, cols, k,
                        a, aOffset, lda, b, bOffset + (transB ? j0 * ldb : j0), ldb,
                        c, cOffset + j0, ldc, accumulate);
            });
        }
    }

    /**
     * How many floats {@link #packA} fills for an {@code m×k} op(A): 0 when this kernel always reads
     * A where it lies (then {@link PackedA} keeps only the reference).
     *
     * @param m rows of op(A)
     * @param k columns of op(A)
     * @return the size of the panels, or 0
     */
    default int packedASize(int m, int k) {
        return 0;
    }

    /**
     * Copies op(A) into {@code panels} in the layout this kernel's {@link #multiply(WorkerPool,
     * boolean, boolean, int, int, int, float[], int, int, float[], int, int, float[], int, int,
     * boolean, float[])} reads. Does nothing when {@link #packedASize} is 0.
     *
     * @param transA  read A transposed
     * @param m       rows of op(A)
     * @param k       columns of op(A)
     * @param a       A's array
     * @param aOffset index of A's first element
     * @param lda     A's row stride as stored
     * @param panels  at least {@link #packedASize packedASize(m, k)} floats, overwritten
     */
    default void packA(boolean transA, int m, int k, float[] a, int aOffset, int lda, float[] panels) {
    }

    /**
     * {@link #multiply} ({@code pool == null}) or its pool variant, with op(A) also given as the
     * {@code packedA} panels {@link #packA} made of it: a kernel that would pack A reads these
     * instead. The bits of C are the same as without them. This default ignores the panels.
     *
     * @param pool       the threads to use, or null for the calling thread alone
     * @param transA     read A transposed
     * @param transB     read B transposed
     * @param m          rows of C
     * @param n          columns of C
     * @param k          inner dimension
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
     * @param packedA    op(A) packed by this kernel's {@link #packA}, or null
     */
    default void multiply(WorkerPool pool, boolean transA, boolean transB, int m, int n, int k,
                          float[] a, int aOffset, int lda,
                          float[] b, int bOffset, int ldb,
                          float[] c, int cOffset, int ldc, boolean accumulate, float[] packedA) {
        if (pool == null) {
            multiply(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc, accumulate);
        } else {
            multiply(pool, transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc, accumulate);
        }
    }

    /**
     * A short description for the start-up log line and the benchmark output.
     *
     * @return for example {@code "vector (512-bit FloatVector, 8x32 micro-kernel)"}
     */
    String describe();
}
