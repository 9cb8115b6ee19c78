package dev.kiso.train;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

import java.util.Arrays;
import java.util.Random;

/**
 * Epoch-shuffled mini-batches over in-memory tensors: per epoch a fresh permutation of the sample
 * indices (Fisher–Yates from the trainer's seeded generator), then consecutive slices
 * {@code [i, min(i + B, N))}, the last smaller batch included. Rows are gathered into two buffers
 * allocated once (one for full batches, one for the last), so an epoch allocates nothing.
 *
 * <p>Internal to the trainer; {@code dev.kiso.data} offers the same sampling for custom loops.
 */
final class MiniBatches {

    private final Tensor x;
    private final Tensor t;
    private final int n;
    private final int batchSize;
    private final int xRow;
    private final int tRow;
    private final int[] order;
    private final Tensor xFull;
    private final Tensor tFull;
    private final Tensor xLast;
    private final Tensor tLast;

    MiniBatches(Tensor x, Tensor t, int batchSize) {
        this.x = x.contiguous();
        this.t = t.contiguous();
        this.n = x.shape(0);
        this.batchSize = Math.min(batchSize, n);
        this.xRow = x.size() / n;
        this.tRow = t.size() / n;
        this.order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int last = n - (count() - 1) * this.batchSize;
        this.xFull = Tensor.zeros(withBatch(x.shape(), this.batchSize));
        this.tFull = Tensor.zeros(withBatch(t.shape(), this.batchSize));
        this.xLast = last == this.batchSize ? xFull : Tensor.zeros(withBatch(x.shape(), last));
        this.tLast = last == this.batchSize ? tFull : Tensor.zeros(withBatch(t.shape(), last));
    }

    /** Checks that x and t hold the same number of samples, at least one. */
    static void checkPair(String what, Tensor x, Tensor t) {
        if (x.rank() == 0 || t.rank() == 0 || x.shape(0) != t.shape(0) || x.shape(0) == 0) {
            throw new KisoException(what + ": inputs " + Arrays.toString(x.shape()) + " and targets "
                    + Arrays.toString(t.shape()) + " must have the same number of samples (axis 0), at least 1");
        }
    }

    /** @return the number of batches per epoch, ⌈N/B⌉ */
    int count() {
        return (n + batchSize - 1) / batchSize;
    }

    /** @return the number of samples */
    int samples() {
        return n;
    }

    /** Shuffles the visiting order with a fresh permutation (identity order when rng is null). */
    void startEpoch(Random rng) {
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (rng == null) {
            return;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
    }

    /** Gathers batch b's inputs; valid until the next call. */
    Tensor x(int b) {
        return gather(x, xRow, b, b == count() - 1 ? xLast : xFull);
    }

    /** Gathers batch b's targets; valid until the next call. */
    Tensor t(int b) {
        return gather(t, tRow, b, b == count() - 1 ? tLast : tFull);
    }

    private Tensor gather(Tensor src, int row, int b, Tensor dst) {
        int from = b * batchSize;
        int rows = dst.shape(0);
        float[] s = src.data();
        float[] d = dst.data();
        for (int r = 0; r < rows; r++) {
            System.arraycopy(s, src.offset() + order[from + r] * row, d, r * row, row);
        }
        return dst;
    }

    private static int[] withBatch(int[] shape, int batch) {
        int[] out = shape.clone();
        out[0] = batch;
        return out;
    }
}
