package dev.kiso.tensor.kernel;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API GEMM kernel ({@code jdk.incubator.vector}): a GotoBLAS/BLIS loop nest around an
 * {@value #MR}-row by 2-vector register block ({@code 8 x 32} floats with 512-bit vectors).
 *
 * <p>Loop nest: {@code jc} over N by {@value #NC} → {@code pc} over K by {@value #KC}: pack
 * the {@code KC x NC} block of op(B) into panels {@code NR} columns wide (zero-padded) →
 * {@code ic} over M by {@value #MC}: pack the {@code MC x KC} block of op(A) into panels
 * {@value #MR} rows tall (zero-padded) → {@code jr} over the B panels → {@code ir} over the A
 * panels → micro-kernel. The packing routines absorb the transposes: each reads its source along
 * its contiguous axis, so A^T and B^T cost no strided gathers of single floats.
 *
 * <p>Micro-kernel: 16 {@code FloatVector} accumulators live in registers for a whole K block; each
 * step loads two vectors of B, broadcasts {@value #MR} values of A and issues 16 fused
 * multiply-adds. At the end of the K block the accumulators are added to C (or stored, on the
 * first block when not accumulating); edge tiles go through a small scratch tile. Every element of
 * C is summed in the same order (p ascending within a K block, K blocks ascending) wherever it
 * sits, which keeps results identical for any split of C between threads.
 */
final class VectorGemmKernel implements GemmKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    static final int MR = 8;
    static final int NR = 2 * L;
    static final int KC = 256;
    static final int MC = 192;
    static final int NC = 4096;

    /** Per-thread packing buffers, grown on demand and then reused by every call. */
    private static final class Workspace {
        float[] packedA = new float[0];
        float[] packedB = new float[0];
        final float[] tile = new float[MR * NR];

        float[] packedA(int size) {
            if (packedA.length < size) {
                packedA = new float[size];
            }
            return packedA;
        }

        float[] packedB(int size) {
            if (packedB.length < size) {
                packedB = new float[size];
            }
            return packedB;
        }
    }

    private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(Workspace::new);

    @Override
    public String describe() {
        return "Vector API kernel (" + S.vectorBitSize() + "-bit FloatVector, " + MR + "x" + NR
                + " micro-kernel)";
    }

    @Override
    public void multiply(boolean transA, boolean transB, int m, int n, int k,
                         float[] a, int aOffset, int lda,
                         float[] b, int bOffset, int ldb,
                         float[] c, int cOffset, int ldc, boolean accumulate) {
        Workspace ws = workspaces.get();
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            int ncPadded = roundUp(nc, NR);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                float[] pb = ws.packedB(ncPadded * kc);
                packB(transB, b, bOffset, ldb, pc, kc, jc, nc, pb);
                boolean overwrite = !accumulate && pc == 0;
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    float[] pa = ws.packedA(roundUp(mc, MR) * kc);
                    packA(transA, a, aOffset, lda, ic, mc, pc, kc, pa);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            int ci = cOffset + (ic + ir) * ldc + jc + jr;
                            microKernel(kc, pa, ir * kc, pb, jr * kc, c, ci, ldc, mr, nr, overwrite, ws.tile);
                        }
                    }
                }
            }
        }
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    /**
     * Packs rows {@code ic..ic+mc}, columns {@code pc..pc+kc} of op(A) into panels of {@value #MR}
     * rows: panel {@code q} holds {@code A(ic+q*MR+r, pc+p)} at {@code q*MR*kc + p*MR + r}.
     */
    private static void packA(boolean transA, float[] a, int aOffset, int lda,
                              int ic, int mc, int pc, int kc, float[] pa) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int base = ir * kc;
            if (mr < MR) {
                Arrays.fill(pa, base, base + MR * kc, 0f);
            }
            if (transA) {
                // op(A)(i, p) = A[p*lda + i]: the MR values of one p are contiguous in memory.
                for (int p = 0; p < kc; p++) {
                    int src = aOffset + (pc + p) * lda + ic + ir;
                    int dst = base + p * MR;
                    for (int r = 0; r < mr; r++) {
                        pa[dst + r] = a[src + r];
                    }
                }
            } else {
                // op(A)(i, p) = A[i*lda + p]: read each row contiguously, write it with stride MR.
                for (int r = 0; r < mr; r++) {
                    int src = aOffset + (ic + ir + r) * lda + pc;
                    int dst = base + r;
                    for (int p = 0; p < kc; p++) {
                        pa[dst + p * MR] = a[src + p];
                    }
                }
            }
        }
    }

    /**
     * Packs rows {@code pc..pc+kc}, columns {@code jc..jc+nc} of op(B) into panels of {@code NR}
     * columns: panel {@code q} holds {@code B(pc+p, jc+q*NR+j)} at {@code q*NR*kc + p*NR + j}.
     */
    private static void packB(boolean transB, float[] b, int bOffset, int ldb,
                              int pc, int kc, int jc, int nc, float[] pb) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int base = jr * kc;
            if (nr < NR) {
                Arrays.fill(pb, base, base + NR * kc, 0f);
            }
            if (transB) {
                // op(B)(p, j) = B[j*ldb + p]: read each stored row contiguously, write with stride NR.
                for (int j = 0; j < nr; j++) {
                    int src = bOffset + (jc + jr + j) * ldb + pc;
                    int dst = base + j;
                    for (int p = 0; p < kc; p++) {
                        pb[dst + p * NR] = b[src + p];
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(b, bOffset + (pc + p) * ldb + jc + jr, pb, base + p * NR, nr);
                }
            }
        }
    }

    /** {@code C[mr x nr tile at ci] (+)= Apanel · Bpanel} over one K block. */
    private static void microKernel(int kc, float[] pa, int ai, float[] pb, int bi,
                                    float[] c, int ci, int ldc, int mr, int nr,
                                    boolean overwrite, float[] tile) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S);
        FloatVector c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S);
        FloatVector c71 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, pb, bi);
            FloatVector b1 = FloatVector.fromArray(S, pb, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, pa[ai + 0]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, pa[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, pa[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, pa[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, pa[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, pa[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(S, pa[ai + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(S, pa[ai + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
            ai += MR;
            bi += NR;
        }
        if (mr == MR && nr == NR) {
            storeRow(c, ci + 0 * ldc, c00, c01, overwrite);
            storeRow(c, ci + 1 * ldc, c10, c11, overwrite);
            storeRow(c, ci + 2 * ldc, c20, c21, overwrite);
            storeRow(c, ci + 3 * ldc, c30, c31, overwrite);
            storeRow(c, ci + 4 * ldc, c40, c41, overwrite);
            storeRow(c, ci + 5 * ldc, c50, c51, overwrite);
            storeRow(c, ci + 6 * ldc, c60, c61, overwrite);
            storeRow(c, ci + 7 * ldc, c70, c71, overwrite);
            return;
        }
        c00.intoArray(tile, 0 * NR);
        c01.intoArray(tile, 0 * NR + L);
        c10.intoArray(tile, 1 * NR);
        c11.intoArray(tile, 1 * NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
        c60.intoArray(tile, 6 * NR);
        c61.intoArray(tile, 6 * NR + L);
        c70.intoArray(tile, 7 * NR);
        c71.intoArray(tile, 7 * NR + L);
        for (int r = 0; r < mr; r++) {
            int row = ci + r * ldc;
            for (int j = 0; j < nr; j++) {
                float v = tile[r * NR + j];
                c[row + j] = overwrite ? v : c[row + j] + v;
            }
        }
    }

    /** Adds (or stores) one row of accumulators to C. */
    private static void storeRow(float[] c, int ci, FloatVector v0, FloatVector v1, boolean overwrite) {
        if (overwrite) {
            v0.intoArray(c, ci);
            v1.intoArray(c, ci + L);
        } else {
            FloatVector.fromArray(S, c, ci).add(v0).intoArray(c, ci);
            FloatVector.fromArray(S, c, ci + L).add(v1).intoArray(c, ci + L);
        }
    }
}
