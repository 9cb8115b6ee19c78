package dev.kiso.nn;

import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TanhTest {

    @Test
    void matchesTheClosedForm() {
        float[] x = {-3f, -0.5f, 0f, 0.5f, 30f};
        Tanh tanh = new Tanh();
        float[] y = tanh.forward(Tensor.of(x, 1, 5), true).toArray();
        float[] dx = tanh.backward(Tensor.ones(1, 5)).toArray();
        for (int i = 0; i < x.length; i++) {
            double cosh = Math.cosh(x[i]);
            assertThat((double) y[i]).isCloseTo(Math.tanh(x[i]), within(1e-7));
            assertThat((double) dx[i]).isCloseTo(1 / (cosh * cosh), within(1e-6));
        }
    }

    @Test
    void passesGradientCheck() {
        GradientCheck.layer(new Tanh(), Tensor.rand(new Random(6), -2f, 2f, 3, 2, 4)).assertPasses();
    }

    @Test
    void matchesPyTorch() {
        NnTesting.assertLayerParity(new Tanh(), NnTesting.parity("tanh"));
    }
}
