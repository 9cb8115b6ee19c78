// MaxPool2D: the largest value in each k×k window of each channel; padding counts as −∞.
//
// forward:  y[n,c,oh,ow] = max_(i,j) x[n,c, oh·s − p + i, ow·s − p + j]
//           argmax = the first maximum in row-major window order (PyTorch's tie rule)
// backward: dx[n,c,argmax] += dout[n,c,oh,ow]    (overlapping windows add up; other cells get 0)
//
// The common 2×2 stride-2 case (W2, W3) has its own loops (MaxPool2x2), without branches on the data
// and with the Vector API when the JVM has it; they fill the same argmax, and their backward writes
// dx from argmax and dout alone, reading neither x nor y.

package dev.kiso.nn;

import dev.kiso.tensor.Tensor;
import dev.kiso.tensor.kernel.Parallel;

/**
 * Max pooling over square windows, like PyTorch's {@code nn.MaxPool2d}: padding is −∞ (so a window
 * of negative values and padding returns its largest real value, not 0), ties go to the first
 * maximum in row-major window order, and when windows overlap each cell receives the sum of the
 * gradients of every window it was the maximum of.
 *
 * <p>Shape: {@code x [N, C, H, W]} → {@code y [N, C, OH, OW]},
 * {@code OH = ⌊(H + 2·padding − kernel)/stride⌋ + 1} (same for {@code OW}).
 *
 * <p>Defaults: stride = kernel, padding 0. No parameters. A training-mode forward keeps the index of
 * each window's maximum for backward (see {@link #argmaxIndices()}); an evaluation-mode forward
 * keeps nothing. Training mode reuses the output and {@code dx} buffers while the shape stays the same.
 *
 * <p>Speed: 2×2 windows with stride 2, the common case, run loops of their own: SIMD ones when the
 * JVM has {@code jdk.incubator.vector} (compiled on a background thread from the second training
 * step on; until then, and with {@code -Dkiso.pool=plain}, plain Java loops). Every path gives the
 * same bits.
 */
public final class MaxPool2D extends Pool2D {

    /** Smallest number of channel planes worth handing to another thread. */
    private static final int PLANE_GRAIN = 64;

    private int[] argmax;   // per output element, h·W + w of its maximum in the unpadded plane

    /**
     * Non-overlapping pooling: stride = kernel, no padding.
     *
     * @param kernel window height and width
     */
    public MaxPool2D(int kernel) {
        this(kernel, kernel, 0);
    }

    /**
     * Pooling without padding.
     *
     * @param kernel window height and width
     * @param stride step between windows
     */
    public MaxPool2D(int kernel, int stride) {
        this(kernel, stride, 0);
    }

    /**
     * Pooling with −∞ padding.
     *
     * @param kernel  window height and width
     * @param stride  step between windows
     * @param padding cells of −∞ added on each side, at most {@code kernel / 2}
     */
    public MaxPool2D(int kernel, int stride, int padding) {
        super("MaxPool2D", kernel, stride, padding);
    }

    @Override
    boolean forwardFast(Tensor x, Tensor y, boolean training) {
        if (!isTwoByTwo()) {
            return false;
        }
        MaxPool2x2 loops = MaxPool2x2.loops();
        float[] xs = x.data();
        float[] ys = y.data();
        int[] indices = training ? argmax : null;
        int h = x.shape(2);
        int w = x.shape(3);
        Parallel.forRange(y.shape(0) * y.shape(1), PLANE_GRAIN,
                (first, last) -> loops.forward(xs, x.offset(), h, w, ys, indices, first, last));
        return true;
    }

    @Override
    boolean backwardFast(int[] xShape, int[] yShape, Tensor dout, Tensor dx) {
        if (!isTwoByTwo()) {
            return false;
        }
        MaxPool2x2 loops = MaxPool2x2.loops();
        float[] ds = dout.data();
        float[] dxs = dx.data();
        int h = xShape[2];
        int w = xShape[3];
        Parallel.forRange(yShape[0] * yShape[1], PLANE_GRAIN,
                (first, last) -> loops.backward(ds, dout.offset(), argmax, dxs, 0, h, w, first, last));
        return true;
    }

    @Override
    void beforeForward(int outputs, boolean training) {
        if (isTwoByTwo() && (!training || trainedShape() != null)) {
            MaxPool2x2.startWarmup();   // not during the first training step: see MaxPoolWarmup
        }
        if (training && (argmax == null || argmax.length != outputs)) {
            argmax = new int[outputs];   // reused across steps of the same shape
        }
    }

    /**
     * Pools planes {@code [first, last)} of a forward started with {@link #begin}, for a layer
     * that produces its output plane by plane ({@link ConvPool}): plane {@code p} of the input
     * ({@code h×w}, contiguous) lies at {@code src[at + (p − first)·h·w]}, wherever the caller
     * keeps it, and goes to plane {@code p} of {@code out}. Only for 2×2 windows with stride 2.
     * The same loops as {@link #forward}, so the same bits.
     *
     * @param training whether to remember each window's argmax for backward
     */
    void poolPlanes(float[] src, int at, int h, int w, Tensor out, int first, int last, boolean training) {
        // the loops read plane p at x0 + p·h·w: x0 is chosen so that plane `first` starts at `at`
        MaxPool2x2.loops().forward(src, at - first * h * w, h, w, out.data(), training ? argmax : null, first, last);
    }

    /**
     * The backward of {@link #poolPlanes}: writes planes {@code [first, last)} of the input gradient
     * ({@code h×w} each) to {@code dst}, plane {@code first} at {@code at}: {@code dout} at each
     * window's argmax, 0 elsewhere. {@code dout} is what {@link #checkedGradient} returned.
     */
    void unpoolPlanes(Tensor dout, float[] dst, int at, int h, int w, int first, int last) {
        MaxPool2x2.loops().backward(dout.data(), dout.offset(), argmax, dst, at - first * h * w, h, w, first, last);
    }

    @Override
    float pool(float[] x, int plane, int w, int rowLo, int rowHi, int colLo, int colHi, int out, boolean training) {
        // Only real cells are scanned, which is what −∞ padding means: padding never wins.
        int best = rowLo * w + colLo;
        float max = x[plane + best];
        for (int r = rowLo; r < rowHi; r++) {
            for (int c = colLo; c < colHi; c++) {
                float v = x[plane + r * w + c];
                if (v > max || (v != v && max == max)) {   // strictly greater: the first maximum wins; NaN sticks
                    max = v;
                    best = r * w + c;
                }
            }
        }
        if (training) {
            argmax[out] = best;
        }
        return max;
    }

    @Override
    void unpool(float g, float[] dx, int plane, int w, int rowLo, int rowHi, int colLo, int colHi, int out) {
        dx[plane + argmax[out]] += g;
    }

    /**
     * The index of each window's maximum from the last training-mode forward, in PyTorch's format:
     * {@code h·W + w} in the unpadded {@code H×W} plane of its {@code (n, c)}, laid out like the
     * output {@code [N, C, OH, OW]}.
     *
     * @return a copy of the indices
     * @throws IllegalStateException if there was no training-mode forward
     */
    public int[] argmaxIndices() {
        if (trainedShape() == null) {
            throw new IllegalStateException("MaxPool2D.argmaxIndices: no training-mode forward yet");
        }
        return argmax.clone();
    }
}
