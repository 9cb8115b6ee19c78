// MaxPool2D: the largest value in each k×k window of each channel; padding counts as −∞.
//
// forward:  y[n,c,oh,ow] = max_(i,j) x[n,c, oh·s − p + i, ow·s − p + j]
//           argmax = the first maximum in row-major window order (PyTorch's tie rule)
// backward: dx[n,c,argmax] += dout[n,c,oh,ow]    (overlapping windows add up; other cells get 0)
//
// The common 2×2 stride-2 case (W2, W3) has its own branch-free loops and keeps no index array:
// backward finds each window's maximum again by comparing its four cells with the output.

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
 */
public final class MaxPool2D extends Pool2D {

    /** Smallest number of channel planes worth handing to another thread. */
    private static final int PLANE_GRAIN = 64;

    private int[] argmax;   // per output element, h·W + w of its maximum in the unpadded plane
    private boolean fast;   // whether the last training forward took the 2×2 path (argmax not kept)
    private boolean windowLoopOnly;   // set on the helper that argmaxIndices() uses

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
        boolean twoByTwo = isTwoByTwo() && !windowLoopOnly;
        if (training) {
            fast = twoByTwo;
        }
        if (!twoByTwo) {
            return false;
        }
        float[] xs = x.data();
        float[] ys = y.data();
        int x0 = x.offset();
        int h = x.shape(2);
        int w = x.shape(3);
        int oh = y.shape(2);
        int ow = y.shape(3);
        Parallel.forRange(y.shape(0) * y.shape(1), PLANE_GRAIN, (first, last) -> {
            for (int plane = first; plane < last; plane++) {
                for (int i = 0; i < oh; i++) {
                    int top = x0 + plane * h * w + 2 * i * w;    // x[n, c, 2i, 0]
                    int bottom = top + w;                        // x[n, c, 2i + 1, 0]
                    int out = (plane * oh + i) * ow;
                    for (int j = 0; j < ow; j++) {
                        // Math.max keeps NaN, as the window loop does
                        ys[out + j] = Math.max(Math.max(xs[top + 2 * j], xs[top + 2 * j + 1]),
                                Math.max(xs[bottom + 2 * j], xs[bottom + 2 * j + 1]));
                    }
                }
            }
        });
        return true;
    }

    @Override
    boolean backwardFast(Tensor x, Tensor y, Tensor dout, Tensor dx) {
        if (!fast) {
            return false;
        }
        float[] xs = x.data();
        float[] ys = y.data();
        float[] ds = dout.data();
        float[] dxs = dx.data();
        int x0 = x.offset();
        int d0 = dout.offset();
        int h = x.shape(2);
        int w = x.shape(3);
        int oh = y.shape(2);
        int ow = y.shape(3);
        Parallel.forRange(y.shape(0) * y.shape(1), PLANE_GRAIN, (first, last) -> {
            for (int plane = first; plane < last; plane++) {
                int xPlane = plane * h * w;
                if (h % 2 == 1 || w % 2 == 1) {   // cells outside every window get 0
                    java.util.Arrays.fill(dxs, xPlane, xPlane + h * w, 0f);
                }
                for (int i = 0; i < oh; i++) {
                    int top = xPlane + 2 * i * w;
                    int bottom = top + w;
                    int out = (plane * oh + i) * ow;
                    for (int j = 0; j < ow; j++) {
                        int a = top + 2 * j;
                        int c = bottom + 2 * j;
                        float max = ys[out + j];
                        int g = Float.floatToRawIntBits(ds[d0 + out + j]);
                        // the first of the four cells (row-major) holding the maximum gets g, the others 0:
                        // masks of all ones or zeros instead of branches the CPU would mispredict
                        int m0 = same(xs[x0 + a], max);
                        int m1 = same(xs[x0 + a + 1], max) & ~m0;
                        int m2 = same(xs[x0 + c], max) & ~(m0 | m1);
                        int m3 = ~(m0 | m1 | m2);
                        dxs[a] = Float.intBitsToFloat(g & m0);
                        dxs[a + 1] = Float.intBitsToFloat(g & m1);
                        dxs[c] = Float.intBitsToFloat(g & m2);
                        dxs[c + 1] = Float.intBitsToFloat(g & m3);
                    }
                }
            }
        });
        return true;
    }

    /**
     * All ones when {@code v == max}, else 0, computed on the bits without a branch: equal bits, or
     * both zero whatever their signs. (A NaN matches only the same NaN; when no cell matches, the
     * last one of the window gets the gradient.)
     */
    private static int same(float v, float max) {
        int bits = Float.floatToRawIntBits(v);
        int diff = bits ^ Float.floatToRawIntBits(max);
        int ignoreSign = isZero(bits & 0x7fffffff) & 0x80000000;   // +0 and −0 are equal
        return isZero(diff & ~ignoreSign);
    }

    /** All ones when {@code i == 0}, else 0. */
    private static int isZero(int i) {
        return ~((i | -i) >> 31);
    }

    @Override
    void beforeForward(int outputs, boolean training) {
        if (training && (argmax == null || argmax.length != outputs)) {
            argmax = new int[outputs];   // reused across steps of the same shape
        }
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
        if (fast) {   // the 2×2 path keeps no indices: find them with the window loop
            MaxPool2D scan = new MaxPool2D(kernel(), kernel(), 0);
            scan.windowLoopOnly = true;
            scan.forward(trainedInput(), true);
            return scan.argmax.clone();
        }
        return argmax.clone();
    }
}
