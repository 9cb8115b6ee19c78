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
public final class Sigmoid extends Activation {

    /** A sigmoid layer. */
    public Sigmoid() {
    }

    @Override
    void forwardInto(Tensor x, Tensor y) {
        float[] xs = x.data();
        float[] ys = y.data();
        int x0 = x.offset();
        for (int i = 0; i < ys.length; i++) {
            ys[i] = (float) (1.0 / (1.0 + Math.exp(-xs[x0 + i])));  // exp overflows to +inf: y = 0, no NaN
        }
    }

    @Override
    void backwardInto(Tensor x, Tensor y, Tensor dout, Tensor dx) {
        float[] ys = y.data();
        float[] ds = dout.data();
        float[] dxs = dx.data();
        int d0 = dout.offset();
        for (int i = 0; i < dxs.length; i++) {
            dxs[i] = ds[d0 + i] * ys[i] * (1f - ys[i]);
        }
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("Sigmoid");
    }
}
