package dev.kiso.train;

import dev.kiso.tensor.Tensor;

/**
 * A quantity reported per epoch that is a mean over samples, such as accuracy. The trainer adds
 * up {@link #sum} over the batches and divides by the number of samples, so the epoch value does
 * not depend on how the data were split into batches.
 */
public interface Metric {

    /** @return the name used in the history and logs ({@code accuracy}); validation adds {@code val_} */
    String name();

    /**
     * The sum of the per-sample scores of one batch.
     *
     * @param y the network's output for the batch
     * @param t the batch's targets
     * @return the sum over the batch (for accuracy, the number of correct predictions)
     */
    double sum(Tensor y, Tensor t);
}
