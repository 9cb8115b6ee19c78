package dev.kiso.train;

import dev.kiso.nn.Affine;
import dev.kiso.nn.Parameter;
import dev.kiso.nn.ReLU;
import dev.kiso.nn.Sequential;
import dev.kiso.nn.SoftmaxCrossEntropy;
import dev.kiso.optim.Momentum;
import dev.kiso.tensor.Tensor;

import java.util.Random;

/**
 * Trains a small MLP on seeded random data and prints the bits of its weights as one hash line, for
 * {@link DeterminismTest} to compare across JVMs started with different {@code kiso.threads}.
 * Its GEMMs (100×784 by 784×128) are large enough to be split over the pool's threads.
 */
public final class DeterminismMain {

    private DeterminismMain() {
    }

    /** @return a 64-bit FNV-1a hash of every weight's bits after training with the given seed */
    static long trainAndHash(long seed) {
        Random rng = new Random(3);
        Tensor x = Tensor.rand(rng, 0f, 1f, 300, 784);
        float[] labels = new float[300];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rng.nextInt(10);
        }
        Sequential model = new Sequential(new Affine(784, 128), new ReLU(), new Affine(128, 10));
        model.fit(x, Tensor.of(labels, 300), FitConfig.builder().loss(new SoftmaxCrossEntropy())
                .optimizer(new Momentum(0.05)).epochs(1).batchSize(100).seed(seed).quiet().build());
        long h = 0xcbf29ce484222325L;
        for (Parameter p : model.parameters()) {
            for (float v : p.value().toArray()) {
                h = (h ^ Float.floatToRawIntBits(v)) * 0x100000001b3L;
            }
        }
        return h;
    }

    /**
     * Prints the hash.
     *
     * @param args the seed
     */
    public static void main(String[] args) {
        System.out.println(Long.toHexString(trainAndHash(Long.parseLong(args[0]))));
    }
}
