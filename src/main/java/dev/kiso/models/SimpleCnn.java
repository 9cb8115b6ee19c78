package dev.kiso.models;

import dev.kiso.nn.Affine;
import dev.kiso.nn.Conv2D;
import dev.kiso.nn.Dropout;
import dev.kiso.nn.Flatten;
import dev.kiso.nn.Layer;
import dev.kiso.nn.MaxPool2D;
import dev.kiso.nn.ReLU;
import dev.kiso.nn.Sequential;

import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark workload W2, the course's simple convolutional network: one convolution, one pooling
 * layer and two affine layers.
 *
 * <pre>
 * [N, 1, 28, 28] → Conv2D 30 × 5×5 → [N, 30, 24, 24] → ReLU → MaxPool 2×2 → [N, 30, 12, 12]
 *   → Flatten 4320 → Affine 100 → ReLU (→ Dropout) → Affine 10
 * </pre>
 */
public final class SimpleCnn {
    private SimpleCnn() {
    }

    /**
     * @param dropout drop probability after the hidden affine layer; 0 for none (W2)
     * @return the model, He-initialized from seed 42
     */
    public static Sequential create(float dropout) {
        List<Layer> layers = new ArrayList<>(List.of(
                new Conv2D(1, 30, 5), new ReLU(), new MaxPool2D(2, 2),
                new Flatten(), new Affine(30 * 12 * 12, 100), new ReLU()));
        if (dropout > 0) {
            layers.add(new Dropout(dropout));
        }
        layers.add(new Affine(100, 10));
        return new Sequential(layers);
    }
}
