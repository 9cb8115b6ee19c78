package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

import java.util.Arrays;

/**
 * A trainable tensor and its gradient. The optimizer reads {@link #grad()} and updates
 * {@link #value()} in place; a regularizer adds its penalty only where {@link #regularized()}
 * is true (weights, not biases or the shift and scale of normalization layers, as in the course).
 */
public final class Parameter {
    private final String name;
    private final Tensor value;
    private final Tensor grad;
    private final boolean regularized;

    /**
     * Creates a parameter with a zero gradient of the same shape.
     *
     * @param name        the name PyTorch would use ({@code weight}, {@code bias})
     * @param value       the value, contiguous; updated in place by optimizers
     * @param regularized whether regularizers apply to it
     */
    public Parameter(String name, Tensor value, boolean regularized) {
        if (!value.isContiguous()) {
            throw new KisoException("Parameter " + name + ": value must be contiguous, got strides "
                    + Arrays.toString(value.strides()));
        }
        this.name = name;
        this.value = value;
        this.grad = Tensor.zeros(value.shape());
        this.regularized = regularized;
    }

    /** @return the name, e.g. {@code weight} */
    public String name() {
        return name;
    }

    /** @return the value, updated in place */
    public Tensor value() {
        return value;
    }

    /** @return the gradient of the loss with respect to the value, same shape */
    public Tensor grad() {
        return grad;
    }

    /** @return whether regularizers (L1, L2, ElasticNet) apply to this parameter */
    public boolean regularized() {
        return regularized;
    }

    /** Sets the gradient to zero. */
    public void zeroGrad() {
        Arrays.fill(grad.data(), grad.offset(), grad.offset() + grad.size(), 0f);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(value.shape());
    }
}
