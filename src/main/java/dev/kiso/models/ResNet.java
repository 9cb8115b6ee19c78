package dev.kiso.models;

import dev.kiso.KisoException;
import dev.kiso.nn.Affine;
import dev.kiso.nn.BatchNorm;
import dev.kiso.nn.Conv2D;
import dev.kiso.nn.GlobalAvgPool2D;
import dev.kiso.nn.Layer;
import dev.kiso.nn.ReLU;
import dev.kiso.nn.Residual;
import dev.kiso.nn.Sequential;

import java.util.ArrayList;
import java.util.List;

/**
 * The CIFAR-style residual network of He et al. (2016, §4.2) for 28×28 grey images, and the same
 * network without its shortcuts ("plain"), to show the degradation problem (EXPERIMENTS.md F6).
 *
 * <pre>
 * [N, 1, 28, 28] → Conv 16 3×3 p1 → BN → ReLU
 *   → n blocks at 16 channels, 28×28
 *   → n blocks at 32 channels, 14×14 (the first has stride 2)
 *   → n blocks at 64 channels,  7×7  (the first has stride 2)
 *   → global average pooling → Affine 64 → 10
 * block: Conv 3×3 → BN → ReLU → Conv 3×3 → BN, (+ shortcut), ReLU
 * </pre>
 * Depth 6n + 2 weight layers (n = 3: 20, n = 5: 32). A block that changes the channels and the
 * resolution gets a 1×1 stride-2 projection shortcut; the others an identity shortcut. The plain
 * network drops every shortcut and is otherwise identical. Convolutions have no bias (the batch
 * norm after them has one); He-normal weights.
 */
public final class ResNet {
    private ResNet() {
    }

    /**
     * @param n blocks per stage, at least 1
     * @return the residual network, depth 6n + 2
     */
    public static Sequential residual(int n) {
        return create(n, true);
    }

    /**
     * @param n blocks per stage, at least 1
     * @return the same network without shortcuts
     */
    public static Sequential plain(int n) {
        return create(n, false);
    }

    /**
     * @param n         blocks per stage, at least 1
     * @param shortcuts true for ResNet, false for the plain network
     * @return the model, initialized from seed 42
     * @throws KisoException if n &lt; 1
     */
    public static Sequential create(int n, boolean shortcuts) {
        if (n < 1) {
            throw new KisoException("ResNet: blocks per stage n must be at least 1, found " + n);
        }
        List<Layer> layers = new ArrayList<>(List.of(conv(1, 16, 1), new BatchNorm(16), new ReLU()));
        int in = 16;
        for (int width : new int[] {16, 32, 64}) {
            for (int i = 0; i < n; i++) {
                int stride = in == width ? 1 : 2;
                layers.add(block(in, width, stride, shortcuts));
                layers.add(new ReLU());
                in = width;
            }
        }
        layers.add(new GlobalAvgPool2D());
        layers.add(new Affine(64, 10));
        return new Sequential(layers);
    }

    /** Conv-BN-ReLU-Conv-BN, with its shortcut when asked. */
    private static Layer block(int in, int out, int stride, boolean shortcut) {
        Sequential body = new Sequential(conv(in, out, stride), new BatchNorm(out), new ReLU(),
                conv(out, out, 1), new BatchNorm(out));
        if (!shortcut) {
            return body;
        }
        return stride == 1 && in == out ? new Residual(body) : Residual.projection(body, in, out, stride);
    }

    private static Conv2D conv(int in, int out, int stride) {
        return Conv2D.builder(in, out, 3).stride(stride).padding(1).bias(false).build();
    }
}
