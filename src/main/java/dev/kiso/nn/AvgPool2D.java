// AvgPool2D: the mean of each k×k window of each channel; zero padding counts in the divisor.
//
// forward:  y[n,c,oh,ow] = (1/k²) · Σ_(i,j) x[n,c, oh·s − p + i, ow·s − p + j]    (padding = 0)
// backward: dx[n,c,h,w] += dout[n,c,oh,ow] / k²   for every window (oh, ow) that covers (h, w)

package dev.kiso.nn;

import dev.kiso.nn.Im2Col.Window;
import dev.kiso.tensor.Tensor;

/**
 * Average pooling over square windows, like PyTorch's {@code nn.AvgPool2d} with its default
 * {@code count_include_pad=True}: the divisor is always {@code kernel²}, padding cells included.
 *
 * <p>Shape: {@code x [N, C, H, W]} → {@code y [N, C, OH, OW]},
 * {@code OH = ⌊(H + 2·padding − kernel)/stride⌋ + 1} (same for {@code OW}).
 *
 * <p>Defaults: stride = kernel, padding 0. No parameters; a training-mode forward keeps only the
 * input shape.
 */
public final class AvgPool2D implements Layer {

    private final Window window;
    private int[] xShape;   // training-mode input shape; null until a training forward

    /**
     * Non-overlapping pooling: stride = kernel, no padding.
     *
     * @param kernel window height and width
     */
    public AvgPool2D(int kernel) {
        this(kernel, kernel, 0);
    }

    /**
     * Pooling without padding.
     *
     * @param kernel window height and width
     * @param stride step between windows
     */
    public AvgPool2D(int kernel, int stride) {
        this(kernel, stride, 0);
    }

    /**
     * Pooling with zero padding, counted in the divisor.
     *
     * @param kernel  window height and width
     * @param stride  step between windows
     * @param padding cells of zeros added on each side, at most {@code kernel / 2}
     */
    public AvgPool2D(int kernel, int stride, int padding) {
        this.window = Window.pooling("AvgPool2D", kernel, stride, padding);
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
        int k = window.kh();
        int s = window.strideH();
        int p = window.padH();
        float scale = 1f / (k * k);
        for (int plane = 0; plane < planes; plane++) {
            int xPlane = xc.offset() + plane * h * w;
            for (int i = 0; i < oh; i++) {
                int rowLo = Math.max(0, i * s - p);
                int rowHi = Math.min(h, i * s - p + k);
                for (int j = 0; j < ow; j++) {
                    int colLo = Math.max(0, j * s - p);
                    int colHi = Math.min(w, j * s - p + k);
                    float sum = 0f;
                    for (int r = rowLo; r < rowHi; r++) {
                        for (int c = colLo; c < colHi; c++) {
                            sum += xd[xPlane + r * w + c];
                        }
                    }
                    y[(plane * oh + i) * ow + j] = sum * scale;
                }
            }
        }
        if (training) {
            xShape = x.shape();
        }
        return Tensor.of(y, yShape);
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (xShape == null) {
            throw new IllegalStateException("AvgPool2D.backward: no training-mode forward to go back through;"
                    + " call forward(x, true) first");
        }
        int[] yShape = window.checkDout("AvgPool2D", xShape, xShape[1], dout.shape());
        int h = xShape[2];
        int w = xShape[3];
        int oh = yShape[2];
        int ow = yShape[3];
        Tensor d = dout.contiguous();
        float[] g = d.data();
        int planes = yShape[0] * yShape[1];
        float[] dx = new float[planes * h * w];
        int k = window.kh();
        int s = window.strideH();
        int p = window.padH();
        float scale = 1f / (k * k);
        for (int plane = 0; plane < planes; plane++) {
            int xPlane = plane * h * w;
            for (int i = 0; i < oh; i++) {
                int rowLo = Math.max(0, i * s - p);
                int rowHi = Math.min(h, i * s - p + k);
                for (int j = 0; j < ow; j++) {
                    int colLo = Math.max(0, j * s - p);
                    int colHi = Math.min(w, j * s - p + k);
                    float share = g[d.offset() + (plane * oh + i) * ow + j] * scale;
                    for (int r = rowLo; r < rowHi; r++) {
                        for (int c = colLo; c < colHi; c++) {
                            dx[xPlane + r * w + c] += share;
                        }
                    }
                }
            }
        }
        return Tensor.of(dx, xShape);
    }

    @Override
    public LayerSpec spec() {
        return window.poolingSpec("AvgPool2D");
    }

    @Override
    public String toString() {
        return spec().toString();
    }
}
