// Flatten: every axis after the batch axis into one.
//   forward:  y  = x.reshape(N, C·H·W)
//   backward: dx = dout.reshape(N, C, H, W)      (the shape of the last training input)
package dev.kiso.nn;

import dev.kiso.tensor.Tensor;

/**
 * Flattens each sample into a vector, between convolutional and affine layers. A contiguous input
 * is viewed, not copied.
 *
 * <p>Shape: {@code [N, d1, d2, ...]} to {@code [N, d1·d2·...]}. No parameters. PyTorch:
 * {@code nn.Flatten()}.
 */
public final class Flatten implements Layer {
    private int[] xShape;  // input shape of the last training forward
    private int[] yShape;  // its output shape

    /** A flatten layer. */
    public Flatten() {
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (x.rank() < 1) {
            throw LayerChecks.badInput(this, "[N, ...]", x);
        }
        int n = x.shape(0);
        Tensor y = x.reshape(n, n == 0 ? 0 : x.size() / n);
        if (training) {
            xShape = x.shape();
            yShape = y.shape();
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        int[] shape = LayerChecks.requireForward(xShape, this);
        return LayerChecks.gradientOf(this, yShape, dout).reshape(shape);
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("Flatten");
    }

    @Override
    public String toString() {
        return spec().toString();
    }
}
