package dev.kiso.train;

import dev.kiso.nn.Loss;
import dev.kiso.tensor.Tensor;

/** Test-only softmax cross-entropy over class indices: L = −mean log softmax(y)[t]; dy = (p − onehot)/N. */
final class TinySoftmaxCrossEntropy implements Loss {
    private float[] dy;
    private int n;
    private int c;

    @Override
    public float forward(Tensor y, Tensor t) {
        n = y.shape(0);
        c = y.shape(1);
        dy = new float[n * c];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                max = Math.max(max, y.get(i, k));
            }
            double sum = 0;
            for (int k = 0; k < c; k++) {
                sum += Math.exp(y.get(i, k) - max);
            }
            int label = (int) t.get(i);
            loss -= y.get(i, label) - max - Math.log(sum);
            for (int k = 0; k < c; k++) {
                double p = Math.exp(y.get(i, k) - max) / sum;
                dy[i * c + k] = (float) ((p - (k == label ? 1 : 0)) / n);
            }
        }
        return (float) (loss / n);
    }

    @Override
    public Tensor backward() {
        return Tensor.of(dy.clone(), n, c);
    }
}
