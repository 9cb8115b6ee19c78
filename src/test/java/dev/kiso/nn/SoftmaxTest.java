package dev.kiso.nn;

import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SoftmaxTest {

    @Test
    void rowsAreDistributionsEvenForHugeLogits() {
        Tensor x = Tensor.of(new float[] {1000f, 999f, -1000f, 1f, 2f, 3f}, 2, 3);
        float[] y = new Softmax().forward(x, false).toArray();
        double e = Math.exp(-1);
        assertThat((double) y[0]).isCloseTo(1 / (1 + e), within(1e-7));
        assertThat((double) y[1]).isCloseTo(e / (1 + e), within(1e-7));
        assertThat(y[2]).isEqualTo(0f);
        double s = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertThat((double) y[5]).isCloseTo(Math.exp(3) / s, within(1e-7));
    }

    @Test
    void passesGradientCheckOverTheLastAxis() {
        GradientCheck.layer(new Softmax(), Tensor.rand(new Random(7), -2f, 2f, 2, 3, 5)).assertPasses();
    }

    @Test
    void matchesPyTorchsSoftmaxOfTheCrossEntropyCase() {
        var ref = NnTesting.parity("softmax_cross_entropy");
        NnTesting.assertParity("softmax", new Softmax().forward(ref.tensor("x"), false), ref.tensor("y"));
    }
}
