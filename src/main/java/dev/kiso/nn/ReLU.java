// ReLU, the rectified linear unit.
//   forward:  y  = max(0, x)
//   backward: dx = dout · [x > 0]        (0 at x = 0 exactly, as in PyTorch)
package dev.kiso.nn;

import dev.kiso.tensor.Tensor;

/**
 * The rectified linear unit, {@code y = max(0, x)}, element by element.
 *
 * <p>Shape: any input {@code [N, ...]}; the output has the same shape. No parameters.
 *
 * <p>The gradient at exactly {@code x = 0} is taken as 0, like PyTorch and the course's
 * {@code mask = (x <= 0)}.
 */
public final class ReLU extends Activation {

    /** A ReLU layer. */
    public ReLU() {
    }

    @Override
    void forwardInto(Tensor x, Tensor y) {
        float[] xs = x.data();
        float[] ys = y.data();
        int x0 = x.offset();
        for (int i = 0; i < ys.length; i++) {
            ys[i] = Math.max(xs[x0 + i], 0f);
        }
    }

    @Override
    void backwardInto(Tensor x, Tensor y, Tensor dout, Tensor dx) {
        float[] ys = y.data();  // y > 0 exactly where x > 0
        float[] ds = dout.data();
        float[] dxs = dx.data();
        int d0 = dout.offset();
        for (int i = 0; i < dxs.length; i++) {
            dxs[i] = ys[i] > 0f ? ds[d0 + i] : 0f;
        }
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("ReLU");
    }
}
