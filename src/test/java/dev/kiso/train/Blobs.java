package dev.kiso.train;

import dev.kiso.tensor.Tensor;

import java.util.Random;

/** Test data: three Gaussian blobs in 2-D, labels 0..2, easy to separate with a linear model. */
final class Blobs {
    final Tensor x;
    final Tensor t;

    Blobs(int n, long seed) {
        Random rng = new Random(seed);
        float[][] centers = {{2, 0}, {-1, 2}, {-1, -2}};
        float[] xs = new float[n * 2];
        float[] ts = new float[n];
        for (int i = 0; i < n; i++) {
            int label = i % 3;
            ts[i] = label;
            xs[2 * i] = centers[label][0] + (float) (0.5 * rng.nextGaussian());
            xs[2 * i + 1] = centers[label][1] + (float) (0.5 * rng.nextGaussian());
        }
        x = Tensor.of(xs, n, 2);
        t = Tensor.of(ts, n);
    }
}
