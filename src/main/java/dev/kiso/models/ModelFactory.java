package dev.kiso.models;

import dev.kiso.nn.Sequential;

/** Builds one preset model for {@code [N, 1, 28, 28]} inputs and 10 classes. */
@FunctionalInterface
public interface ModelFactory {

    /**
     * @param dropout the drop probability of the preset's dropout layers, in {@code [0, 1)}; 0
     *                means the preset's default (none, except for models that always have some)
     * @return a new model whose output is 10 logits (no softmax: the loss applies it)
     */
    Sequential create(float dropout);
}
