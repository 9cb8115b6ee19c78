// Layer normalisation over the trailing dimensions given by normalizedShape (PyTorch's nn.LayerNorm).
//   forward:  for each sample (row of D = prod(normalizedShape) values):
//             mean, var = statistics of the row (var biased, ÷D)
//             xhat = (x - mean) / sqrt(var + eps),   y = gamma ⊙ xhat + beta   (gamma, beta elementwise)
//   backward: dgamma = Σ_rows dout ⊙ xhat,   dbeta = Σ_rows dout,   g = gamma ⊙ dout
//             dx = 1 / (D·sqrt(var + eps)) · (D·g - Σg - xhat·Σ(g·xhat))      (sums over the row)
package dev.kiso.nn;

import dev.kiso.tensor.Tensor;

import java.util.Arrays;

/**
 * Layer normalisation (Ba, Kiros and Hinton): each sample is standardized over its trailing
 * dimensions {@code normalizedShape}, then scaled and shifted elementwise. Unlike batch norm it
 * keeps no running statistics, so training and evaluation compute the same thing.
 *
 * <p>Shape: {@code [..., *normalizedShape]}; the output has the same shape. For an
 * {@code [N, C, H, W]} input, {@code new LayerNorm(C, H, W)} normalises each sample over its
 * {@code C·H·W} values.
 *
 * <p>Parameters: {@code weight} (gamma) and {@code bias} (beta), each of shape
 * {@code normalizedShape} (PyTorch's layout: elementwise, so over {@code [C, H, W]} gamma is
 * {@code [C, H, W]}, not {@code [C]}), initialised to 1 and 0, not regularized. eps 1e-5, inside
 * the square root.
 */
public final class LayerNorm extends Normalization {
    private final int[] normalizedShape;
    private final int d;  // values per normalised row

    private Tensor xhat;     // standardized input of the last training forward (buffer, reused)
    private float[] invStd;  // its 1/sqrt(var + eps) per row
    private Tensor y;        // output buffer, reused
    private Tensor dx;       // gradient buffer, reused
    private float[] g;       // gamma ⊙ dout, scratch for backward

    /**
     * Layer norm over trailing dimensions of the given shape, eps 1e-5.
     *
     * @param normalizedShape the trailing dimensions, e.g. {@code 6} or {@code 3, 4, 4}
     */
    public LayerNorm(int... normalizedShape) {
        this(BatchNorm.DEFAULT_EPS, normalizedShape);
    }

    /**
     * Layer norm with an explicit eps.
     *
     * @param eps             added to the variance inside the square root, &gt; 0
     * @param normalizedShape the trailing dimensions
     */
    public LayerNorm(float eps, int... normalizedShape) {
        super("LayerNorm", eps, normalizedShape);
        this.normalizedShape = normalizedShape.clone();
        this.d = Arrays.stream(normalizedShape).reduce(1, (a, b) -> a * b);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int lead = x.rank() - normalizedShape.length;
        int[] shape = x.shape();
        if (lead < 0 || !Arrays.equals(Arrays.copyOfRange(shape, lead, shape.length), normalizedShape)) {
            throw LayerChecks.badInput(this, "[..., " + dims(", ") + "]", x);
        }
        x = x.contiguous();
        int rows = x.size() / d;
        Tensor xhat = training ? Buffers.reuse(this.xhat, shape, x) : Tensor.zeros(shape);
        float[] invStd = new float[rows];
        double[] moments = new double[2];
        for (int r = 0; r < rows; r++) {
            invStd[r] = Standardize.forward(x.data(), x.offset(), xhat.data(), r * d, d, 1, 0, eps, moments);
        }
        Tensor out = training ? Buffers.reuse(y, shape, x) : Tensor.zeros(shape);
        float[] xh = xhat.data();
        float[] ys = out.data();
        float[] gm = gamma.value().data();
        float[] bt = beta.value().data();
        for (int r = 0, i = 0; r < rows; r++) {
            for (int j = 0; j < d; j++, i++) {
                ys[i] = gm[j] * xh[i] + bt[j];
            }
        }
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
        int rows = xhat.size() / d;
        dx = Buffers.reuse(dx, xhat.shape(), dout);
        if (g == null || g.length != xhat.size()) {
            g = new float[xhat.size()];
        }
        float[] ds = dout.data();
        int d0 = dout.offset();
        float[] xh = xhat.data();
        float[] gm = gamma.value().data();
        float[] dgamma = gamma.grad().data();
        float[] dbeta = beta.grad().data();
        Arrays.fill(dgamma, 0f);
        Arrays.fill(dbeta, 0f);
        for (int r = 0, i = 0; r < rows; r++) {
            for (int j = 0; j < d; j++, i++) {
                float dy = ds[d0 + i];
                dgamma[j] += dy * xh[i];
                dbeta[j] += dy;
                g[i] = gm[j] * dy;
            }
        }
        double[] sums = new double[2];
        for (int r = 0; r < rows; r++) {
            Standardize.backward(g, 0, 1f, xh, dx.data(), r * d, d, 1, 0, invStd[r], sums);
        }
        return dx;
    }

    private String dims(String sep) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < normalizedShape.length; i++) {
            sb.append(i == 0 ? "" : sep).append(normalizedShape[i]);
        }
        return sb.toString();
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("LayerNorm").with("normalizedShape", dims("x")).with("eps", eps);
    }
}
