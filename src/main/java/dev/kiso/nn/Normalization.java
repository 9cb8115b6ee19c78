package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * What {@link BatchNorm}, {@link LayerNorm} and {@link InstanceNorm} share besides their arithmetic
 * (which is in {@link Standardize}): a scale gamma (PyTorch's {@code weight}, starting at 1) and a
 * shift beta ({@code bias}, starting at 0), neither regularized, and the eps added to the variance
 * inside the square root.
 */
abstract class Normalization implements Layer {
    /** Added to the variance inside the square root. */
    final float eps;
    /** The scale, {@code weight}. */
    final Parameter gamma;
    /** The shift, {@code bias}. */
    final Parameter beta;

    /**
     * Creates gamma = 1 and beta = 0 of the given shape.
     *
     * @param layer the layer's name, for the message
     * @param eps   &gt; 0
     * @param shape the shape of gamma and beta, positive sizes
     */
    Normalization(String layer, float eps, int... shape) {
        if (!(eps > 0f) || shape.length == 0 || Arrays.stream(shape).anyMatch(s -> s <= 0)) {
            throw new KisoException(layer + ": need positive sizes and eps > 0, got " + Arrays.toString(shape)
                    + " and eps=" + eps);
        }
        this.eps = eps;
        this.gamma = new Parameter("weight", Tensor.ones(shape), false);
        this.beta = new Parameter("bias", Tensor.zeros(shape), false);
    }

    /** @return gamma, the scale (PyTorch's {@code weight}): per channel, or elementwise for layer norm */
    public Parameter gamma() {
        return gamma;
    }

    /** @return beta, the shift (PyTorch's {@code bias}): per channel, or elementwise for layer norm */
    public Parameter beta() {
        return beta;
    }

    /** Resets gamma to 1 and beta to 0; draws nothing from {@code rng}. */
    @Override
    public void initialize(Random rng) {
        Arrays.fill(gamma.value().data(), 1f);
        Arrays.fill(beta.value().data(), 0f);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(gamma, beta);
    }

    @Override
    public String toString() {
        return spec().toString();
    }
}
