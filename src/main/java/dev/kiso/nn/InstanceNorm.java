// Instance normalisation: each (sample, channel) plane standardized over H, W (PyTorch's
// nn.InstanceNorm2d(C, affine=True), no running statistics).
//   forward:  mean, var = statistics of x[n, c, :, :] (var biased, ÷HW)
//             xhat = (x - mean) / sqrt(var + eps),   y = gamma[c] · xhat + beta[c]
//   backward: dbeta[c] = Σ_{n,h,w} dout,   dgamma[c] = Σ_{n,h,w} dout·xhat
//             dx = gamma[c] / (HW·sqrt(var + eps)) · (HW·dout - Σ_hw dout - xhat·Σ_hw dout·xhat)
package dev.kiso.nn;

import dev.kiso.tensor.Tensor;

import java.util.Arrays;

/**
 * Instance normalisation (Ulyanov et al.): every channel of every sample is standardized over its
 * own {@code H×W} plane, then scaled and shifted per channel. It keeps no running statistics, so
 * training and evaluation compute the same thing.
 *
 * <p>Shape: {@code [N, C, H, W]}; the output has the same shape. Needs {@code H·W > 1}.
 *
 * <p>Parameters: {@code weight} (gamma) {@code [C]}, initialised to 1, and {@code bias} (beta)
 * {@code [C]}, initialised to 0; not regularized. eps 1e-5, inside the square root. PyTorch's
 * {@code InstanceNorm2d} defaults to {@code affine=False}; this layer is its {@code affine=True}.
 */
public final class InstanceNorm extends Normalization {
    private final int numFeatures;

    private Tensor xhat;     // standardized input of the last training forward (buffer, reused)
    private float[] invStd;  // its 1/sqrt(var + eps) per (n, c)
    private Tensor y;        // output buffer, reused
    private Tensor dx;       // gradient buffer, reused

    /**
     * Instance norm over {@code numFeatures} channels, eps 1e-5.
     *
     * @param numFeatures C, the size of axis 1 of the input
     */
    public InstanceNorm(int numFeatures) {
        this(numFeatures, BatchNorm.DEFAULT_EPS);
    }

    /**
     * Instance norm with an explicit eps.
     *
     * @param numFeatures C, the size of axis 1 of the input
     * @param eps         added to the variance inside the square root, &gt; 0
     */
    public InstanceNorm(int numFeatures, float eps) {
        super("InstanceNorm", eps, numFeatures);
        this.numFeatures = numFeatures;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (x.rank() != 4 || x.shape(1) != numFeatures || x.shape(2) * x.shape(3) < 2) {
            throw LayerChecks.badInput(this, "[N, " + numFeatures + ", H, W] with H·W > 1", x);
        }
        x = x.contiguous();
        int[] shape = x.shape();
        int n = shape[0];
        int s = shape[2] * shape[3];
        Tensor xhat = training ? Buffers.reuse(this.xhat, shape, x) : Tensor.zeros(shape);
        float[] invStd = new float[n * numFeatures];
        double[] moments = new double[2];
        for (int plane = 0; plane < invStd.length; plane++) {
            invStd[plane] = Standardize.forward(x.data(), x.offset(), xhat.data(), plane * s, s, 1, 0, eps, moments);
        }
        Tensor out = training ? Buffers.reuse(y, shape, x) : Tensor.zeros(shape);
        Standardize.channelAffine(xhat.data(), 0, out.data(), n, numFeatures, s, gamma.value().data(), beta.value().data());
        if (training) {
            this.xhat = xhat;
            this.invStd = invStd;
            this.y = out;
        }
        return out;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Tensor xhat = LayerChecks.requireForward(this.xhat, this);
        dout = LayerChecks.gradientOf(this, xhat.shape(), dout);
        int s = xhat.shape(2) * xhat.shape(3);
        dx = Buffers.reuse(dx, xhat.shape(), dout);
        float[] g = gamma.value().data();
        float[] dgamma = gamma.grad().data();
        float[] dbeta = beta.grad().data();
        Arrays.fill(dgamma, 0f);
        Arrays.fill(dbeta, 0f);
        double[] sums = new double[2];
        for (int plane = 0; plane < invStd.length; plane++) {
            int c = plane % numFeatures;
            Standardize.backward(dout.data(), dout.offset(), g[c], xhat.data(), dx.data(),
                    plane * s, s, 1, 0, invStd[plane], sums);
            dbeta[c] += (float) sums[0];
            dgamma[c] += (float) sums[1];
        }
        return dx;
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("InstanceNorm").with("numFeatures", numFeatures).with("eps", eps);
    }
}
