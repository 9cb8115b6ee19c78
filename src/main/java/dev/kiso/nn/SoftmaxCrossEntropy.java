// Softmax followed by cross-entropy, fused (the course's SoftmaxWithLoss).
//   forward:  p = softmax(x) per row;  loss = -(1/N) Σ_n log p[n, t_n]
//             computed as log p = x - max - log Σ exp(x - max)  (log-sum-exp: logits of ±1000 stay finite)
//   backward: dx = (p - onehot(t)) / N
package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

import java.util.Arrays;

/**
 * Cross-entropy of the softmax of the logits, averaged over the batch: PyTorch's
 * {@code nn.CrossEntropyLoss()} and the course's {@code SoftmaxWithLoss}, without the course's
 * {@code +1e-7} inside the log (the log-sum-exp form is exact and never takes {@code log 0}).
 *
 * <p>Shape: logits {@code y [N, C]}; targets either class indices {@code t [N]} (whole numbers
 * stored as floats, each in {@code [0, C)}) or one-hot rows {@code t [N, C]}. A {@code [N, C]}
 * target may also hold any probability distribution per row; the loss is then
 * {@code −(1/N)Σ t·log p} and the gradient {@code (p − t)/N}.
 *
 * <p>Like a layer, it caches what {@link #backward()} needs, so one instance serves one training
 * loop at a time.
 */
public final class SoftmaxCrossEntropy implements Loss {
    private Tensor p;      // softmax probabilities of the last forward [N, C]
    private Tensor t;      // its targets, as given
    private Tensor dx;     // gradient buffer, reused

    /** The loss. */
    public SoftmaxCrossEntropy() {
    }

    @Override
    public float forward(Tensor y, Tensor t) {
        if (y.rank() != 2 || y.shape(1) == 0) {
            throw new KisoException("SoftmaxCrossEntropy: expected logits [N, C], found " + Arrays.toString(y.shape()));
        }
        int n = y.shape(0);
        int c = y.shape(1);
        boolean indices = t.rank() == 1 && t.shape(0) == n;
        if (!indices && !Arrays.equals(t.shape(), y.shape())) {
            throw new KisoException("SoftmaxCrossEntropy: targets must be class indices [" + n + "] or one-hot ["
                    + n + ", " + c + "] for logits " + Arrays.toString(y.shape()) + ", found " + Arrays.toString(t.shape()));
        }
        y = y.contiguous();
        t = t.contiguous();
        if (indices) {
            checkLabels(t, c);
        }
        Tensor p = Buffers.reuse(this.p, y.shape(), y);
        this.p = null;  // until this forward has succeeded
        float[] xs = y.data();
        float[] ps = p.data();
        float[] ts = t.data();
        int x0 = y.offset();
        int t0 = t.offset();
        double loss = 0;
        for (int row = 0; row < n; row++) {
            int xi = x0 + row * c;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) {
                max = Math.max(max, xs[xi + j]);
            }
            if (!Float.isFinite(max)) {
                throw new KisoException("SoftmaxCrossEntropy: logits of row " + row + " are not finite (max " + max + ")");
            }
            double sum = 0;
            for (int j = 0; j < c; j++) {
                sum += Math.exp(xs[xi + j] - max);
            }
            double logSum = Math.log(sum);
            for (int j = 0; j < c; j++) {
                double logP = xs[xi + j] - max - logSum;
                ps[row * c + j] = (float) Math.exp(logP);
                double target = indices ? (j == (int) ts[t0 + row] ? 1 : 0) : ts[t0 + row * c + j];
                if (target != 0) {
                    loss -= target * logP;
                }
            }
        }
        this.p = p;
        this.t = t;
        return (float) (loss / n);
    }

    private static void checkLabels(Tensor t, int c) {
        float[] ts = t.data();
        for (int i = 0; i < t.size(); i++) {
            float label = ts[t.offset() + i];
            if (!(label >= 0 && label < c && label == Math.rint(label))) {
                throw new KisoException("SoftmaxCrossEntropy: label " + label + " at position " + i
                        + " is not a class index in [0, " + c + ")");
            }
        }
    }

    @Override
    public Tensor backward() {
        Tensor p = requireForward("backward()");
        int n = p.shape(0);
        int c = p.shape(1);
        dx = Buffers.reuse(dx, p.shape(), p);
        float[] ps = p.data();
        float[] ts = t.data();
        float[] dxs = dx.data();
        int t0 = t.offset();
        boolean indices = t.rank() == 1;
        float invN = 1f / n;
        for (int row = 0; row < n; row++) {
            for (int j = 0; j < c; j++) {
                int i = row * c + j;
                float target = indices ? (j == (int) ts[t0 + row] ? 1f : 0f) : ts[t0 + i];
                dxs[i] = (ps[i] - target) * invN;
            }
        }
        return dx;
    }

    /**
     * The softmax probabilities of the last {@link #forward}: the predictions, for accuracy and
     * for the course's {@code SoftmaxWithLoss.y}. Valid until the next forward.
     *
     * @return {@code p [N, C]}
     */
    public Tensor probabilities() {
        return requireForward("probabilities()");
    }

    private Tensor requireForward(String what) {
        if (p == null) {
            throw new IllegalStateException("SoftmaxCrossEntropy: " + what + " needs a successful forward(y, t) first");
        }
        return p;
    }

    @Override
    public String toString() {
        return "SoftmaxCrossEntropy()";
    }
}
