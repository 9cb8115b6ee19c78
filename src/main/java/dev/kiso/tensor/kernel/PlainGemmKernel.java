package dev.kiso.tensor.kernel;

import java.util.Arrays;

/**
 * The plain-Java GEMM kernel, shaped so that C2's SuperWord pass turns its inner loop into SIMD
 * code on a stock JVM with no flags.
 *
 * <p>C2 vectorizes {@code c[j] += a0*b0[j] + a1*b1[j] + a2*b2[j] + a3*b3[j]} only when every array
 * is indexed by the bare loop variable: the same update written on flat arrays with offsets
 * ({@code C[ci + j] += a * B[bi + j]}) stays scalar, because C2 cannot prove the store does not
 * alias the loads. So this kernel copies the current block of B into <em>jagged</em> rows
 * ({@code float[KC][NC]}, one array per row of op(B)), stages the current block of C in jagged rows
 * too, and streams four rows of B through one row of C per inner loop (a 1-row by 4-k update: a
 * bigger body makes C2 give up). Transposes are absorbed by the copy: op(B) rows are gathered from
 * columns of B when {@code transB}; op(A) values are read as scalars with either stride.
 *
 * <p>Loop nest: {@code jc} over N by {@value #NC} (B block in L2) → {@code pc} over K by
 * {@value #KC} (pack B rows) → {@code ic} over M by {@value #MC} (stage C rows, about L1) →
 * {@code p} by 4 → {@code i} → {@code j} (vectorized).
 */
final class PlainGemmKernel implements GemmKernel {
    static final int NC = 512;
    static final int KC = 256;
    static final int MC = 16;

    /** Per-thread buffers, allocated once per thread and reused by every call. */
    private static final class Workspace {
        final float[][] bRows = new float[KC][NC];
        final float[][] cRows = new float[MC][NC];
    }

    private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(Workspace::new);

    @Override
    public String describe() {
        return "plain-Java kernel (C2 auto-vectorized, jagged " + KC + "x" + NC + " B rows)";
    }

    @Override
    public void multiply(boolean transA, boolean transB, int m, int n, int k,
                         float[] a, int aOffset, int lda,
                         float[] b, int bOffset, int ldb,
                         float[] c, int cOffset, int ldc, boolean accumulate) {
        Workspace ws = workspaces.get();
        // A(i, p) = a[aOffset + i*ars + p*acs]
        int ars = transA ? 1 : lda;
        int acs = transA ? lda : 1;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(transB, b, bOffset, ldb, pc, kc, jc, nc, ws.bRows);
                boolean overwrite = !accumulate && pc == 0;
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    stageC(c, cOffset + ic * ldc + jc, ldc, mc, nc, overwrite, ws.cRows);
                    block(a, aOffset + ic * ars + pc * acs, ars, acs, mc, nc, kc, ws.bRows, ws.cRows);
                    for (int i = 0; i < mc; i++) {
                        System.arraycopy(ws.cRows[i], 0, c, cOffset + (ic + i) * ldc + jc, nc);
                    }
                }
            }
        }
    }

    /** Copies rows {@code pc..pc+kc} and columns {@code jc..jc+nc} of op(B) into {@code rows}. */
    private static void packB(boolean transB, float[] b, int bOffset, int ldb,
                              int pc, int kc, int jc, int nc, float[][] rows) {
        if (!transB) {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(b, bOffset + (pc + p) * ldb + jc, rows[p], 0, nc);
            }
            return;
        }
        // op(B)(p, j) = B[j*ldb + p]: read each stored row of B contiguously, scatter it down a column.
        for (int j = 0; j < nc; j++) {
            int src = bOffset + (jc + j) * ldb + pc;
            for (int p = 0; p < kc; p++) {
                rows[p][j] = b[src + p];
            }
        }
    }

    /** Loads the C block into the scratch rows, or zeros them when C is being overwritten. */
    private static void stageC(float[] c, int cStart, int ldc, int mc, int nc, boolean overwrite,
                               float[][] rows) {
        for (int i = 0; i < mc; i++) {
            if (overwrite) {
                Arrays.fill(rows[i], 0, nc, 0f);
            } else {
                System.arraycopy(c, cStart + i * ldc, rows[i], 0, nc);
            }
        }
    }

    /** {@code cRows[i][0..nc) += sum_p A(i, p) · bRows[p][0..nc)} for the staged block. */
    private static void block(float[] a, int aStart, int ars, int acs, int mc, int nc, int kc,
                              float[][] bRows, float[][] cRows) {
        int p = 0;
        for (; p + 4 <= kc; p += 4) {
            float[] b0 = bRows[p];
            float[] b1 = bRows[p + 1];
            float[] b2 = bRows[p + 2];
            float[] b3 = bRows[p + 3];
            for (int i = 0; i < mc; i++) {
                int ai = aStart + i * ars + p * acs;
                update4(cRows[i], nc, a[ai], b0, a[ai + acs], b1, a[ai + 2 * acs], b2,
                        a[ai + 3 * acs], b3);
            }
        }
        for (; p < kc; p++) {
            float[] b0 = bRows[p];
            for (int i = 0; i < mc; i++) {
                update1(cRows[i], nc, a[aStart + i * ars + p * acs], b0);
            }
        }
    }

    /** The vectorized inner loop: one row of C, four rows of B. */
    private static void update4(float[] c, int nc, float a0, float[] b0, float a1, float[] b1,
                                float a2, float[] b2, float a3, float[] b3) {
        for (int j = 0; j < nc; j++) {
            c[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
        }
    }

    /** The K remainder: one row of C, one row of B. */
    private static void update1(float[] c, int nc, float a0, float[] b0) {
        for (int j = 0; j < nc; j++) {
            c[j] += a0 * b0[j];
        }
    }
}
