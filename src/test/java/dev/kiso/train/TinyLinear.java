package dev.kiso.train;

import dev.kiso.nn.Layer;
import dev.kiso.nn.Parameter;
import dev.kiso.tensor.Tensor;

import java.util.List;
import java.util.Random;

/**
 * Test-only affine layer y = x·W + b (W [in, out]), written with plain loops so the trainer can be
 * tested without the real layers. dW = xᵀ·dout, db = Σ dout, dx = dout·Wᵀ.
 */
final class TinyLinear implements Layer {
    final Parameter weight;
    final Parameter bias;
    private final int in;
    private final int out;
    private Tensor x;

    TinyLinear(int in, int out) {
        this.in = in;
        this.out = out;
        this.weight = new Parameter("weight", Tensor.zeros(in, out), true);
        this.bias = new Parameter("bias", Tensor.zeros(out), false);
    }

    @Override
    public void initialize(Random rng) {
        float[] w = weight.value().data();
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rng.nextGaussian() * Math.sqrt(2.0 / in));
        }
        java.util.Arrays.fill(bias.value().data(), 0f);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        Tensor xc = x.contiguous();
        int n = xc.shape(0);
        float[] y = new float[n * out];
        float[] xd = xc.data();
        float[] w = weight.value().data();
        float[] b = bias.value().data();
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < out; j++) {
                float s = b[j];
                for (int k = 0; k < in; k++) {
                    s += xd[xc.offset() + r * in + k] * w[k * out + j];
                }
                y[r * out + j] = s;
            }
        }
        if (training) {
            this.x = xc.copy();
        }
        return Tensor.of(y, n, out);
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (x == null) {
            throw new IllegalStateException("TinyLinear.backward without a training forward");
        }
        int n = x.shape(0);
        float[] d = dout.contiguous().toArray();
        float[] xd = x.data();
        float[] w = weight.value().data();
        float[] dw = weight.grad().data();
        float[] db = bias.grad().data();
        java.util.Arrays.fill(dw, 0f);
        java.util.Arrays.fill(db, 0f);
        float[] dx = new float[n * in];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < out; j++) {
                float g = d[r * out + j];
                db[j] += g;
                for (int k = 0; k < in; k++) {
                    dw[k * out + j] += xd[r * in + k] * g;
                    dx[r * in + k] += g * w[k * out + j];
                }
            }
        }
        return Tensor.of(dx, n, in);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }
}
