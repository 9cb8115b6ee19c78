package dev.kiso.experiments;

import dev.kiso.data.FashionMnist;
import dev.kiso.data.TrainTest;

/**
 * Fashion-MNIST loaded at most once per JVM: several experiments (and their tests) read the same
 * 70,000 images, and decoding them takes longer than a quick run of most experiments. The sets
 * are never modified by the experiments (they take subsets with {@code first(n)} or batches).
 */
final class FashionMnistOnce {
    private static TrainTest data;

    private FashionMnistOnce() {
    }

    /** @return the training and test sets, loaded on the first call */
    static synchronized TrainTest get() {
        if (data == null) {
            data = FashionMnist.load();
        }
        return data;
    }
}
