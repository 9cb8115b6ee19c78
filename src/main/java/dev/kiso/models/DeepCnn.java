package dev.kiso.models;

import dev.kiso.nn.Affine;
import dev.kiso.nn.Conv2D;
import dev.kiso.nn.Dropout;
import dev.kiso.nn.Flatten;
import dev.kiso.nn.MaxPool2D;
import dev.kiso.nn.ReLU;
import dev.kiso.nn.Sequential;

/**
 * Benchmark workload W3, the book's deep convolutional network ({@code ch08/deep_convnet.py}):
 * six 3×3 convolutions in three blocks, each block ending in 2×2 max pooling, then two affine
 * layers with dropout.
 *
 * <pre>
 * [N, 1, 28, 28]
 *   → Conv 16 p1 → ReLU → Conv 16 p1 → ReLU → MaxPool 2   [N, 16, 14, 14]
 *   → Conv 32 p1 → ReLU → Conv 32 p2 → ReLU → MaxPool 2   [N, 32, 8, 8]    (p2: 14 → 16)
 *   → Conv 64 p1 → ReLU → Conv 64 p1 → ReLU → MaxPool 2   [N, 64, 4, 4]
 *   → Flatten 1024 → Affine 50 → ReLU → Dropout → Affine 10 → Dropout
 * </pre>
 */
public final class DeepCnn {
    /** The book's dropout probability. */
    public static final float DEFAULT_DROPOUT = 0.5f;

    private DeepCnn() {
    }

    /**
     * @param dropout drop probability of both dropout layers; 0 for the book's 0.5
     * @return the model, He-initialized from seed 42
     */
    public static Sequential create(float dropout) {
        float p = dropout > 0 ? dropout : DEFAULT_DROPOUT;
        return new Sequential(
                new Conv2D(1, 16, 3, 1, 1), new ReLU(), new Conv2D(16, 16, 3, 1, 1), new ReLU(), new MaxPool2D(2, 2),
                new Conv2D(16, 32, 3, 1, 1), new ReLU(), new Conv2D(32, 32, 3, 1, 2), new ReLU(), new MaxPool2D(2, 2),
                new Conv2D(32, 64, 3, 1, 1), new ReLU(), new Conv2D(64, 64, 3, 1, 1), new ReLU(), new MaxPool2D(2, 2),
                new Flatten(), new Affine(64 * 4 * 4, 50), new ReLU(), new Dropout(p),
                new Affine(50, 10), new Dropout(p));
    }
}
