package dev.kiso.models;

import dev.kiso.nn.Affine;
import dev.kiso.nn.Dropout;
import dev.kiso.nn.Flatten;
import dev.kiso.nn.Layer;
import dev.kiso.nn.ReLU;
import dev.kiso.nn.Sequential;

import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark workload W1, a multi-layer perceptron: four hidden layers of 100 ReLU units.
 *
 * <pre>
 * [N, 1, 28, 28] → Flatten → 784
 *   → Affine 100 → ReLU (→ Dropout)   four times
 *   → Affine 10                        logits
 * </pre>
 */
public final class Mlp {
    private Mlp() {
    }

    /**
     * @param dropout drop probability after each hidden ReLU; 0 for no dropout layers (W1)
     * @return the model, He-initialized from seed 42
     */
    public static Sequential create(float dropout) {
        List<Layer> layers = new ArrayList<>();
        layers.add(new Flatten());
        int in = 28 * 28;
        for (int i = 0; i < 4; i++) {
            layers.add(new Affine(in, 100));
            layers.add(new ReLU());
            if (dropout > 0) {
                layers.add(new Dropout(dropout));
            }
            in = 100;
        }
        layers.add(new Affine(in, 10));
        return new Sequential(layers);
    }
}
