// Softmax over the last axis.
//   forward:  y_j  = exp(x_j - max x) / Σ_k exp(x_k - max x)     (row max subtracted: no overflow)
//   backward: dx_j = y_j · (dout_j - Σ_k dout_k · y_k)
package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

/**
 * Softmax over the last axis: each row becomes a probability distribution. For classification,
 * train with {@link SoftmaxCrossEntropy} on the logits instead (it fuses softmax and the loss,
 * which is exact and cheaper); use this layer when the probabilities themselves flow on.
 *
 * <p>Shape: {@code [..., C]}; the output has the same shape, each row over the last axis summing
 * to 1. No parameters. PyTorch: {@code nn.Softmax(dim=-1)}.
 */
public final class Softmax extends Activation {

    /** A softmax layer over the last axis. */
    public Softmax() {
    }

    @Override
    void checkInput(Tensor x) {
        if (x.rank() < 1 || x.shape(-1) == 0) {
            throw LayerChecks.badInput(this, "[..., C] with C >= 1", x);
        }
    }

    @Override
    void forwardInto(Tensor x, Tensor y) {
        int c = x.shape(-1);
        softmaxRows(x.data(), x.offset(), y.data(), 0, x.size() / c, c);
    }

    @Override
    void backwardInto(Tensor x, Tensor y, Tensor dout, Tensor dx) {
        float[] ys = y.data();
        float[] ds = dout.data();
        float[] dxs = dx.data();
        int c = y.shape(-1);
        int d0 = dout.offset();
        for (int row = 0; row < dxs.length; row += c) {
            double dot = 0;
            for (int j = row; j < row + c; j++) {
                dot += ds[d0 + j] * ys[j];
            }
            for (int j = row; j < row + c; j++) {
                dxs[j] = (float) (ys[j] * (ds[d0 + j] - dot));
            }
        }
    }

    /**
     * Softmax of {@code rows} contiguous rows of {@code c} values, the row maximum subtracted
     * before {@code exp} so that logits of ±1000 stay finite.
     *
     * @param x    input values
     * @param xOff index of the first input value
     * @param y    output array (may be {@code x} itself at the same offset)
     * @param yOff index of the first output value
     * @param rows number of rows
     * @param c    values per row
     */
    private static void softmaxRows(float[] x, int xOff, float[] y, int yOff, int rows, int c) {
        for (int r = 0; r < rows; r++) {
            int xi = xOff + r * c;
            int yi = yOff + r * c;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) {
                max = Math.max(max, x[xi + j]);
            }
            if (Float.isInfinite(max) || Float.isNaN(max)) {
                throw new KisoException("Softmax: row " + r + " has a non-finite maximum " + max);
            }
            double sum = 0;
            for (int j = 0; j < c; j++) {
                double e = Math.exp(x[xi + j] - max);
                y[yi + j] = (float) e;
                sum += e;
            }
            float inv = (float) (1.0 / sum);
            for (int j = 0; j < c; j++) {
                y[yi + j] *= inv;
            }
        }
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("Softmax").with("dim", -1);
    }
}
