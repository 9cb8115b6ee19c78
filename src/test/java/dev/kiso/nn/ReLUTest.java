package dev.kiso.nn;

import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReLUTest {

    @Test
    void forwardAndBackwardFollowTheDefinitionWithZeroGradientAtZero() {
        Tensor x = Tensor.of(new float[] {-2f, 0f, 3f, -0.5f, 1e-7f, -1e-7f}, 2, 3);
        ReLU relu = new ReLU();
        Tensor y = relu.forward(x, true);
        assertThat(y.toArray()).containsExactly(0f, 0f, 3f, 0f, 1e-7f, 0f);
        Tensor dx = relu.backward(Tensor.of(new float[] {1f, 2f, 3f, 4f, 5f, 6f}, 2, 3));
        assertThat(dx.toArray()).containsExactly(0f, 0f, 3f, 0f, 5f, 0f);
    }

    @Test
    void passesGradientCheck() {
        Random rng = new Random(3);
        GradientCheck.layer(new ReLU(), NnTesting.awayFromZero(rng, 4, 3, 2, 2)).assertPasses();
    }

    @Test
    void evaluationForwardCachesNothing() {
        ReLU relu = new ReLU();
        relu.forward(Tensor.ones(2, 2), false);
        assertThatThrownBy(() -> relu.backward(Tensor.ones(2, 2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ReLU").hasMessageContaining("training-mode forward");
    }

    @Test
    void backwardChecksTheShapeOfDout() {
        ReLU relu = new ReLU();
        relu.forward(Tensor.ones(2, 3), true);
        assertThatThrownBy(() -> relu.backward(Tensor.ones(3, 2)))
                .isInstanceOf(dev.kiso.KisoException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("[3, 2]");
    }

    @Test
    void readsNonContiguousInput() {
        Tensor x = Tensor.of(new float[] {1f, -2f, -3f, 4f}, 2, 2).t();
        assertThat(new ReLU().forward(x, false).toArray()).containsExactly(1f, 0f, 0f, 4f);
    }

    @Test
    void matchesPyTorchIncludingZeroGradientAtExactZeros() {
        NnTesting.assertLayerParity(new ReLU(), NnTesting.parity("relu"));
    }
}
