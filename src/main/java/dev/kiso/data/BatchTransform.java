package dev.kiso.data;

import dev.kiso.tensor.Tensor;

import java.util.Random;

/**
 * A random transformation of a whole mini-batch, applied on the fly while training
 * (augmentation): {@link RandomCrop}, {@link RandomFlip}, or a lambda.
 *
 * <p>Contract: {@code apply} does not modify its input, and may return a buffer that it reuses
 * (overwrites) on its next call with a batch of the same shape, so the result is valid until
 * then. All randomness comes from the {@code rng} handed in, so the same seed gives the same
 * batches.
 */
@FunctionalInterface
public interface BatchTransform {

    /**
     * Transforms a batch.
     *
     * @param batch the inputs, batch first, e.g. {@code [B, C, H, W]}
     * @param rng   the source of randomness
     * @return the transformed batch
     */
    Tensor apply(Tensor batch, Random rng);

    /**
     * This transform followed by another.
     *
     * @param next the transform to apply to this one's output
     * @return the composition
     */
    default BatchTransform andThen(BatchTransform next) {
        return (batch, rng) -> next.apply(apply(batch, rng), rng);
    }
}
