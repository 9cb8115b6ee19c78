package dev.kiso.nn.init;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

import java.util.Random;

/**
 * Every weight drawn from {@code N(0, std²)}, whatever the fan-in: the course's
 * {@code weight_init_std = 0.01} is {@code new Normal(0.01f)}.
 *
 * @param std the standard deviation, at least 0
 */
public record Normal(float std) implements Initializer {

    /**
     * Checks the standard deviation.
     *
     * @param std the standard deviation, at least 0
     */
    public Normal {
        if (!(std >= 0f) || Float.isInfinite(std)) {
            throw new KisoException("Normal: std must be finite and >= 0, got " + std);
        }
    }

    @Override
    public void fill(Tensor weight, int fanIn, int fanOut, Random rng) {
        fillNormal(weight, std, rng);
    }

    /**
     * Overwrites {@code weight} with draws from {@code N(0, std²)}, in row-major order.
     *
     * @param weight the contiguous tensor to fill
     * @param std    the standard deviation
     * @param rng    the seeded generator
     */
    static void fillNormal(Tensor weight, double std, Random rng) {
        float[] w = Fans.data(weight);
        int off = weight.offset();
        for (int i = 0; i < weight.size(); i++) {
            w[off + i] = (float) (std * rng.nextGaussian());
        }
    }

    @Override
    public String toString() {
        return "Normal(std=" + std + ")";
    }
}
