package dev.kiso.tensor.kernel;

/**
 * GEMM with a small C and a long K, cut along K: {@code C = A·B} is computed as
 * {@code A₀·B₀ + A₁·B₁ + …}, each term over its own range of K, then the terms are added.
 *
 * <p>Why: a fully connected layer on a batch of 100 has a C of only 100×100, but K is the layer's
 * fan-in (W2: 4320). Split by rows, the threads would each read all of packed B (1.7 MB here,
 * more than a core's L2 cache), half of it packed by the other core, and 13 panels of 8 rows
 * split 7 to 6. Measured on W2's (100×4320)·(4320×100): 142 GFLOP/s on one thread and 152 on
 * two. Cut along K, every part packs and reads only its own slice of A and B, the parts are equal,
 * and the threads share nothing until the final sum of a few 40 KB partial products.
 *
 * <p>The parts depend on the problem alone ({@link #parts}), never on the number of threads: each
 * part is computed the same way whichever thread takes it, and the partial products are added in
 * part order, so the result is bit-identical whatever the thread count. On one thread the parts
 * simply run one after the other.
 */
final class SplitK {
    /** C at most this many elements (a 128×128 block: 64 KB per partial product). */
    static final int MAX_C = 128 * 128;
    /** Each part spans at least this much of K, so that it still fills whole K blocks. */
    static final int MIN_PART_K = 384;
    /** At most this many parts (partial products to add). */
    static final int MAX_PARTS = 4;

    /** Per calling thread: parts 1.. write here ({@code m×n} each), part 0 writes into C. */
    private static final ThreadLocal<float[]> PARTIALS = ThreadLocal.withInitial(() -> new float[0]);

    private SplitK() {
    }

    /**
     * How many parts a product of this shape is cut into: 1 (not cut) unless it is big enough for
     * the thread pool ({@link Gemm#PARALLEL_MIN_WORK}), C has at most {@value #MAX_C} elements and K
     * holds at least two parts of {@value #MIN_PART_K}.
     *
     * @param m rows of C
     * @param n columns of C
     * @param k the shared dimension
     * @return the number of parts, 1 to {@value #MAX_PARTS}
     */
    static int parts(int m, int n, int k) {
        if ((long) m * n * k < Gemm.PARALLEL_MIN_WORK || (long) m * n > MAX_C) {
            return 1;
        }
        return Math.max(1, Math.min(MAX_PARTS, k / MIN_PART_K));
    }

    /**
     * {@code C (+)= op(A)·op(B)} in {@code parts} parts along K, on the pool's threads: part
     * {@code p} covers K from {@code p·k/parts} to {@code (p+1)·k/parts}. Part 0 writes into C
     * (adding to it if {@code accumulate}), the others into partial products that are then added to
     * C in part order: {@code C = ((C₀ + P₁) + P₂) + P₃}. Arguments as in {@link Gemm#gemm}.
     */
    static void multiply(GemmKernel kernel, WorkerPool pool, int parts, boolean transA, boolean transB,
                         int m, int n, int k, float[] a, int aOffset, int lda,
                         float[] b, int bOffset, int ldb,
                         float[] c, int cOffset, int ldc, boolean accumulate) {
        int size = m * n;
        float[] partials = PARTIALS.get();
        if (partials.length < (parts - 1) * size) {
            partials = new float[(parts - 1) * size];
            PARTIALS.set(partials);
        }
        float[] p = partials;
        // One task per part, on the pool's threads (all of them in turn on one thread).
        pool.forTasks(parts, (slot, part) -> {
            int k0 = (int) ((long) part * k / parts);
            int k1 = (int) ((long) (part + 1) * k / parts);
            // op(A)'s columns k0..k1 and op(B)'s rows k0..k1, where they lie; part 0 into C, the
            // others into their partial products
            kernel.multiply(transA, transB, m, n, k1 - k0,
                    a, aOffset + (transA ? k0 * lda : k0), lda, b, bOffset + (transB ? k0 : k0 * ldb), ldb,
                    part == 0 ? c : p, part == 0 ? cOffset : (part - 1) * size, part == 0 ? ldc : n,
                    part == 0 && accumulate);
        });
        // C += P₁, then C += P₂, ...: every element summed in part order, row by row.
        for (int part = 1; part < parts; part++) {
            int from = (part - 1) * size;
            for (int i = 0; i < m; i++) {
                addRow(p, from + i * n, c, cOffset + i * ldc, n);
            }
        }
    }

    /** {@code c[at..at+n) += p[from..from+n)}: a loop the JIT turns into vector adds. */
    private static void addRow(float[] p, int from, float[] c, int at, int n) {
        for (int j = 0; j < n; j++) {
            c[at + j] += p[from + j];
        }
    }
}
