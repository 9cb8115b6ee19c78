// Sigmoid, the logistic function.
//   forward:  y  = 1 / (1 + exp(-x))
//   backward: dx = dout · y · (1 - y)
package dev.kiso.nn;

import dev.kiso.tensor.Tensor;

/**
 * The logistic sigmoid {@code y = 1/(1 + e^(-x))}, element by element. Its derivative
 * {@code y(1 − y)} is at most 0.25 (at {@code x = 0}), which is why deep sigmoid networks lose
 * their gradient.
 *
 * <p>Shape: any input {@code [N, ...]}; the output has the same shape. No parameters.
 */
public final class Sigmoid implements Layer {
    private Tensor y;   // output of the last training forward
    private Tensor dx;  // gradient buffer, reused

    /** A sigmoid layer. */
    public Sigmoid() {
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
            ys[i] = (float) (1.0 / (1.0 + Math.exp(-xs[xo + i])));  // exp overflows to +inf: y = 0, no NaN
        }
        if (training) {
            y = out;
        }
        return out;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Tensor y = LayerChecks.requireForward(this.y, this);
        dout = LayerChecks.gradientOf(this, y.shape(), dout);
        dx = Buffers.reuse(dx, y.shape(), dout);
        float[] ys = y.data();
        float[] ds = dout.data();
        float[] dxs = dx.data();
        int d0 = dout.offset();
        for (int i = 0; i < dxs.length; i++) {
            dxs[i] = ds[d0 + i] * ys[i] * (1f - ys[i]);
        }
        return dx;
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("Sigmoid");
    }

    @Override
    public String toString() {
        return spec().toString();
    }
}
