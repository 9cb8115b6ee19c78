// ReLU, the rectified linear unit.
//   forward:  y  = max(0, x)
//   backward: dx = dout · [x > 0]        (0 at x = 0 exactly, as in PyTorch)
// Both loops are branch-free so the JIT turns them into SIMD code, and split over the worker pool.
package dev.kiso.nn;

import dev.kiso.tensor.Tensor;
import dev.kiso.tensor.kernel.Parallel;

/**
 * The rectified linear unit, {@code y = max(0, x)}, element by element.
 *
 * <p>Shape: any input {@code [N, ...]}; the output has the same shape. No parameters.
 *
 * <p>The gradient at exactly {@code x = 0} is taken as 0, like PyTorch and the course's
 * {@code mask = (x <= 0)}.
 */
public final class ReLU extends Activation {
    /** Smallest share of a tensor worth handing to another thread. */
    private static final int GRAIN = 1 << 15;

    /** A ReLU layer. */
    public ReLU() {
    }

    @Override
    void forwardInto(Tensor x, Tensor y) {
        float[] xs = x.offset() == 0 ? x.data() : x.copy().data();   // bare indices vectorize
        float[] ys = y.data();
        Parallel.forRange(ys.length, GRAIN, (start, end) -> {
            for (int i = start; i < end; i++) {
                ys[i] = Math.max(xs[i], 0f);
            }
        });
    }

    @Override
    void backwardInto(Tensor x, Tensor y, Tensor dout, Tensor dx) {
        float[] ys = y.data();  // y > 0 exactly where x > 0
        float[] ds = dout.offset() == 0 ? dout.data() : dout.copy().data();
        float[] dxs = dx.data();
        Parallel.forRange(dxs.length, GRAIN, (start, end) -> {
            for (int i = start; i < end; i++) {
                dxs[i] = Float.intBitsToFloat(Float.floatToRawIntBits(ds[i]) & positiveMask(ys[i]));
            }
        });
    }

    /**
     * All ones when {@code y > 0}, else 0, for a {@code y = max(x, 0)}: such a y is +0 or has the
     * bits of a positive float (a positive int), so {@code bits − 1} is negative only for +0. The
     * obvious {@code y > 0 ? dout : 0} costs a branch the CPU mispredicts for half the values
     * (measured 10x slower here). A NaN y lets the gradient through.
     */
    private static int positiveMask(float y) {
        return ~((Float.floatToRawIntBits(y) - 1) >> 31);
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("ReLU");
    }
}
