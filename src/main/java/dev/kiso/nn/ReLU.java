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
public final class ReLU implements Layer {
    private Tensor y;   // output of the last training forward: y > 0 exactly where x > 0
    private Tensor dx;  // gradient buffer, reused

    /** A ReLU layer. */
    public ReLU() {
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
            ys[i] = Math.max(xs[xo + i], 0f);
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
            dxs[i] = ys[i] > 0f ? ds[d0 + i] : 0f;
        }
        return dx;
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("ReLU");
    }

    @Override
    public String toString() {
        return spec().toString();
    }
}
