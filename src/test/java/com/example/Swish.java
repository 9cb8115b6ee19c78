// Swish (also called SiLU), a smooth ReLU-like activation.
//   forward:  y  = x · σ(x)                       σ(x) = 1 / (1 + e^(-x))
//   backward: dx = dout · (σ(x) + x · σ(x) · (1 - σ(x)))
package com.example;

import dev.kiso.nn.Layer;
import dev.kiso.nn.LayerSpec;
import dev.kiso.tensor.Tensor;

/**
 * Swish, {@code y = x·σ(x)}, element by element: a user's own layer in one class.
 *
 * <p>Shape: any input; the output has the same shape. No parameters.
 */
public final class Swish implements Layer {
    private Tensor x;  // input of the last training forward

    @Override
    public Tensor forward(Tensor x, boolean training) {
        float[] in = x.toArray();  // a fresh row-major copy, whatever x's layout
        float[] y = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            y[i] = in[i] * sigmoid(in[i]);
        }
        if (training) {
            this.x = Tensor.of(in, x.shape());  // evaluation mode keeps nothing
        }
        return Tensor.of(y, x.shape());
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (x == null) {
            throw new IllegalStateException("Swish: backward without a training-mode forward before it");
        }
        float[] in = x.data();
        float[] dx = dout.toArray();
        for (int i = 0; i < dx.length; i++) {
            float s = sigmoid(in[i]);
            dx[i] *= s + in[i] * s * (1 - s);
        }
        return Tensor.of(dx, dout.shape());
    }

    private static float sigmoid(float v) {
        return (float) (1 / (1 + Math.exp(-v)));
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("Swish");
    }

    @Override
    public String toString() {
        return spec().toString();
    }
}
