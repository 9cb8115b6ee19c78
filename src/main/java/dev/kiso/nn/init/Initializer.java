package dev.kiso.nn.init;

import dev.kiso.tensor.Tensor;

import java.util.Random;

/**
 * Fills a weight tensor in place given its fan-in and fan-out. For an affine layer
 * {@code [in, out]} the fan-in is {@code in}; for a convolution {@code [F, C, kh, kw]} it is
 * {@code C·kh·kw} and the fan-out {@code F·kh·kw}.
 */
@FunctionalInterface
public interface Initializer {

    /**
     * Fills {@code weight}.
     *
     * @param weight the contiguous tensor to overwrite
     * @param fanIn  inputs feeding each output unit
     * @param fanOut outputs fed by each input unit
     * @param rng    the seeded generator
     */
    void fill(Tensor weight, int fanIn, int fanOut, Random rng);
}
