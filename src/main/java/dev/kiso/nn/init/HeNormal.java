package dev.kiso.nn.init;

import dev.kiso.tensor.Tensor;

import java.util.Random;

/**
 * He (Kaiming) normal initialisation for ReLU networks: {@code N(0, std²)} with
 * {@code std = sqrt(2 / fanIn)}, the course's {@code 'he'}/{@code 'relu'}. The default for
 * {@code Affine} and {@code Conv2D}. PyTorch: {@code nn.init.kaiming_normal_(w, nonlinearity='relu')}
 * (with PyTorch's fan-in, which for a {@code Linear} weight {@code [out, in]} is {@code in}).
 */
public record HeNormal() implements Initializer {

    @Override
    public void fill(Tensor weight, int fanIn, int fanOut, Random rng) {
        Fans.check("HeNormal", fanIn, fanOut);
        Normal.fillNormal(weight, Math.sqrt(2.0 / fanIn), rng);
    }

    @Override
    public String toString() {
        return "HeNormal()";
    }
}
