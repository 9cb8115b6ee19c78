// GlobalAvgPool2D: the mean of each whole channel plane, one number per (image, channel).
//
// forward:  y[n,c]       = (1/(H·W)) · Σ_(h,w) x[n,c,h,w]
// backward: dx[n,c,h,w]  = dout[n,c] / (H·W)

package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

import java.util.Arrays;

/**
 * Global average pooling: each channel of each image is reduced to its mean, as at the end of
 * ResNet-style networks (PyTorch's {@code AdaptiveAvgPool2d(1)} followed by {@code flatten(1)}).
 *
 * <p>Shape: {@code x [N, C, H, W]} → {@code y [N, C]}.
 *
 * <p>No parameters or hyper-parameters; a training-mode forward keeps only the input shape.
 */
public final class GlobalAvgPool2D implements Layer {

    private int[] xShape;   // training-mode input shape; null until a training forward

    /** Creates the layer. */
    public GlobalAvgPool2D() {
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (x.rank() != 4 || x.shape(2) * x.shape(3) == 0) {
            throw new KisoException("GlobalAvgPool2D: expected input [N, C, H, W] with H, W >= 1, got "
                    + Arrays.toString(x.shape()));
        }
        int planes = x.shape(0) * x.shape(1);
        int area = x.shape(2) * x.shape(3);
        Tensor xc = x.contiguous();
        float[] xd = xc.data();
        float[] y = new float[planes];
        for (int plane = 0; plane < planes; plane++) {
            int start = xc.offset() + plane * area;
            float sum = 0f;
            for (int i = start; i < start + area; i++) {
                sum += xd[i];
            }
            y[plane] = sum / area;
        }
        if (training) {
            xShape = x.shape();
        }
        return Tensor.of(y, x.shape(0), x.shape(1));
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (xShape == null) {
            throw new IllegalStateException("GlobalAvgPool2D.backward: no training-mode forward to go back through;"
                    + " call forward(x, true) first");
        }
        int[] yShape = {xShape[0], xShape[1]};
        if (!Arrays.equals(dout.shape(), yShape)) {
            throw new KisoException("GlobalAvgPool2D.backward: dout should have the output shape "
                    + Arrays.toString(yShape) + ", got " + Arrays.toString(dout.shape()));
        }
        int area = xShape[2] * xShape[3];
        Tensor d = dout.contiguous();
        float[] dx = new float[yShape[0] * yShape[1] * area];
        for (int plane = 0; plane < yShape[0] * yShape[1]; plane++) {
            Arrays.fill(dx, plane * area, (plane + 1) * area, d.data()[d.offset() + plane] / area);
        }
        return Tensor.of(dx, xShape);
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
