package dev.kiso.data;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

/**
 * One mini-batch: inputs {@code x [B, ...]}, targets {@code t [B, ...]} and, for labelled data,
 * the class labels.
 *
 * <p>A batch handed out by {@link Batches} lives in buffers that the next batch of the same size
 * overwrites: it is valid only until the iterator's next {@code next()}. Copy what you keep.
 */
public final class Batch {

    private Tensor x;
    private final Tensor t;
    private final int[] labels;

    /**
     * @param x      the inputs, batch first
     * @param t      the targets, batch first
     * @param labels the class labels (length {@code B}), or null for tensor targets
     */
    Batch(Tensor x, Tensor t, int[] labels) {
        this.x = x;
        this.t = t;
        this.labels = labels;
    }

    /** @return the number of examples {@code B} */
    public int size() {
        return t.shape(0);
    }

    /** @return the inputs {@code [B, ...]} (after any augmentation) */
    public Tensor x() {
        return x;
    }

    /** @return the targets {@code [B, ...]}; for labelled data the class indices as floats, {@code [B]} */
    public Tensor t() {
        return t;
    }

    /**
     * The class labels of the batch (the same values as {@link #t()}, as ints).
     *
     * @return the labels array itself (length {@code B}); do not keep it past the next batch
     * @throws KisoException if the dataset has tensor targets
     */
    public int[] labels() {
        if (labels == null) {
            throw new KisoException("Batch: this batch has tensor targets, not class labels");
        }
        return labels;
    }

    /** Replaces the inputs with their augmented form (the batch's own buffer is left as it is). */
    void setX(Tensor augmented) {
        this.x = augmented;
    }
}
