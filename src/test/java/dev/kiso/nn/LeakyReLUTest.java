package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeakyReLUTest {

    @Test
    void usesTheSlopeForNegativesAndAtZero() {
        LeakyReLU layer = new LeakyReLU(0.1f);
        Tensor y = layer.forward(Tensor.of(new float[] {-2f, 0f, 3f}, 1, 3), true);
        assertThat(y.toArray()).containsExactly(-0.2f, 0f, 3f);
        Tensor dx = layer.backward(Tensor.of(new float[] {10f, 10f, 10f}, 1, 3));
        assertThat(dx.toArray()).containsExactly(1f, 1f, 10f);
    }

    @Test
    void defaultSlopeIsPyTorchs() {
        assertThat(new LeakyReLU().slope()).isEqualTo(0.01f);
        assertThat(new LeakyReLU().toString()).isEqualTo("LeakyReLU(slope=0.01)");
    }

    @Test
    void passesGradientCheck() {
        GradientCheck.layer(new LeakyReLU(0.2f), NnTesting.awayFromZero(new Random(4), 3, 5)).assertPasses();
    }

    @Test
    void rejectsANonFiniteSlope() {
        assertThatThrownBy(() -> new LeakyReLU(Float.NaN)).isInstanceOf(KisoException.class).hasMessageContaining("slope");
    }

    @Test
    void matchesPyTorchIncludingTheSlopeAtExactZeros() {
        NnTesting.assertLayerParity(new LeakyReLU(0.01f), NnTesting.parity("leaky_relu"));
    }
}
