package dev.kiso.models;

import dev.kiso.nn.Affine;
import dev.kiso.nn.Conv2D;
import dev.kiso.nn.Dropout;
import dev.kiso.nn.Flatten;
import dev.kiso.nn.MaxPool2D;
import dev.kiso.nn.ReLU;
import dev.kiso.nn.Sequential;

/**
 * AlexNet's recipe scaled down to 28×28 grey images (EXPERIMENTS.md F5): five convolutions, three
 * fully connected layers, ReLU everywhere, an overlapping 3×3 stride-2 max pooling after the last
 * convolution and dropout before the two hidden fully connected layers' successors. (Train it with
 * random crops and flips, as AlexNet was: {@link dev.kiso.data.RandomCrop}, {@link dev.kiso.data.RandomFlip}.)
 *
 * <pre>
 * [N, 1, 28, 28] → Conv 32 3×3 p1 → ReLU → MaxPool 2 → [N, 32, 14, 14]
 *   → Conv 64 3×3 p1 → ReLU → MaxPool 2 → [N, 64, 7, 7]
 *   → Conv 96 3×3 p1 → ReLU → Conv 96 3×3 p1 → ReLU → Conv 64 3×3 p1 → ReLU
 *   → MaxPool 3×3 stride 2 → [N, 64, 3, 3] → Flatten 576
 *   → Affine 256 → ReLU → Dropout → Affine 256 → ReLU → Dropout → Affine 10
 * </pre>
 * He-normal weights (the layers' default), zero biases.
 */
public final class AlexNetMini {
    /** AlexNet's drop probability. */
    public static final float DEFAULT_DROPOUT = 0.5f;

    private AlexNetMini() {
    }

    /**
     * @param dropout drop probability of the two dropout layers, or 0 for {@value #DEFAULT_DROPOUT}
     * @return the model, initialized from seed 42
     */
    public static Sequential create(float dropout) {
        float p = dropout > 0 ? dropout : DEFAULT_DROPOUT;
        return new Sequential(
                new Conv2D(1, 32, 3, 1, 1), new ReLU(), new MaxPool2D(2, 2),
                new Conv2D(32, 64, 3, 1, 1), new ReLU(), new MaxPool2D(2, 2),
                new Conv2D(64, 96, 3, 1, 1), new ReLU(),
                new Conv2D(96, 96, 3, 1, 1), new ReLU(),
                new Conv2D(96, 64, 3, 1, 1), new ReLU(), new MaxPool2D(3, 2),
                new Flatten(),
                new Affine(64 * 3 * 3, 256), new ReLU(), new Dropout(p),
                new Affine(256, 256), new ReLU(), new Dropout(p),
                new Affine(256, 10));
    }
}
