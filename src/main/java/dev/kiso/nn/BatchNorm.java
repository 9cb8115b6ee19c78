// Batch normalisation, per feature (2-D input) or per channel (4-D input), as PyTorch's BatchNorm1d/2d.
//   forward (training): mean, var = batch statistics per channel (var biased, ÷m)
//                       xhat = (x - mean) / sqrt(var + eps),   y = gamma · xhat + beta
//                       running_mean = (1 - momentum)·running_mean + momentum·mean
//                       running_var  = (1 - momentum)·running_var  + momentum·var·m/(m - 1)   (unbiased)
//   forward (eval):     y = gamma · (x - running_mean) / sqrt(running_var + eps) + beta
//   backward:           dbeta = Σ dout,   dgamma = Σ dout·xhat
//                       dx = gamma / (m·sqrt(var + eps)) · (m·dout - dbeta - xhat·dgamma)
package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Batch normalisation (Ioffe and Szegedy), with PyTorch's conventions: statistics per feature of a
 * {@code [N, C]} input ({@code BatchNorm1d}) or per channel over {@code N, H, W} of an
 * {@code [N, C, H, W]} input ({@code BatchNorm2d}); the biased batch variance to normalise and the
 * unbiased one for the running estimate; {@code momentum = 0.1} meaning "keep 0.9 of the old
 * value"; running variance starting at 1; {@code eps = 1e-5} inside the square root.
 *
 * <p>The course's version differs: eps 1e-6, running variance from the biased variance and starting
 * at 0, and a 4-D input flattened to per-activation statistics.
 *
 * <p>Shape: {@code [N, C]} or {@code [N, C, H, W]}; the output has the same shape. Training needs
 * more than one value per channel ({@code N·H·W > 1}).
 *
 * <p>Parameters: {@code weight} (gamma) {@code [C]}, initialised to 1, and {@code bias} (beta)
 * {@code [C]}, initialised to 0; neither is regularized. Buffers: {@code running_mean} (0) and
 * {@code running_var} (1), updated by every training forward and used in evaluation mode.
 */
public final class BatchNorm extends Normalization {
    /** PyTorch's default eps. */
    public static final float DEFAULT_EPS = 1e-5f;
    /** PyTorch's default momentum: the weight of the new batch statistic. */
    public static final float DEFAULT_MOMENTUM = 0.1f;

    private final int numFeatures;
    private final float momentum;
    private final Tensor runningMean;
    private final Tensor runningVar;

    private Tensor xhat;      // standardized input of the last training forward (buffer, reused)
    private float[] invStd;   // its 1/sqrt(var + eps) per channel
    private Tensor y;         // output buffer, reused
    private Tensor dx;        // gradient buffer, reused

    /**
     * Batch norm over {@code numFeatures} channels with eps 1e-5 and momentum 0.1.
     *
     * @param numFeatures C, the size of axis 1 of the input
     */
    public BatchNorm(int numFeatures) {
        this(numFeatures, DEFAULT_EPS, DEFAULT_MOMENTUM);
    }

    /**
     * Batch norm with explicit eps and momentum.
     *
     * @param numFeatures C, the size of axis 1 of the input
     * @param eps         added to the variance inside the square root, &gt; 0
     * @param momentum    weight of the new batch statistic in the running estimates, in [0, 1]
     */
    public BatchNorm(int numFeatures, float eps, float momentum) {
        super("BatchNorm", eps, numFeatures);
        if (!(momentum >= 0f && momentum <= 1f)) {
            throw new KisoException("BatchNorm: momentum must be in [0, 1], got " + momentum);
        }
        this.numFeatures = numFeatures;
        this.momentum = momentum;
        this.runningMean = Tensor.zeros(numFeatures);
        this.runningVar = Tensor.ones(numFeatures);
    }

    /** @return the running mean per channel (updated in place by training forwards) */
    public Tensor runningMean() {
        return runningMean;
    }

    /** @return the running (unbiased) variance per channel (updated in place by training forwards) */
    public Tensor runningVar() {
        return runningVar;
    }

