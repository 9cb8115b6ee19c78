package dev.kiso.nn.reg;

import dev.kiso.nn.Parameter;

import java.util.List;

/**
 * A penalty on the weights, added to the loss: {@code L_total = L_data + R(w)}. Only parameters
 * with {@link Parameter#regularized()} true take part (weights, not biases or norm shifts).
 *
 * <p>In a training step the trainer calls {@link #penalty} to report the total loss, and
 * {@link #addGradients} after the backward pass, so that each regularized gradient becomes
 * {@code ∂L_data/∂w + ∂R/∂w} before the optimizer step.
 */
public interface Regularizer {

    /**
     * The penalty R(w), summed in double over the regularized parameters.
     *
     * @param parameters the model's parameters (unregularized ones are skipped)
     * @return the penalty, 0 when the strength is 0
     */
    double penalty(List<Parameter> parameters);

    /**
     * Adds ∂R/∂w to the gradient of every regularized parameter.
     *
     * @param parameters the model's parameters (unregularized ones are skipped)
     */
    void addGradients(List<Parameter> parameters);

    /** @return a regularizer that does nothing */
    static Regularizer none() {
        return new Regularizer() {
            @Override
            public double penalty(List<Parameter> parameters) {
                return 0.0;
            }

            @Override
            public void addGradients(List<Parameter> parameters) {
            }

            @Override
            public String toString() {
                return "none";
            }
        };
    }
}
