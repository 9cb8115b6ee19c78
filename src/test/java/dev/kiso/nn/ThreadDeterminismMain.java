package dev.kiso.nn;

import dev.kiso.optim.AdaGrad;
import dev.kiso.optim.Adam;
import dev.kiso.optim.AdamW;
import dev.kiso.optim.Momentum;
import dev.kiso.optim.Nesterov;
import dev.kiso.optim.Optimizer;
import dev.kiso.optim.RMSProp;
import dev.kiso.optim.SGD;
import dev.kiso.tensor.Tensor;

import java.util.List;
import java.util.Random;

/**
 * Trains a small convolutional net (two convolutions, ReLU, 2×2 max pooling, an affine layer) for a
 * few plain gradient steps on seeded random images and prints one hash of the weights and of the
 * last input gradient and of evaluation-mode outputs, for {@link ThreadDeterminismTest} to compare across JVMs started with
 * different {@code kiso.threads}. The batches (23 and 5 images) exercise unequal and single-image
 * groups of the convolution's gradient sums. Then every optimizer updates a parameter large enough to
 * be split between the threads, and ReLU and max pooling run on a larger batch.
 */
public final class ThreadDeterminismMain {

    private ThreadDeterminismMain() {
    }

    /** @return a 64-bit FNV-1a hash of every weight's bits and of dx after training, and of evaluation outputs */
    static long trainAndHash() {
        Random rng = new Random(5);
        Sequential model = new Sequential(
                new Conv2D(2, 6, 3, 1, 1), new ReLU(), new MaxPool2D(2),
                new Conv2D(6, 8, 3, 1, 1), new ReLU(), new MaxPool2D(2),
                new Flatten(), new Affine(8 * 3 * 3, 10));
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        Tensor dx = null;
        for (int step = 0; step < 6; step++) {
            int n = step % 2 == 0 ? 23 : 5;
            Tensor x = Tensor.randn(rng, 0f, 1f, n, 2, 13, 12);
            float[] labels = new float[n];
            for (int i = 0; i < n; i++) {
                labels[i] = rng.nextInt(10);
            }
            loss.forward(model.forward(x, true), Tensor.of(labels, n));
            dx = model.backward(loss.backward());
            for (Parameter p : model.parameters()) {
                float[] w = p.value().data();
                float[] g = p.grad().data();
                for (int i = 0; i < w.length; i++) {
                    w[i] -= 0.1f * g[i];
                }
            }
        }
        long h = 0xcbf29ce484222325L;
        for (Parameter p : model.parameters()) {
            h = hash(h, p.value().toArray());
        }
        h = hash(h, dx.toArray());
        // evaluation mode through the model's workspace: 23 images, 5, then 23 again in reused arrays
        for (int n : new int[] {23, 5, 23}) {
            h = hash(h, model.forward(Tensor.randn(rng, 0f, 1f, n, 2, 13, 12), false).toArray());
        }
        return hashPooling(optimizersHash(h), rng);
    }

    /**
     * Three steps of every optimizer on a parameter large enough (200 000 weights) that its update
     * is split between the worker threads.
     */
    private static long optimizersHash(long h) {
        Random rng = new Random(11);
        for (Optimizer opt : List.of(new SGD(0.1, 0.01), new Momentum(0.1), new Nesterov(0.1), new AdaGrad(0.1),
                new RMSProp(0.01), new Adam(0.01), new AdamW(0.01))) {
            Parameter p = new Parameter("w", Tensor.randn(rng, 0f, 1f, 200_000), true);
            for (int step = 0; step < 3; step++) {
                float[] g = p.grad().data();
                for (int i = 0; i < g.length; i++) {
                    g[i] = (float) rng.nextGaussian();
                }
                opt.step(List.of(p));
            }
            h = hash(h, p.value().toArray());
        }
        return h;
    }

    /**
     * ReLU and 2×2 max pooling on planes wide enough for the vector loops (9 windows a row) and
     * numerous enough (200) to be split over 3 threads.
     */
    private static long hashPooling(long h, Random rng) {
        try {
            MaxPool2x2.awaitWarm();   // the Vector API loops, not the plain ones they replace once warm
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        ReLU relu = new ReLU();
        MaxPool2D pool = new MaxPool2D(2);
        Tensor x = Tensor.randn(rng, 0f, 1f, 4, 50, 17, 18);
        Tensor y = pool.forward(relu.forward(x, true), true);
        h = hash(h, y.toArray());
        Tensor dx = relu.backward(pool.backward(Tensor.randn(rng, 0f, 1f, y.shape())));
        return hash(h, dx.toArray());
    }

    private static long hash(long h, float[] values) {
        for (float v : values) {
            h = (h ^ Float.floatToRawIntBits(v)) * 0x100000001b3L;
        }
        return h;
    }

    /**
     * Prints the hash.
     *
     * @param args none
     */
    public static void main(String[] args) {
        System.out.println(Long.toHexString(trainAndHash()));
    }
}
