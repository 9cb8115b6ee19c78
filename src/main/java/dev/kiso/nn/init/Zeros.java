package dev.kiso.nn.init;

import dev.kiso.tensor.Tensor;

import java.util.Random;

/**
 * Every weight set to 0: the default for biases. As a weight initialisation it keeps every hidden
 * unit identical after any number of training steps, so the network never uses its width.
 */
public record Zeros() implements Initializer {

    @Override
    public void fill(Tensor weight, int fanIn, int fanOut, Random rng) {
        new Constant(0f).fill(weight, fanIn, fanOut, rng);
    }

    @Override
    public String toString() {
        return "Zeros()";
    }
}
