package dev.kiso.nn.init;

import dev.kiso.tensor.Tensor;

import java.util.Random;

/**
 * {@code N(0, std²)} with {@code std = sqrt(1 / fanIn)} (LeCun's rule, a plain, untruncated
 * normal). <b>The course and the book call this "Xavier"</b> ({@code weight_init_std='xavier'} or
 * {@code 'sigmoid'}); Glorot's own form, which also counts the fan-out, is {@link XavierNormal}.
 * (Keras's {@code lecun_normal} draws from a truncated normal instead.)
 */
public record LeCunNormal() implements Initializer {

    @Override
    public void fill(Tensor weight, int fanIn, int fanOut, Random rng) {
        Fans.check("LeCunNormal", fanIn, fanOut);
        Normal.fillNormal(weight, Math.sqrt(1.0 / fanIn), rng);
    }

    @Override
    public String toString() {
        return "LeCunNormal()";
    }
}
