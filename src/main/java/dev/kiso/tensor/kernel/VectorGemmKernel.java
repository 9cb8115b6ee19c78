package dev.kiso.tensor.kernel;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API GEMM kernel ({@code jdk.incubator.vector}): a GotoBLAS/BLIS loop nest around an
 * {@value #MR}-row by 2-vector register block ({@code 8 x 32} floats with 512-bit vectors).
 *
 * <p>Loop nest: {@code jc} over N by up to {@value #NC} columns: pack that block of op(B), every K
 * block of it, into panels {@code NR} columns wide (zero-padded) → {@code pc} over K by at most
 * {@value #KC} → {@code ic} over M by {@value #MC}: pack the {@code MC x KC} block of op(A) into
 * panels {@value #MR} rows tall (zero-padded) → {@code jr} over the B panels → {@code ir} over the
 * A panels → micro-kernel. The packing routines absorb the transposes: each reads its source along
 * its contiguous axis, so A^T and B^T cost no strided gathers of single floats.
 *
 * <p>Threads: on a pool, the threads first pack the B block together (each a share of its panels)
 * into one buffer, then each multiplies its own rows of C (or, when C is wider than tall, its own
 * panels of columns) against that shared copy. Packing B once instead of once per thread is what
 * OpenBLAS does too; with per-thread copies every thread packed all of B, work that did not shrink
 * as threads were added.
 *
 * <p>Micro-kernel: 16 {@code FloatVector} accumulators live in registers for a whole K block; each
 * step loads two vectors of B, broadcasts {@value #MR} values of A and issues 16 fused
 * multiply-adds. At the end of the K block the accumulators are added to C (which is zeroed first
 * when not accumulating); edge tiles go through a small scratch tile. A last panel at most one
 * vector wide runs a one-vector variant of the micro-kernel. K is cut into equal blocks of at most
 * {@value #KC}. Every element of
 * C is summed in the same order (p ascending within a K block, K blocks ascending) wherever it
 * sits, which keeps results identical for any split of C between threads.
 *
 * <p>A caller that multiplies one A by many Bs can pack it once ({@link PackedA}, through
 * {@link #packA(boolean, int, int, float[], int, int, float[])}): the products then read its panels,
 * all K blocks of them, instead of packing A themselves, with the same bits.
 *
 * <p>One shape skips all of this: {@code C = A·Bᵀ} with C at most 32 rows tall and K at least 512
 * (a convolution's weight gradient, {@code dWᵀ = cols · doutᵀ}) goes to {@link DotProductKernel},
 * which reads both operands in place; the choice depends on the whole problem only.
 *
 * <p>The two micro-kernels are unrolled by hand on purpose (one named local per accumulator, one
 * line per fused multiply-add): Java cannot index an array of registers, and C2 keeps the
 * accumulators in vector registers only when they are plain locals.
 */
final class VectorGemmKernel implements GemmKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    static final int MR = 8;
    static final int NR = 2 * L;
    static final int KC = 256;
    static final int MC = 192;
    static final int NC = 4096;
    /** C blocks at least this wide get all of A packed; narrower ones read A in place. */
    static final int PACK_A_MIN_COLUMNS = 192;
    /** At most this many floats of op(B) are packed at once (16 MiB): all of it, unless huge. */
    static final int PACKED_B_MAX = 1 << 22;
    /**
     * C at most this many rows tall reads the full panels of a row-major B in place instead of
     * packing them: each panel serves at most 8 micro-tiles, too few to repay the copy.
     */
    static final int B_IN_PLACE_MAX_ROWS = 64;
    /** op(B) blocks smaller than this many floats are packed by the calling thread alone. */
    static final int PARALLEL_PACK_MIN = 1 << 15;

    /**
     * Per-thread packing buffers, grown on demand and then reused by every call, and the block
     * this thread hands to the pool when it calls the kernel (also reused: a call allocates none).
     */
    private static final class Workspace {
        /**
         * Packed A never needs more than one MC×KC block, so it is allocated whole at once: the
         * growth branch inside {@link Block#compute} is then never taken, and the JIT, which had
         * compiled it as a trap during the warm-up, no longer throws the compiled kernel away at the
         * first product with a larger block (seen in W3's first training step).
         */
        float[] packedA = new float[MC * KC];
        float[] packedB = new float[0];
        final float[] tile = new float[MR * NR];
        /** Scratch of the dot-product kernel. */
        final float[] sums = new float[DotProductKernel.SCRATCH];
        final Block block;

        Workspace(ThreadLocal<Workspace> workspaces) {
            block = new Block(workspaces);
        }

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

    private final ThreadLocal<Workspace> workspaces = new ThreadLocal<>() {
        @Override
        protected Workspace initialValue() {
            return new Workspace(this);
        }
    };

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
        run(null, transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc, accumulate, null);
    }

    @Override
    public void multiply(WorkerPool pool, boolean transA, boolean transB, int m, int n, int k,
                         float[] a, int aOffset, int lda,
                         float[] b, int bOffset, int ldb,
                         float[] c, int cOffset, int ldc, boolean accumulate) {
        run(pool, transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc, accumulate, null);
    }

    @Override
    public void multiply(WorkerPool pool, boolean transA, boolean transB, int m, int n, int k,
                         float[] a, int aOffset, int lda,
                         float[] b, int bOffset, int ldb,
                         float[] c, int cOffset, int ldc, boolean accumulate, float[] packedA) {
        run(pool, transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc, accumulate, packedA);
    }

    /**
     * All of op(A), every K block, in panels of {@value #MR} rows: the K block that starts at column
     * {@code pc} (the product's own equal blocks) at {@code pc·roundUp(m, MR)}, and within it the
     * panel of rows {@code i..i+MR} at {@code i·kc}, as {@link #packA} lays out one block.
     */
    @Override
    public int packedASize(int m, int k) {
        return roundUp(m, MR) * k;
    }

    @Override
    public void packA(boolean transA, int m, int k, float[] a, int aOffset, int lda, float[] panels) {
        int kcMax = kcMax(k);
        int rows = roundUp(m, MR);
        for (int pc = 0; pc < k; pc += kcMax) {
            packA(transA, a, aOffset, lda, 0, m, pc, Math.min(kcMax, k - pc), panels, pc * rows);
        }
    }

    /**
     * The size of the K blocks: equal blocks of at most {@value #KC} (784 = 4 x 196, not 3 x 256 +
     * 16). It depends on k alone, so every tile of C, on any thread, sums in the same order.
     */
    private static int kcMax(int k) {
        int kBlocks = (k + KC - 1) / KC;
        return (k + kBlocks - 1) / kBlocks;
    }

    /**
     * The loop nest, on the calling thread ({@code pool == null}) or on a pool. Each block of
     * columns of op(B) is packed once, for all K blocks, into the calling thread's buffer; with a
     * pool the threads pack its panels side by side, then each computes its own rows of C (or its
     * own panels of columns when C is wider than tall) from that one shared copy.
     */
    private void run(WorkerPool pool, boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOffset, int lda,
                     float[] b, int bOffset, int ldb,
                     float[] c, int cOffset, int ldc, boolean accumulate, float[] packedA) {
        if (DotProductKernel.suits(transA, transB, m, k)) {
            // Short C = A·Bᵀ with long K (a convolution's weight gradient): dot products of rows, no
            // packing (see DotProductKernel). Chosen from the whole problem, before any split.
            if (pool == null) {
                DotProductKernel.multiply(0, m, n, k, a, aOffset, lda, b, bOffset, ldb,
                        c, cOffset, ldc, accumulate, workspaces.get().sums);
            } else {
                int tr = DotProductKernel.TR;
                pool.forRange((m + tr - 1) / tr, 1, (lo, hi) -> DotProductKernel.multiply(lo * tr,
                        Math.min(m, hi * tr), n, k, a, aOffset, lda, b, bOffset, ldb,
                        c, cOffset, ldc, accumulate, workspaces.get().sums));
            }
            return;
        }
        int kcMax = kcMax(k);
        int kBlocks = (k + kcMax - 1) / kcMax;
        // Columns per packed block: all of n if k x n fits in PACKED_B_MAX floats.
        int ncMax = Math.max(NR, Math.min(NC, PACKED_B_MAX / k / NR * NR));
        Workspace ws = workspaces.get();
        float[] pb = ws.packedB(roundUp(Math.min(n, ncMax), NR) * k);
        Block block = ws.block;
        try {
            for (int jc = 0; jc < n; jc += ncMax) {
                int nc = Math.min(ncMax, n - jc);
                int panels = (nc + NR - 1) / NR;
                block.set(transA, transB, m, nc, k, kcMax, a, aOffset, lda,
                        b, bOffset + (transB ? jc * ldb : jc), ldb, pb, c, cOffset + jc, ldc, accumulate, packedA);
                // 1. Pack op(B)'s columns jc..jc+nc, every K block: unit u = (K block u / panels, panel u % panels).
                int packUnits = kBlocks * panels;
                if (pool == null || (long) k * nc < PARALLEL_PACK_MIN) {
                    block.pack(0, packUnits);
                } else {
                    pool.forRange(packUnits, 1, block.packUnits);
                }
                // 2. Multiply: rows of C split between the threads, or panels of columns if C is wide.
                if (pool == null) {
                    block.compute(0, m, 0, panels, ws);
                } else if (m >= nc) {
                    pool.forRange((m + MR - 1) / MR, 1, block.rowPanels);
                } else {
                    pool.forRange(panels, 1, block.columnPanels);
                }
            }
        } finally {
            block.release();
        }
    }

    /**
     * One block of columns of C: its packed B (all K blocks) and the loops that fill it. Each thread
     * keeps one in its {@link Workspace} and {@link #set}s it for every block of every call; the
     * three loop bodies handed to the pool are made once with it. The pool runs one job at a time
     * and returns when every chunk is done, so no worker reads a block while its owner resets it.
     */
    private static final class Block {
        boolean transA;
        boolean transB;
        int m;
        int nc;
        int k;
        int kcMax;
        float[] a;
        int aOffset;
        int lda;
        float[] b;
        int bOffset;
        int ldb;
        /** Packed op(B): K block starting at row pc at {@code width*pc}, its panel q at {@code q*NR*kc} within. */
        float[] pb;
        int width;
        float[] c;
        int cOffset;
        int ldc;
        boolean accumulate;
        /** Full panels of B are read where B lies (row-major B, short C), not packed. */
        boolean bInPlace;
        /** All of op(A), packed by the caller once for many products ({@link #packedASize}), or null. */
        float[] packedA;
        /** Rows of {@link #packedA}'s panels: m rounded up to {@value #MR}. */
        int packedRows;

        /** Packs units {@code lo..hi} of op(B). */
        final Parallel.RangeBody packUnits = this::pack;
        /** Computes row panels {@code lo..hi} of C (MR rows each) in every column. */
        final Parallel.RangeBody rowPanels;
        /** Computes column panels {@code lo..hi} of C (NR columns each) in every row. */
        final Parallel.RangeBody columnPanels;

        Block(ThreadLocal<Workspace> workspaces) {
            rowPanels = (lo, hi) -> compute(lo * MR, Math.min(m, hi * MR), 0, width / NR, workspaces.get());
            columnPanels = (lo, hi) -> compute(0, m, lo, hi, workspaces.get());
        }

        void set(boolean transA, boolean transB, int m, int nc, int k, int kcMax,
                 float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb, float[] pb,
                 float[] c, int cOffset, int ldc, boolean accumulate, float[] packedA) {
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.nc = nc;
            this.k = k;
            this.kcMax = kcMax;
            this.a = a;
            this.aOffset = aOffset;
            this.lda = lda;
            this.b = b;
            this.bOffset = bOffset;
            this.ldb = ldb;
            this.pb = pb;
            this.width = roundUp(nc, NR);
            this.c = c;
            this.cOffset = cOffset;
            this.ldc = ldc;
            this.accumulate = accumulate;
            this.bInPlace = !transB && m <= B_IN_PLACE_MAX_ROWS;
            this.packedA = packedA;
            this.packedRows = roundUp(m, MR);
        }

        /** Drops the call's arrays, so that a reused block does not keep them reachable. */
        void release() {
            a = null;
            b = null;
            c = null;
            packedA = null;
        }

        /** Packs units {@code lo..hi} (unit u = K block {@code u / panels}, panel {@code u % panels}). */
        void pack(int lo, int hi) {
            int panels = width / NR;
            for (int u = lo; u < hi; u++) {
                int pc = u / panels * kcMax;
                int kc = Math.min(kcMax, k - pc);
                int jr = u % panels * NR;
                if (bInPlace && nc - jr >= NR) {
                    continue;
                }
                packB(transB, b, bOffset, ldb, pc, kc, jr, Math.min(NR, nc - jr), pb, width * pc + jr * kc);
            }
        }

        /** Fills rows {@code i0..i1} of C in the columns of panels {@code q0..q1}, every K block. */
        void compute(int i0, int i1, int q0, int q1, Workspace ws) {
            int j0 = q0 * NR;
            int j1 = Math.min(nc, q1 * NR);
            // A(i, p) = a[aOffset + i*ars + p*acs]
            int ars = transA ? 1 : lda;
            int acs = transA ? lda : 1;
            // Packing A pays off when its block is reused by many B panels. For narrow C
            // (training's 100-column GEMMs, im2col's 30, a convolution's weight gradient with one
            // column per filter) each A panel meets only a few B panels, and reading A where it
            // lies is faster than copying it first: measured 1.2x on (100x4320)(4320x100) and
            // 1.5-1.9x on the weight-gradient shapes of a small CNN (144x784 times 784x16).
            boolean packAll = nc >= PACK_A_MIN_COLUMNS;
            // Row blocks of equal size (256 rows = 2 x 128, not 192 + 64): no short last block.
            int rowBlocks = (i1 - i0 + MC - 1) / MC;
            int mcStep = roundUp((i1 - i0 + rowBlocks - 1) / Math.max(1, rowBlocks), MR);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                boolean overwrite = !accumulate && pc == 0;
                for (int ic = i0; ic < i1; ic += mcStep) {
                    int mc = Math.min(mcStep, i1 - ic);
                    float[] pa;
                    if (packedA != null) {
                        pa = packedA;   // packed by the caller, once for many products
                    } else if (packAll) {
                        pa = ws.packedA(roundUp(mc, MR) * kc);
                        packA(transA, a, aOffset, lda, ic, mc, pc, kc, pa, 0);
                    } else {
                        // Only the last, partial row panel is packed (zero-padded to MR rows).
                        int tail = mc % MR;
                        pa = ws.packedA(MR * kc);
                        if (tail != 0) {
                            packA(transA, a, aOffset, lda, ic + mc - tail, tail, pc, kc, pa, 0);
                        }
                    }
                    for (int jr = j0; jr < j1; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        // Where the micro-kernel reads B(p, j): a packed panel, or B itself.
                        float[] bp = pb;
                        int bi = width * pc + jr * kc;
                        int bs = NR;
                        if (bInPlace && nr == NR) {
                            bp = b;
                            bi = bOffset + pc * ldb + jr;
                            bs = ldb;
                        }
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            int ci = cOffset + (ic + ir) * ldc + jr;
                            // Where the micro-kernel reads A(i, p): a packed panel, or A itself.
                            float[] ap = a;
                            int ai = aOffset + (ic + ir) * ars + pc * acs;
                            int rs = ars;
                            int cs = acs;
                            if (packedA != null) {
                                ap = packedA;
                                ai = pc * packedRows + (ic + ir) * kc;
                                rs = 1;
                                cs = MR;
                            } else if (packAll || mr < MR) {
                                ap = pa;
                                ai = packAll ? ir * kc : 0;
                                rs = 1;
                                cs = MR;
                            }
                            if (nr > L) {
                                microKernel(kc, ap, ai, rs, cs, bp, bi, bs, c, ci, ldc, mr, nr, ws.tile, overwrite);
                            } else {
                                narrowKernel(kc, ap, ai, rs, cs, pb, bi, c, ci, ldc, mr, nr, ws.tile, overwrite);
                            }
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
     * rows: panel {@code q} holds {@code A(ic+q*MR+r, pc+p)} at {@code paOffset + q*MR*kc + p*MR + r}.
     */
    private static void packA(boolean transA, float[] a, int aOffset, int lda,
                              int ic, int mc, int pc, int kc, float[] pa, int paOffset) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int base = paOffset + ir * kc;
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
     * Packs rows {@code pc..pc+kc}, columns {@code jr..jr+nr} ({@code nr <= NR}) of op(B) into one
     * panel at {@code base}: {@code B(pc+p, jr+j)} at {@code base + p*width + j}, where the width is
     * {@code NR}, or {@code L} (one vector, for the narrow kernel) when {@code nr <= L}; the columns
     * past {@code nr} are zero.
     */
    private static void packB(boolean transB, float[] b, int bOffset, int ldb,
                              int pc, int kc, int jr, int nr, float[] pb, int base) {
        int width = nr > L ? NR : L;
        if (nr < width) {
            Arrays.fill(pb, base, base + width * kc, 0f);
        }
        if (transB) {
            // op(B)(p, j) = B[j*ldb + p]: read each stored row contiguously, write with stride width.
            for (int j = 0; j < nr; j++) {
                int src = bOffset + (jr + j) * ldb + pc;
                int dst = base + j;
                for (int p = 0; p < kc; p++) {
                    pb[dst + p * width] = b[src + p];
                }
            }
        } else if (nr == NR) {
            // op(B)(p, j) = B[p*ldb + j]: two vectors per row.
            for (int p = 0; p < kc; p++) {
                int src = bOffset + (pc + p) * ldb + jr;
                int dst = base + p * NR;
                FloatVector.fromArray(S, b, src).intoArray(pb, dst);
                FloatVector.fromArray(S, b, src + L).intoArray(pb, dst + L);
            }
        } else {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(b, bOffset + (pc + p) * ldb + jr, pb, base + p * width, nr);
            }
        }
    }

    /**
     * {@code C[mr x nr tile at ci] += A · Bpanel} over one K block, for panels two vectors wide, with
     * {@code A(r, p) = pa[ai + r*rs + p*cs]}: a packed panel ({@code rs = 1, cs = MR}) or A in place,
     * and {@code B(p, j) = pb[bi + p*bs + j]}: a packed panel ({@code bs = NR}) or B in place.
     * The full-tile store is written out here, not in a helper: C2 inlines the Vector API's
     * {@code @ForceInline} methods whatever the size, but stops inlining a helper of this big method
     * (NodeCountInliningCutoff) and then boxes every vector passed to it. Edge tiles spill the
     * accumulators to a scratch tile and add its valid part to C.
     */
    private static void microKernel(int kc, float[] pa, int ai, int rs, int cs,
            float[] pb, int bi, int bs, float[] c, int ci, int ldc, int mr, int nr, float[] tile, boolean overwrite) {
        int r2 = 2 * rs;
        int r3 = 3 * rs;
        int r4 = 4 * rs;
        int r5 = 5 * rs;
        int r6 = 6 * rs;
        int r7 = 7 * rs;
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
            a = FloatVector.broadcast(S, pa[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, pa[ai + rs]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, pa[ai + r2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, pa[ai + r3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, pa[ai + r4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, pa[ai + r5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(S, pa[ai + r6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(S, pa[ai + r7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
            ai += cs;
            bi += bs;
        }
        if (mr == MR && nr == NR && overwrite) {
            // The first K block of C = A·B: the sums go straight to C (the same bits as adding
            // them to zeros, since a sum that starts at +0 is never −0), without reading C.
            c00.intoArray(c, ci);
            c01.intoArray(c, ci + L);
            c10.intoArray(c, ci + ldc);
            c11.intoArray(c, ci + ldc + L);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, ci + 2 * ldc + L);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, ci + 3 * ldc + L);
            c40.intoArray(c, ci + 4 * ldc);
            c41.intoArray(c, ci + 4 * ldc + L);
            c50.intoArray(c, ci + 5 * ldc);
            c51.intoArray(c, ci + 5 * ldc + L);
            c60.intoArray(c, ci + 6 * ldc);
            c61.intoArray(c, ci + 6 * ldc + L);
            c70.intoArray(c, ci + 7 * ldc);
            c71.intoArray(c, ci + 7 * ldc + L);
            return;
        }
        if (mr == MR && nr == NR) {
            int row0 = ci;
            FloatVector.fromArray(S, c, row0).add(c00).intoArray(c, row0);
            FloatVector.fromArray(S, c, row0 + L).add(c01).intoArray(c, row0 + L);
            int row1 = ci + ldc;
            FloatVector.fromArray(S, c, row1).add(c10).intoArray(c, row1);
            FloatVector.fromArray(S, c, row1 + L).add(c11).intoArray(c, row1 + L);
            int row2 = ci + 2 * ldc;
            FloatVector.fromArray(S, c, row2).add(c20).intoArray(c, row2);
            FloatVector.fromArray(S, c, row2 + L).add(c21).intoArray(c, row2 + L);
            int row3 = ci + 3 * ldc;
            FloatVector.fromArray(S, c, row3).add(c30).intoArray(c, row3);
            FloatVector.fromArray(S, c, row3 + L).add(c31).intoArray(c, row3 + L);
            int row4 = ci + 4 * ldc;
            FloatVector.fromArray(S, c, row4).add(c40).intoArray(c, row4);
            FloatVector.fromArray(S, c, row4 + L).add(c41).intoArray(c, row4 + L);
            int row5 = ci + 5 * ldc;
            FloatVector.fromArray(S, c, row5).add(c50).intoArray(c, row5);
            FloatVector.fromArray(S, c, row5 + L).add(c51).intoArray(c, row5 + L);
            int row6 = ci + 6 * ldc;
            FloatVector.fromArray(S, c, row6).add(c60).intoArray(c, row6);
            FloatVector.fromArray(S, c, row6 + L).add(c61).intoArray(c, row6 + L);
            int row7 = ci + 7 * ldc;
            FloatVector.fromArray(S, c, row7).add(c70).intoArray(c, row7);
            FloatVector.fromArray(S, c, row7 + L).add(c71).intoArray(c, row7 + L);
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
        addEdge(tile, c, ci, ldc, mr, nr, overwrite);
    }

    /** {@link #microKernel} for a last panel at most one vector wide (n = 100 wastes 12, not 28, lanes). */
    private static void narrowKernel(int kc, float[] pa, int ai, int rs, int cs,
            float[] pb, int bi, float[] c, int ci, int ldc, int mr, int nr, float[] tile, boolean overwrite) {
        int r2 = 2 * rs;
        int r3 = 3 * rs;
        int r4 = 4 * rs;
        int r5 = 5 * rs;
        int r6 = 6 * rs;
        int r7 = 7 * rs;
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, pb, bi);
            FloatVector a;
            a = FloatVector.broadcast(S, pa[ai]);
            c00 = a.fma(b0, c00);
            a = FloatVector.broadcast(S, pa[ai + rs]);
            c10 = a.fma(b0, c10);
            a = FloatVector.broadcast(S, pa[ai + r2]);
            c20 = a.fma(b0, c20);
            a = FloatVector.broadcast(S, pa[ai + r3]);
            c30 = a.fma(b0, c30);
            a = FloatVector.broadcast(S, pa[ai + r4]);
            c40 = a.fma(b0, c40);
            a = FloatVector.broadcast(S, pa[ai + r5]);
            c50 = a.fma(b0, c50);
            a = FloatVector.broadcast(S, pa[ai + r6]);
            c60 = a.fma(b0, c60);
            a = FloatVector.broadcast(S, pa[ai + r7]);
            c70 = a.fma(b0, c70);
            ai += cs;
            bi += L;
        }
        if (mr == MR && nr == L && overwrite) {   // as in microKernel
            c00.intoArray(c, ci);
            c10.intoArray(c, ci + ldc);
            c20.intoArray(c, ci + 2 * ldc);
            c30.intoArray(c, ci + 3 * ldc);
            c40.intoArray(c, ci + 4 * ldc);
            c50.intoArray(c, ci + 5 * ldc);
            c60.intoArray(c, ci + 6 * ldc);
            c70.intoArray(c, ci + 7 * ldc);
            return;
        }
        if (mr == MR && nr == L) {
            int row0 = ci;
            FloatVector.fromArray(S, c, row0).add(c00).intoArray(c, row0);
            int row1 = ci + ldc;
            FloatVector.fromArray(S, c, row1).add(c10).intoArray(c, row1);
            int row2 = ci + 2 * ldc;
            FloatVector.fromArray(S, c, row2).add(c20).intoArray(c, row2);
            int row3 = ci + 3 * ldc;
            FloatVector.fromArray(S, c, row3).add(c30).intoArray(c, row3);
            int row4 = ci + 4 * ldc;
            FloatVector.fromArray(S, c, row4).add(c40).intoArray(c, row4);
            int row5 = ci + 5 * ldc;
            FloatVector.fromArray(S, c, row5).add(c50).intoArray(c, row5);
            int row6 = ci + 6 * ldc;
            FloatVector.fromArray(S, c, row6).add(c60).intoArray(c, row6);
            int row7 = ci + 7 * ldc;
            FloatVector.fromArray(S, c, row7).add(c70).intoArray(c, row7);
            return;
        }
        c00.intoArray(tile, 0 * NR);
        c10.intoArray(tile, 1 * NR);
        c20.intoArray(tile, 2 * NR);
        c30.intoArray(tile, 3 * NR);
        c40.intoArray(tile, 4 * NR);
        c50.intoArray(tile, 5 * NR);
        c60.intoArray(tile, 6 * NR);
        c70.intoArray(tile, 7 * NR);
        addEdge(tile, c, ci, ldc, mr, nr, overwrite);
    }

    /**
     * {@code C[mr x nr at ci] += tile}, or {@code = tile} when {@code overwrite} (the first K block
     * of {@code C = A·B}: the same bits as adding to zeros). The same additions as the full-tile path, one per element, so
     * an element's bits never depend on where its tile ends. A row at least one vector wide is done
     * in whole vectors: the last one ends at column {@code nr} and may overlap the one before it
     * (columns 14..29 after 0..15 when {@code nr = 30}); all of a row's loads come before its stores,
     * so an overlapped column is written twice with the same sum. Rows narrower than a vector go
     * element by element (a vector there would reach into the next row, which may belong to another
     * thread).
     */
    private static void addEdge(float[] tile, float[] c, int ci, int ldc, int mr, int nr, boolean overwrite) {
        for (int r = 0; r < mr; r++) {
            int row = ci + r * ldc;
            int t = r * NR;
            if (overwrite) {
                System.arraycopy(tile, t, c, row, nr);
            } else if (nr == 2 * L) {
                addRow2(tile, t, c, row, L);
            } else if (nr > L) {
                addRow2(tile, t, c, row, nr - L);
            } else if (nr == L) {
                FloatVector.fromArray(S, c, row).add(FloatVector.fromArray(S, tile, t)).intoArray(c, row);
            } else {
                for (int j = 0; j < nr; j++) {
                    c[row + j] += tile[t + j];
                }
            }
        }
    }

    /** Adds two vectors of a tile row to C: columns {@code 0..L} and {@code second..second+L}. */
    private static void addRow2(float[] tile, int t, float[] c, int row, int second) {
        FloatVector first = FloatVector.fromArray(S, c, row).add(FloatVector.fromArray(S, tile, t));
        FloatVector last = FloatVector.fromArray(S, c, row + second).add(FloatVector.fromArray(S, tile, t + second));
        last.intoArray(c, row + second);
        first.intoArray(c, row);
    }
}
