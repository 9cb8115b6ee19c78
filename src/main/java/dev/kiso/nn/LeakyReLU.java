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
public final class LeakyReLU implements Layer {
    /** PyTorch's default negative slope. */
    public static final float DEFAULT_SLOPE = 0.01f;

    private final float slope;
    private Tensor x;   // input of the last training forward
    private Tensor y;   // output buffer, reused
    private Tensor dx;  // gradient buffer, reused

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
    public Tensor forward(Tensor x, boolean training) {
        x = x.contiguous();
        Tensor out = training ? Buffers.reuse(y, x.shape(), x) : Tensor.zeros(x.shape());
        float[] xs = x.data();
        float[] ys = out.data();
        int xo = x.offset();
        int n = x.size();
        for (int i = 0; i < n; i++) {
            float v = xs[xo + i];
            ys[i] = v > 0f ? v : slope * v;
        }
        if (training) {
            this.x = x;
            this.y = out;
        }
        return out;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Tensor x = LayerChecks.requireForward(this.x, this);
        dout = LayerChecks.gradientOf(this, x.shape(), dout);
        dx = Buffers.reuse(dx, x.shape(), dout);
        float[] xs = x.data();
        float[] ds = dout.data();
        float[] dxs = dx.data();
        int xo = x.offset();
        int d0 = dout.offset();
        for (int i = 0; i < dxs.length; i++) {
            float g = ds[d0 + i];
            dxs[i] = xs[xo + i] > 0f ? g : slope * g;
        }
        return dx;
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("LeakyReLU").with("slope", slope);
    }

    @Override
    public String toString() {
        return spec().toString();
    }
}
