package dev.kiso.data;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

import java.util.Random;

/**
 * Mirrors each image of a batch left to right with probability {@code p} (½ by default), a fresh
 * coin per example: torchvision's {@code RandomHorizontalFlip}. The output buffer is reused from
 * one call to the next (see {@link BatchTransform}).
 */
public final class RandomFlip implements BatchTransform {

    private final double p;
    private Tensor out;

    /** A flip with probability ½. */
    public RandomFlip() {
        this(0.5);
    }

    /**
     * @param p the probability of flipping each example, in {@code [0, 1]}
     */
    public RandomFlip(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new KisoException("RandomFlip: probability must be in [0, 1], got " + p);
        }
        this.p = p;
    }

    /**
     * @param batch images {@code [B, ..., H, W]}
     * @param rng   draws one {@code nextDouble()} per example
     * @return the batch with some examples mirrored, in a reused buffer
     */
    @Override
    public Tensor apply(Tensor batch, Random rng) {
        Augment.checkBatch("RandomFlip", batch);
        out = Augment.reuse(out, batch.shape());
        Tensor x = batch.contiguous();
        int B = batch.shape(0);
        int H = batch.shape(-2);
        int W = batch.shape(-1);
        int exampleSize = B == 0 ? 0 : batch.size() / B;
        for (int n = 0; n < B; n++) {
            int off = n * exampleSize;
            if (rng.nextDouble() < p) {
                for (int plane = off; plane < off + exampleSize; plane += H * W) {
                    Augment.mirror(x.data(), x.offset() + plane, H, W, out.data(), plane);
                }
            } else {
                System.arraycopy(x.data(), x.offset() + off, out.data(), off, exampleSize);
            }
        }
        return out;
    }

    /** @return e.g. {@code RandomFlip(p=0.5)} */
    @Override
    public String toString() {
        return "RandomFlip(p=" + p + ")";
    }
}
