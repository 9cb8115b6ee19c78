package dev.kiso.tensor.kernel;

/**
 * One single-threaded GEMM implementation: {@code C (+)= op(A)·op(B)} on a block of C, with the
 * same argument conventions as {@link Gemm#gemm}. {@link Gemm} validates the arguments, cuts C into
 * tiles for the threads and hands each tile to the selected kernel.
 *
 * <p>Contract that makes threading deterministic: the value written to {@code C[i][j]} depends only
 * on row {@code i} of op(A), column {@code j} of op(B), the old {@code C[i][j]} and {@code k}, not
 * on where {@code (i, j)} sits in the block or how large the block is. Implementations block over
 * K with a fixed block size and never split K.
 */
interface GemmKernel {

    /**
     * Computes {@code C (+)= op(A)·op(B)} for {@code m, n, k >= 1}; arguments are already checked.
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
     * A short description for the start-up log line and the benchmark output.
     *
     * @return for example {@code "vector (512-bit FloatVector, 8x32 micro-kernel)"}
     */
    String describe();
}
