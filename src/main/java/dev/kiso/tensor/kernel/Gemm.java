package dev.kiso.tensor.kernel;

/**
 * Single-precision general matrix multiply on row-major arrays:
 * {@code C = op(A)·op(B)}, or {@code C += op(A)·op(B)} when accumulating.
 *
 * <p>{@code op(A)} is {@code m×k}: stored as {@code A[i*lda + p]}, or as {@code A[p*lda + i]} when
 * {@code transA}. {@code op(B)} is {@code k×n}: {@code B[p*ldb + j]}, or {@code B[j*ldb + p]} when
 * {@code transB}. {@code C} is {@code m×n} at {@code C[i*ldc + j]}.
 */
public final class Gemm {
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
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOffset, int lda,
                            float[] b, int bOffset, int ldb,
                            float[] c, int cOffset, int ldc, boolean accumulate) {
        // Placeholder reference loop; the GEMM issue replaces it with the blocked kernels.
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
                    float bv = transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
                    sum += av * bv;
                }
                int ci = cOffset + i * ldc + j;
                c[ci] = accumulate ? c[ci] + sum : sum;
            }
        }
    }
}
