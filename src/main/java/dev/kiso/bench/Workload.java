package dev.kiso.bench;

import dev.kiso.KisoException;
import dev.kiso.models.Models;
import dev.kiso.nn.Sequential;

import java.util.Arrays;
import java.util.Locale;

/**
 * The benchmark workloads of {@code WORKLOADS.md}, by id: the same preset models that
 * {@code ./kiso train --model NAME} trains (He-normal weights, zero biases, seed 42), trained on
 * Fashion-MNIST with softmax cross-entropy, Adam(1e-3) and batches of 100.
 */
public enum Workload {
    /** W1: multi-layer perceptron 784-100-100-100-100-10. */
    W1("mlp"),
    /** W2: one 5×5 convolution of 30 filters, max pooling, affine 100, affine 10. */
    W2("simplecnn"),
    /** W3: six 3×3 convolutions in three pooled blocks, affine 50, dropout 0.5, affine 10. */
    W3("deepcnn");

    private final String model;

    Workload(String model) {
        this.model = model;
    }

    /** @return the preset model's name, e.g. {@code simplecnn} */
    public String model() {
        return model;
    }

    /** @return a freshly initialized model (seed 42) */
    public Sequential create() {
        return Models.create(model, 0f);
    }

    /**
     * Finds a workload by id ({@code W2}) or model name ({@code simplecnn}), ignoring case.
     *
     * @param name the id or model name
     * @return the workload
     * @throws KisoException naming the workloads there are
     */
    public static Workload of(String name) {
        for (Workload w : values()) {
            if (w.name().equalsIgnoreCase(name) || w.model.equalsIgnoreCase(name)) {
                return w;
            }
        }
        throw new KisoException("bench: unknown workload '" + name + "'; choose one of "
                + Arrays.toString(values()).toUpperCase(Locale.ROOT) + ", gemm or all");
    }
}
