// AvgPool2D: the mean of each k×k window of each channel; zero padding counts in the divisor.
//
// forward:  y[n,c,oh,ow] = (1/k²) · Σ_(i,j) x[n,c, oh·s − p + i, ow·s − p + j]    (padding = 0)
// backward: dx[n,c,h,w] += dout[n,c,oh,ow] / k²   for every window (oh, ow) that covers (h, w)

package dev.kiso.nn;

/**
 * Average pooling over square windows, like PyTorch's {@code nn.AvgPool2d} with its default
 * {@code count_include_pad=True}: the divisor is always {@code kernel²}, padding cells included.
 *
 * <p>Shape: {@code x [N, C, H, W]} → {@code y [N, C, OH, OW]},
 * {@code OH = ⌊(H + 2·padding − kernel)/stride⌋ + 1} (same for {@code OW}).
 *
 * <p>Defaults: stride = kernel, padding 0. No parameters; a training-mode forward keeps only the
 * input shape, and reuses the output and {@code dx} buffers while the shape stays the same.
 */
public final class AvgPool2D extends Pool2D {

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
        super("AvgPool2D", kernel, stride, padding);
    }

    @Override
    float pool(float[] x, int plane, int w, int rowLo, int rowHi, int colLo, int colHi, int out, boolean training) {
        float sum = 0f;   // the padding cells add 0 but still count in k²
        for (int r = rowLo; r < rowHi; r++) {
            for (int c = colLo; c < colHi; c++) {
                sum += x[plane + r * w + c];
            }
        }
        return sum / (kernel() * kernel());
    }

    @Override
    void unpool(float g, float[] dx, int plane, int w, int rowLo, int rowHi, int colLo, int colHi, int out) {
        float share = g / (kernel() * kernel());
        for (int r = rowLo; r < rowHi; r++) {
            for (int c = colLo; c < colHi; c++) {
                dx[plane + r * w + c] += share;
            }
        }
    }
}
