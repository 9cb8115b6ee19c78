package dev.kiso.models;

import dev.kiso.KisoException;
import dev.kiso.nn.Sequential;

import java.util.List;

/**
 * The catalogue of preset models, by name: what {@code ./kiso train --model NAME} builds. Every
 * model takes {@code [N, 1, 28, 28]} images and returns 10 logits. To add a model, write its class
 * and add one line to {@link #all()}.
 */
public final class Models {
    private Models() {
    }

    /** @return every preset, in the order {@code --help} lists them */
    public static List<Preset> all() {
        return List.of(
                new Preset("mlp", "W1: 784-100-100-100-100-10 perceptron, ReLU (~96k weights)", Mlp::create),
                new Preset("simplecnn", "W2: conv 30x5x5, max pool, affine 100, affine 10 (~435k weights)",
                        SimpleCnn::create),
                new Preset("deepcnn", "W3: six 3x3 convs in three pooled blocks, affine 50, dropout 0.5",
                        DeepCnn::create),
                new Preset("lenet5", "LeNet-5: conv 6, pool, conv 16, pool, 120, 84, 10 (ReLU, max pool)",
                        LeNet5::modern),
                new Preset("alexnet-mini", "AlexNet recipe for 28x28: 5 convs, overlapping pool, 3 FC, dropout 0.5",
                        AlexNetMini::create),
                new Preset("resnet20", "ResNet-20: 3x3 stem, 3 stages of 3 residual blocks (BN), global avg pool",
                        dropout -> ResNet.residual(3)),
                new Preset("plain20", "ResNet-20 without its shortcuts (the degradation-problem baseline)",
                        dropout -> ResNet.plain(3)));
    }

    /**
     * @param name a preset's name
     * @return the preset
     * @throws KisoException naming the presets there are, if there is none by that name
     */
    public static Preset find(String name) {
        for (Preset p : all()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new KisoException("unknown model '" + name + "'; choose one of " + names());
    }

    /**
     * @param name    a preset's name
     * @param dropout the drop probability, or 0 for the preset's default
     * @return a new model
     */
    public static Sequential create(String name, float dropout) {
        return find(name).create(dropout);
    }

    /** @return the presets' names, comma-separated */
    public static String names() {
        return String.join(", ", all().stream().map(Preset::name).toList());
    }
}
