package dev.kiso.nn.init;

import dev.kiso.tensor.Tensor;

import java.util.Arrays;
import java.util.Random;

/**
 * Every weight set to one value. Useful for biases and norm scales; as a weight initialisation it
 * makes all hidden units identical forever (the symmetry that random initialisation breaks).
 *
 * @param value the value
 */
public record Constant(float value) implements Initializer {

    @Override
    public void fill(Tensor weight, int fanIn, int fanOut, Random rng) {
        float[] w = Fans.data(weight);
        Arrays.fill(w, weight.offset(), weight.offset() + weight.size(), value);
    }

    @Override
    public String toString() {
        return "Constant(value=" + value + ")";
    }
}
