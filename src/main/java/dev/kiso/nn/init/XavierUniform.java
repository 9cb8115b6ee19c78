package dev.kiso.nn.init;

import dev.kiso.tensor.Tensor;

import java.util.Random;

/**
 * Glorot and Bengio's ("Xavier") uniform initialisation: {@code U(−a, a)} with
 * {@code a = sqrt(6 / (fanIn + fanOut))}, the same variance as {@link XavierNormal}. PyTorch:
 * {@code nn.init.xavier_uniform_}.
 */
public record XavierUniform() implements Initializer {

    @Override
    public void fill(Tensor weight, int fanIn, int fanOut, Random rng) {
        Fans.check("XavierUniform", fanIn, fanOut);
        double a = Math.sqrt(6.0 / (fanIn + fanOut));
        Uniform.fillUniform(weight, -a, a, rng);
    }

    @Override
    public String toString() {
        return "XavierUniform()";
    }
}
