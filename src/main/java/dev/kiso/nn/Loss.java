package dev.kiso.nn;

import dev.kiso.tensor.Tensor;

/**
 * A loss function: the scalar that training makes small, and its gradient with respect to the
 * network's output. Like a layer, it caches in {@link #forward} what {@link #backward} needs.
 */
public interface Loss {

    /**
     * The loss of a batch, averaged over the batch.
     *
     * @param y the network's output (for classification, the logits), batch first
     * @param t the targets: class indices {@code [N]} or one-hot / real-valued {@code [N, ...]}
     * @return the mean loss
     */
    float forward(Tensor y, Tensor t);

    /**
     * The gradient of the last {@link #forward} loss with respect to {@code y}.
     *
     * @return {@code dL/dy}, same shape as {@code y}
     */
    Tensor backward();
}
