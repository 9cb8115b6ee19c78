// MaxPool2D: the largest value in each k×k window of each channel; padding counts as −∞.
//
// forward:  y[n,c,oh,ow] = max_(i,j) x[n,c, oh·s − p + i, ow·s − p + j]
//           argmax = the first maximum in row-major window order (PyTorch's tie rule)
// backward: dx[n,c,argmax] += dout[n,c,oh,ow]    (overlapping windows add up; other cells get 0)

package dev.kiso.nn;

import dev.kiso.nn.Im2Col.Window;
import dev.kiso.tensor.Tensor;

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
 * keeps nothing.
 */
public final class MaxPool2D implements Layer {

    private final Window window;
    private int[] xShape;   // training-mode input shape; null until a training forward
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
        this.window = Window.pooling("MaxPool2D", kernel, stride, padding);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int[] yShape = window.outputShape(toString(), x.shape());
        int h = x.shape(2);
        int w = x.shape(3);
        int oh = yShape[2];
        int ow = yShape[3];
        Tensor xc = x.contiguous();
        float[] xd = xc.data();
        int planes = yShape[0] * yShape[1];
        float[] y = new float[planes * oh * ow];
        int[] arg = training ? reuse(argmax, y.length) : null;
        int k = window.kh();
        int s = window.strideH();
        int p = window.padH();
        for (int plane = 0; plane < planes; plane++) {
            int xPlane = xc.offset() + plane * h * w;
            for (int i = 0; i < oh; i++) {
                int rowLo = Math.max(0, i * s - p);
                int rowHi = Math.min(h, i * s - p + k);
                for (int j = 0; j < ow; j++) {
                    int colLo = Math.max(0, j * s - p);
                    int colHi = Math.min(w, j * s - p + k);
                    int best = rowLo * w + colLo;
                    float max = xd[xPlane + best];
                    for (int r = rowLo; r < rowHi; r++) {
                        for (int c = colLo; c < colHi; c++) {
                            float v = xd[xPlane + r * w + c];
                            if (v > max || (v != v && max == max)) {   // strictly greater: first max wins; NaN sticks
                                max = v;
                                best = r * w + c;
                            }
                        }
                    }
                    int out = (plane * oh + i) * ow + j;
                    y[out] = max;
                    if (arg != null) {
                        arg[out] = best;
                    }
                }
            }
        }
        if (training) {
            argmax = arg;
            xShape = x.shape();
        }
        return Tensor.of(y, yShape);
    }

    @Override
    public Tensor backward(Tensor dout) {
        int[] yShape = checkBackward(dout);
        int plane = xShape[2] * xShape[3];
        int outPlane = yShape[2] * yShape[3];
        Tensor d = dout.contiguous();
        float[] g = d.data();
        float[] dx = new float[xShape[0] * xShape[1] * plane];
        for (int out = 0; out < argmax.length; out++) {
            dx[(out / outPlane) * plane + argmax[out]] += g[d.offset() + out];
        }
        return Tensor.of(dx, xShape);
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
        if (argmax == null) {
            throw new IllegalStateException("MaxPool2D.argmaxIndices: no training-mode forward yet");
        }
        return argmax.clone();
    }

    private int[] checkBackward(Tensor dout) {
        if (xShape == null) {
            throw new IllegalStateException("MaxPool2D.backward: no training-mode forward to go back through;"
                    + " call forward(x, true) first");
        }
        return window.checkDout("MaxPool2D", xShape, xShape[1], dout.shape());
    }

    private static int[] reuse(int[] buffer, int size) {
        return buffer != null && buffer.length == size ? buffer : new int[size];
    }

    @Override
    public LayerSpec spec() {
        return window.poolingSpec("MaxPool2D");
    }

    @Override
    public String toString() {
        return spec().toString();
    }
}