    /** Resets gamma to 1, beta to 0 and the running statistics to 0 and 1; draws nothing from {@code rng}. */
    @Override
    public void initialize(Random rng) {
        super.initialize(rng);
        Arrays.fill(runningMean.data(), 0f);
        Arrays.fill(runningVar.data(), 1f);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        return forward(x, training, null);
    }

    /** Evaluation mode with the output in {@code workspace}. */
    @Override
    public Tensor infer(Tensor x, InferenceWorkspace workspace) {
        return forward(x, false, workspace);
    }

    private Tensor forward(Tensor x, boolean training, InferenceWorkspace workspace) {
        if (!((x.rank() == 2 || x.rank() == 4) && x.shape(1) == numFeatures)) {
            throw LayerChecks.badInput(this, "[N, " + numFeatures + "] or [N, " + numFeatures + ", H, W]", x);
        }
        x = x.contiguous();
        int n = x.shape(0);
        int s = x.size() / Math.max(1, n * numFeatures);  // H·W, or 1 for 2-D input
        if (!training) {
            return evaluate(x, n, s, workspace);
        }
        int m = n * s;
        if (m < 2) {
            throw new KisoException(this + ": training needs more than one value per channel, found input "
                    + Arrays.toString(x.shape()));
        }
        xhat = Buffers.reuse(xhat, x.shape(), x);
        invStd = new float[numFeatures];
        float[] rm = runningMean.data();
        float[] rv = runningVar.data();
        double[] moments = new double[2];
        for (int c = 0; c < numFeatures; c++) {
            invStd[c] = Standardize.forward(x.data(), x.offset(), xhat.data(), c * s, s, n, numFeatures * s, eps, moments);
            rm[c] = (float) ((1.0 - momentum) * rm[c] + momentum * moments[0]);
            rv[c] = (float) ((1.0 - momentum) * rv[c] + momentum * moments[1] * m / (m - 1));
        }
        y = Buffers.reuse(y, x.shape(), x);
        Standardize.channelAffine(xhat.data(), 0, y.data(), n, numFeatures, s, gamma.value().data(), beta.value().data());
        return y;
    }

    /** Evaluation mode: the running statistics, a fresh (or workspace) output, nothing written in the layer. */
    private Tensor evaluate(Tensor x, int n, int s, InferenceWorkspace workspace) {
        float[] scale = new float[numFeatures];
        float[] shift = new float[numFeatures];
        float[] g = gamma.value().data();
        float[] b = beta.value().data();
        for (int c = 0; c < numFeatures; c++) {
            double a = g[c] / Math.sqrt(runningVar.data()[c] + (double) eps);
            scale[c] = (float) a;
            shift[c] = (float) (b[c] - a * runningMean.data()[c]);
        }
        Tensor out = Buffers.evaluation(workspace, x.shape(), x);
        Standardize.channelAffine(x.data(), x.offset(), out.data(), n, numFeatures, s, scale, shift);
        return out;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Tensor xhat = LayerChecks.requireForward(this.xhat, this);
        dout = LayerChecks.gradientOf(this, xhat.shape(), dout);
        int n = xhat.shape(0);
        int s = xhat.size() / (n * numFeatures);
        dx = Buffers.reuse(dx, xhat.shape(), dout);
        float[] g = gamma.value().data();
        float[] dgamma = gamma.grad().data();
        float[] dbeta = beta.grad().data();
        double[] sums = new double[2];
        for (int c = 0; c < numFeatures; c++) {
            Standardize.backward(dout.data(), dout.offset(), g[c], xhat.data(), dx.data(),
                    c * s, s, n, numFeatures * s, invStd[c], sums);
            dbeta[c] = (float) sums[0];
            dgamma[c] = (float) sums[1];
        }
        return dx;
    }

    @Override
    public Map<String, Tensor> buffers() {
        Map<String, Tensor> buffers = new LinkedHashMap<>();
        buffers.put("running_mean", runningMean);
        buffers.put("running_var", runningVar);
        return buffers;
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("BatchNorm").with("numFeatures", numFeatures).with("eps", eps).with("momentum", momentum);
    }
}
