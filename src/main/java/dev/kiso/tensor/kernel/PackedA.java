package dev.kiso.tensor.kernel;

import dev.kiso.KisoException;

/**
 * The left operand {@code op(A)} of many products, packed once: {@link Gemm#gemm(PackedA, boolean,
 * int, float[], int, int, float[], int, int, boolean)} then multiplies it without copying it again.
 *
 * <p>Why: a convolution multiplies the same filters {@code W [F, C·kh·kw]} by every image's columns.
 * The Vector API kernel copies A into panels of 8 rows before it multiplies (so that the
 * micro-kernel reads it as one stream), and it did so for every image: a tenth of the time of
 * W3's convolution forwards, 5 % of its training step. Packed once per batch, the copy is gone.
 * BLAS libraries offer the same ({@code cblas_sgemm_pack} and {@code cblas_sgemm_compute} in
 * Intel's MKL).
 *
 * <p>Contract: a product with a packed A gives the same bits as {@link Gemm#gemm} with A itself
 * (the kernel performs the same multiply-adds in the same order; only where it reads A from
 * changes). The packed copy is made by {@link #pack}; products that do not use packed panels (the
 * plain kernel, the dot-product and split-K paths) read A's array directly, so A must not change
 * between {@code pack} and the last product that uses it. One packed A may be read by many threads
 * at once, once it has been handed to them safely (through an executor, Kiso's worker pool, or
 * another happens-before edge: its fields are plain); {@code pack} itself must not run while another
 * thread multiplies with it.
 *
 * <pre>{@code
 * PackedA w = new PackedA();                      // keep it: its buffer is reused
 * w.pack(false, filters, taps, W, 0, taps);       // once per batch
 * for (int n = 0; n < images; n++) {              // or from many threads
 *     Gemm.gemm(w, false, positions, cols[n], 0, positions, y, n * filters * positions, positions, false);
 * }
 * }</pre>
 */
public final class PackedA {
    private float[] panels;
    private GemmKernel packedBy;
    private boolean transA;
    private int m;
    private int k;
    private float[] a;
    private int aOffset;
    private int lda;

    /** An empty packed operand: {@link #pack} fills it, growing its buffer as needed. */
    public PackedA() {
        this(new float[0]);
    }

    /**
     * An empty packed operand that packs into {@code buffer} while it is large enough (a buffer an
     * {@code InferenceWorkspace} keeps, say), and into a larger one of its own otherwise.
     *
     * @param buffer the array to pack into; its contents are overwritten
     */
    public PackedA(float[] buffer) {
        if (buffer == null) {
            throw new KisoException("PackedA: buffer is null");
        }
        this.panels = buffer;
    }

    /**
     * How many floats the panels of an {@code m×k} op(A) take with the selected kernel, for a
     * caller that provides the buffer ({@link #PackedA(float[])}).
     *
     * @param m rows of op(A)
     * @param k columns of op(A)
     * @return the size, 0 if the kernel reads A where it lies
     */
    public static int size(int m, int k) {
        return GemmKernels.selected().packedASize(m, k);
    }

    /**
     * Packs {@code op(A)}, an {@code m×k} matrix stored as in {@link Gemm#gemm}, for the selected
     * kernel. A later call packs another matrix into the same buffer.
     *
     * @param transA  read A transposed
     * @param m       rows of op(A) and of every product's C
     * @param k       columns of op(A), rows of every product's op(B)
     * @param a       A's array
     * @param aOffset index of A's first element
     * @param lda     A's row stride as stored
     * @return this
     * @throws KisoException if a size is negative or A does not fit in its array
     */
    public PackedA pack(boolean transA, int m, int k, float[] a, int aOffset, int lda) {
        return pack(GemmKernels.selected(), transA, m, k, a, aOffset, lda);
    }

    /** {@link #pack} for an explicit kernel: the hook tests use. */
    PackedA pack(GemmKernel kernel, boolean transA, int m, int k, float[] a, int aOffset, int lda) {
        if (m < 0 || k < 0) {
            throw new KisoException("PackedA: negative size m=" + m + ", k=" + k);
        }
        Gemm.checkOperand("PackedA.pack", "A", transA ? k : m, transA ? m : k, a, aOffset, lda);
        int size = kernel.packedASize(m, k);
        if (panels.length < size) {
            panels = new float[size];
        }
        if (m > 0 && k > 0) {
            kernel.packA(transA, m, k, a, aOffset, lda, panels);
        }
        this.packedBy = kernel;
        this.transA = transA;
        this.m = m;
        this.k = k;
        this.a = a;
        this.aOffset = aOffset;
        this.lda = lda;
        return this;
    }

    /**
     * Rows of op(A): the rows of every product's C.
     *
     * @return m
     * @throws KisoException if nothing was packed yet
     */
    public int rows() {
        requirePacked();
        return m;
    }

    /**
     * Columns of op(A): the inner dimension of every product.
     *
     * @return k
     * @throws KisoException if nothing was packed yet
     */
    public int columns() {
        requirePacked();
        return k;
    }

    void requirePacked() {
        if (packedBy == null) {
            throw new KisoException("PackedA: nothing packed yet (call pack first)");
        }
    }

    boolean transA() {
        return transA;
    }

    float[] a() {
        return a;
    }

    int aOffset() {
        return aOffset;
    }

    int lda() {
        return lda;
    }

    /** The panels, if {@code kernel} made them; null otherwise (the product then packs A itself). */
    float[] panelsFor(GemmKernel kernel) {
        return kernel == packedBy && kernel.packedASize(m, k) > 0 ? panels : null;
    }

    @Override
    public String toString() {
        return packedBy == null ? "PackedA(empty)"
                : "PackedA(" + m + "x" + k + (transA ? ", transposed" : "") + ")";
    }
}
