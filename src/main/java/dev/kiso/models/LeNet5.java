package dev.kiso.models;

import dev.kiso.nn.Affine;
import dev.kiso.nn.AvgPool2D;
import dev.kiso.nn.Conv2D;
import dev.kiso.nn.Dropout;
import dev.kiso.nn.Flatten;
import dev.kiso.nn.Layer;
import dev.kiso.nn.MaxPool2D;
import dev.kiso.nn.ReLU;
import dev.kiso.nn.Sequential;
import dev.kiso.nn.Tanh;
import dev.kiso.nn.init.XavierNormal;

import java.util.ArrayList;
import java.util.List;

/**
 * LeNet-5 (LeCun et al., 1998) for 28×28 images: the first convolution pads by 2, which gives the
 * original 32×32 input. The output layer is an affine layer with softmax in the loss, in place of
 * the original Gaussian connections.
 *
 * <pre>
 * [N, 1, 28, 28] → C1 Conv 6 × 5×5 pad 2 → 6@28×28 → S2 pool 2 → 6@14×14
 *   → C3 Conv 16 × 5×5 → 16@10×10 → S4 pool 2 → 16@5×5 → Flatten 400
 *   → C5 Affine 120 → F6 Affine 84 (→ Dropout) → output Affine 10
 * </pre>
 *
 * <p>{@link #modern} (the default preset): ReLU, max pooling, He initialization. {@link #classic}:
 * tanh, average pooling, Xavier (Glorot) initialization, as in the paper.
 */
public final class LeNet5 {
    private LeNet5() {
    }

    /**
     * @param dropout drop probability before the output layer; 0 for none
     * @return LeNet-5 with ReLU and max pooling, He-initialized from seed 42
     */
    public static Sequential modern(float dropout) {
        List<Layer> layers = new ArrayList<>(List.of(
                new Conv2D(1, 6, 5, 1, 2), new ReLU(), new MaxPool2D(2, 2),
                new Conv2D(6, 16, 5), new ReLU(), new MaxPool2D(2, 2),
                new Flatten(), new Affine(16 * 5 * 5, 120), new ReLU(), new Affine(120, 84), new ReLU()));
        return withHead(layers, dropout, new Affine(84, 10));
    }

    /**
     * @param dropout drop probability before the output layer; 0 for none
     * @return LeNet-5 with tanh and average pooling, Xavier-initialized from seed 42
     */
    public static Sequential classic(float dropout) {
        XavierNormal xavier = new XavierNormal();   // a stateless record: one instance serves every layer
        List<Layer> layers = new ArrayList<>(List.of(
                Conv2D.builder(1, 6, 5).padding(2).initializer(xavier).build(), new Tanh(), new AvgPool2D(2, 2),
                Conv2D.builder(6, 16, 5).initializer(xavier).build(), new Tanh(), new AvgPool2D(2, 2),
                new Flatten(), new Affine(16 * 5 * 5, 120, xavier), new Tanh(),
                new Affine(120, 84, xavier), new Tanh()));
        return withHead(layers, dropout, new Affine(84, 10, xavier));
    }

    private static Sequential withHead(List<Layer> layers, float dropout, Layer output) {
        if (dropout > 0) {
            layers.add(new Dropout(dropout));
        }
        layers.add(output);
        return new Sequential(layers);
    }
}
