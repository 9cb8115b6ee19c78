package dev.kiso.nn.init;

import dev.kiso.tensor.Tensor;

import java.util.Random;

/**
 * He (Kaiming) uniform initialisation: {@code U(−a, a)} with {@code a = sqrt(6 / fanIn)}, the same
 * variance as {@link HeNormal}. PyTorch: {@code nn.init.kaiming_uniform_(w, nonlinearity='relu')}.
 */
public record HeUniform() implements Initializer {

    @Override
    public void fill(Tensor weight, int fanIn, int fanOut, Random rng) {
        Fans.check("HeUniform", fanIn, fanOut);
        double a = Math.sqrt(6.0 / fanIn);
        Uniform.fillUniform(weight, -a, a, rng);
    }

    @Override
    public String toString() {
        return "HeUniform()";
    }
}
