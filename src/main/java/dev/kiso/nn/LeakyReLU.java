// LeakyReLU: a ReLU that lets a small slope through for negative inputs.
//   forward:  y  = x            if x > 0,   slope · x     otherwise
//   backward: dx = dout         if x > 0,   slope · dout  otherwise   (slope at x = 0, as in PyTorch)
package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

/**
 * The leaky rectified linear unit: {@code y = x} for {@code x > 0} and {@code slope·x} otherwise.
 *
 * <p>Shape: any input {@code [N, ...]}; the output has the same shape. No parameters. Default
 * slope {@value #DEFAULT_SLOPE} (PyTorch's {@code negative_slope}). At exactly {@code x = 0} the
 * gradient is {@code slope·dout}, as in PyTorch.
 */
public final class LeakyReLU extends Activation {
    /** PyTorch's default negative slope. */
    public static final float DEFAULT_SLOPE = 0.01f;

    private final float slope;

    /** A leaky ReLU with slope {@value #DEFAULT_SLOPE}. */
    public LeakyReLU() {
        this(DEFAULT_SLOPE);
    }

    /**
     * A leaky ReLU with the given slope for negative inputs.
     *
     * @param slope the slope for {@code x <= 0}; finite
     */
    public LeakyReLU(float slope) {
        if (!Float.isFinite(slope)) {
            throw new KisoException("LeakyReLU: slope must be finite, got " + slope);
        }
        this.slope = slope;
    }

    /** @return the slope for non-positive inputs */
    public float slope() {
        return slope;
    }

    @Override
    void forwardInto(Tensor x, Tensor y) {
        float[] xs = x.data();
        float[] ys = y.data();
        int x0 = x.offset();
        for (int i = 0; i < ys.length; i++) {
            float v = xs[x0 + i];
            ys[i] = v > 0f ? v : slope * v;
        }
    }

    @Override
    void backwardInto(Tensor x, Tensor y, Tensor dout, Tensor dx) {
        float[] xs = x.data();
        float[] ds = dout.data();
        float[] dxs = dx.data();
        int x0 = x.offset();
        int d0 = dout.offset();
        for (int i = 0; i < dxs.length; i++) {
            float g = ds[d0 + i];
            dxs[i] = xs[x0 + i] > 0f ? g : slope * g;
        }
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("LeakyReLU").with("slope", slope);
    }
}
