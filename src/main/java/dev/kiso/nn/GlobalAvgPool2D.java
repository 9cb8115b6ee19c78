// GlobalAvgPool2D: the mean of each whole channel plane, one number per (image, channel).
//
// forward:  y[n,c]       = (1/(H·W)) · Σ_(h,w) x[n,c,h,w]
// backward: dx[n,c,h,w]  = dout[n,c] / (H·W)

package dev.kiso.nn;

import dev.kiso.tensor.Tensor;

import java.util.Arrays;

/**
 * Global average pooling: each channel of each image is reduced to its mean, as at the end of
 * ResNet-style networks (PyTorch's {@code AdaptiveAvgPool2d(1)} followed by {@code flatten(1)}).
 *
 * <p>Shape: {@code x [N, C, H, W]} → {@code y [N, C]}.
 *
 * <p>No parameters or hyper-parameters; a training-mode forward keeps only the input shape, and
 * reuses the output and {@code dx} buffers while the shape stays the same.
 */
public final class GlobalAvgPool2D implements Layer {

    private int[] xShape;   // training-mode input shape; null until a training forward
    private Tensor y;        // training-mode output buffer, reused while the shape stays the same
    private Tensor dx;       // input-gradient buffer, likewise

    /** Creates the layer. */
    public GlobalAvgPool2D() {
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (x.rank() != 4 || x.shape(2) * x.shape(3) == 0) {
            throw LayerChecks.badInput(this, "[N, C, H, W] with H, W >= 1", x);
        }
        int planes = x.shape(0) * x.shape(1);
        int area = x.shape(2) * x.shape(3);
        Tensor xc = x.contiguous();
        int[] yShape = {x.shape(0), x.shape(1)};
        Tensor out = training ? (y = Buffers.reuse(y, yShape, xc)) : Tensor.zeros(yShape);
        for (int plane = 0; plane < planes; plane++) {
            int start = xc.offset() + plane * area;
            double sum = 0;
            for (int i = start; i < start + area; i++) {
                sum += xc.data()[i];
            }
            out.data()[plane] = (float) (sum / area);
        }
        if (training) {
            xShape = x.shape();
        }
        return out;
    }

    @Override
    public Tensor backward(Tensor dout) {
        int[] xs = LayerChecks.requireForward(xShape, this);
        Tensor d = LayerChecks.gradientOf(this, new int[] {xs[0], xs[1]}, dout);
        int area = xs[2] * xs[3];
        dx = Buffers.reuse(dx, xs, d);
        for (int plane = 0; plane < xs[0] * xs[1]; plane++) {
            Arrays.fill(dx.data(), plane * area, (plane + 1) * area, d.data()[d.offset() + plane] / area);
        }
        return dx;
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("GlobalAvgPool2D");
    }

    @Override
    public String toString() {
        return spec().toString();
    }
}
