// Tanh, the hyperbolic tangent.
//   forward:  y  = tanh(x)
//   backward: dx = dout · (1 - y²)
package dev.kiso.nn;

import dev.kiso.tensor.Tensor;

/**
 * The hyperbolic tangent {@code y = tanh(x)}, element by element: a sigmoid centred on 0 with
 * range {@code (−1, 1)} and derivative at most 1.
 *
 * <p>Shape: any input {@code [N, ...]}; the output has the same shape. No parameters.
 */
public final class Tanh implements Layer {
    private Tensor y;   // output of the last training forward
    private Tensor dx;  // gradient buffer, reused

    /** A tanh layer. */
    public Tanh() {
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
            ys[i] = (float) Math.tanh(xs[xo + i]);
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
            dxs[i] = ds[d0 + i] * (1f - ys[i] * ys[i]);
        }
        return dx;
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("Tanh");
    }

    @Override
    public String toString() {
        return spec().toString();
    }
}
