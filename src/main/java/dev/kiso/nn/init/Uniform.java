package dev.kiso.nn.init;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

import java.util.Random;

/**
 * Every weight drawn uniformly from {@code [low, high)}, whatever the fan-in.
 *
 * @param low  the lower bound (inclusive)
 * @param high the upper bound (exclusive), at least {@code low}
 */
public record Uniform(float low, float high) implements Initializer {

    /**
     * Checks the bounds.
     *
     * @param low  the lower bound (inclusive)
     * @param high the upper bound (exclusive), at least {@code low}
     */
    public Uniform {
        if (!(low <= high) || Float.isInfinite(low) || Float.isInfinite(high)) {
            throw new KisoException("Uniform: need finite low <= high, got [" + low + ", " + high + ")");
        }
    }

    @Override
    public void fill(Tensor weight, int fanIn, int fanOut, Random rng) {
        fillUniform(weight, low, high, rng);
    }

    /**
     * Overwrites {@code weight} with uniform draws from {@code [low, high)}, in row-major order.
     *
     * @param weight the contiguous tensor to fill
     * @param low    the lower bound
     * @param high   the upper bound
     * @param rng    the seeded generator
     */
    static void fillUniform(Tensor weight, double low, double high, Random rng) {
        float[] w = Fans.data(weight);
        int off = weight.offset();
        for (int i = 0; i < weight.size(); i++) {
            w[off + i] = (float) (low + (high - low) * rng.nextDouble());
        }
    }

    @Override
    public String toString() {
        return "Uniform(low=" + low + ", high=" + high + ")";
    }
}
