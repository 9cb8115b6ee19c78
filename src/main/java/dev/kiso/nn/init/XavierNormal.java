package dev.kiso.nn.init;

import dev.kiso.tensor.Tensor;

import java.util.Random;

/**
 * Glorot and Bengio's ("Xavier") normal initialisation: {@code N(0, std²)} with
 * {@code std = sqrt(2 / (fanIn + fanOut))}, which keeps the variance of activations and of
 * gradients about the same from layer to layer for tanh-like units. PyTorch:
 * {@code nn.init.xavier_normal_}.
 *
 * <p>Not what the course calls "Xavier": that is {@link LeCunNormal}, {@code std = sqrt(1/fanIn)}.
 */
public record XavierNormal() implements Initializer {

    @Override
    public void fill(Tensor weight, int fanIn, int fanOut, Random rng) {
        Fans.check("XavierNormal", fanIn, fanOut);
        Normal.fillNormal(weight, Math.sqrt(2.0 / (fanIn + fanOut)), rng);
    }

    @Override
    public String toString() {
        return "XavierNormal()";
    }
}
