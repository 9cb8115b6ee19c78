package dev.kiso.nn;

import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SigmoidTest {

    @Test
    void derivativePeaksAtAQuarterAtZero() {
        // The course's point: σ'(x) = σ(x)(1 − σ(x)) ≤ 0.25, reached at x = 0, so each sigmoid
        // layer shrinks the gradient at least fourfold.
        int n = 201;
        float[] xs = new float[n];
        for (int i = 0; i < n; i++) {
            xs[i] = -5f + 0.05f * i;
        }
        Sigmoid sigmoid = new Sigmoid();
        sigmoid.forward(Tensor.of(xs, 1, n), true);
        float[] dx = sigmoid.backward(Tensor.ones(1, n)).toArray();
        int argmax = 0;
        for (int i = 1; i < n; i++) {
            if (dx[i] > dx[argmax]) {
                argmax = i;
            }
        }
        assertThat(xs[argmax]).isCloseTo(0f, within(1e-6f));
        assertThat(dx[argmax]).isEqualTo(0.25f);
        for (float d : dx) {
            assertThat(d).isLessThanOrEqualTo(0.25f);
        }
    }

    @Test
    void matchesTheClosedFormAndStaysFiniteForLargeInputs() {
        float[] x = {-1000f, -1f, 0f, 2f, 1000f};
        float[] y = new Sigmoid().forward(Tensor.of(x, 1, 5), false).toArray();
        for (int i = 0; i < x.length; i++) {
            assertThat((double) y[i]).isCloseTo(1 / (1 + Math.exp(-x[i])), within(1e-7));
        }
    }

    @Test
    void passesGradientCheck() {
        GradientCheck.layer(new Sigmoid(), Tensor.rand(new Random(5), -3f, 3f, 4, 6)).assertPasses();
    }

    @Test
    void matchesPyTorch() {
        NnTesting.assertLayerParity(new Sigmoid(), NnTesting.parity("sigmoid"));
    }
}
