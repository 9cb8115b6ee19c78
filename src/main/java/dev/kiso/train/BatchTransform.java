package dev.kiso.train;

import dev.kiso.tensor.Tensor;

import java.util.Random;

/**
 * A change applied to each training mini-batch before the forward pass, for data augmentation
 * (random crops, flips). It is not applied to validation data.
 */
@FunctionalInterface
public interface BatchTransform {

    /**
     * Transforms one batch.
     *
     * @param x   the batch's inputs, batch first; the buffer is reused for the next batch, so do
     *            not keep it (returning it after changing it in place is fine)
     * @param rng the trainer's generator for augmentation, seeded from the fit's seed
     * @return the batch to train on, same batch size
     */
    Tensor apply(Tensor x, Random rng);
}
