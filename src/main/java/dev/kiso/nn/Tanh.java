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
public final class Tanh extends Activation {

    /** A tanh layer. */
    public Tanh() {
    }

    @Override
    void forwardInto(Tensor x, Tensor y) {
        float[] xs = x.data();
        float[] ys = y.data();
        int x0 = x.offset();
        for (int i = 0; i < ys.length; i++) {
            ys[i] = (float) Math.tanh(xs[x0 + i]);
        }
    }

    @Override
    void backwardInto(Tensor x, Tensor y, Tensor dout, Tensor dx) {
        float[] ys = y.data();
        float[] ds = dout.data();
        float[] dxs = dx.data();
        int d0 = dout.offset();
        for (int i = 0; i < dxs.length; i++) {
            dxs[i] = ds[d0 + i] * (1f - ys[i] * ys[i]);
        }
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("Tanh");
    }
}
