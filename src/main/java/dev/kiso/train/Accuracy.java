package dev.kiso.train;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

import java.util.Arrays;

/**
 * Classification accuracy: the share of samples whose highest score is the target class.
 *
 * <pre>
 * correct_n = [argmax_c y[n, c] == t_n]      t_n a class index, or argmax of a one-hot row
 * accuracy  = Σ correct_n / N
 * </pre>
 *
 * <p>Shape: y {@code [N, C]} with C ≥ 2 (logits or probabilities); t {@code [N]} class indices
 * or {@code [N, C]} one-hot. Ties go to the first maximum.
 */
public final class Accuracy implements Metric {

    /** The accuracy metric. */
    public Accuracy() {
    }

    @Override
    public String name() {
        return "accuracy";
    }

    @Override
    public double sum(Tensor y, Tensor t) {
        if (y.rank() != 2 || y.shape(1) < 2) {
            throw new KisoException("accuracy: needs class scores [N, C] with C >= 2, got "
                    + Arrays.toString(y.shape()) + " (for regression, fit with no metrics)");
        }
        int n = y.shape(0);
        boolean oneHot = t.rank() == 2 && t.shape(1) == y.shape(1);
        if (t.shape(0) != n || !(t.rank() == 1 || oneHot)) {
            throw new KisoException("accuracy: targets must be [" + n + "] class indices or [" + n + ", "
                    + y.shape(1) + "] one-hot, got " + Arrays.toString(t.shape()));
        }
        int correct = 0;
        for (int i = 0; i < n; i++) {
            int label = oneHot ? argmaxRow(t, i) : (int) t.get(i);
            if (argmaxRow(y, i) == label) {
                correct++;
            }
        }
        return correct;
    }

    /**
     * The index of the largest value in row {@code i} of a matrix (the first one on ties).
     *
     * @param m a matrix [N, C]
     * @param i the row
     * @return the column of the maximum
     */
    static int argmaxRow(Tensor m, int i) {
        float[] d = m.data();
        int base = m.offset() + i * m.strides()[0];
        int step = m.strides()[1];
        int best = 0;
        float max = d[base];
        for (int c = 1; c < m.shape(1); c++) {
            float v = d[base + c * step];
            if (v > max) {
                max = v;
                best = c;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "Accuracy()";
    }
}
