package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static dev.kiso.nn.ConvReference.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GlobalAvgPool2DTest {

    @Test
    void meanOfEachPlaneAndEvenlySpreadGradient() {
        Tensor x = random(new Random(41), 2, 3, 4, 5);
        GlobalAvgPool2D gap = new GlobalAvgPool2D();
        Tensor y = gap.forward(x, true);
        assertThat(y.shape()).containsExactly(2, 3);
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                double sum = 0;
                for (int h = 0; h < 4; h++) {
                    for (int w = 0; w < 5; w++) {
                        sum += x.get(n, c, h, w);
                    }
                }
                assertThat((double) y.get(n, c)).isCloseTo(sum / 20, within(1e-6));
            }
        }
        Tensor dx = gap.backward(Tensor.of(new float[] {20, 40, 60, 80, 100, 120}, 2, 3));
        assertThat(dx.shape()).containsExactly(2, 3, 4, 5);
        assertThat(dx.get(0, 0, 3, 4)).isEqualTo(1f);
        assertThat(dx.get(1, 2, 0, 0)).isEqualTo(6f);
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        GradientCheck.layer(new GlobalAvgPool2D(), random(new Random(42), 2, 3, 3, 4)).assertPasses();
    }

    @Test
    void contract() {
        GlobalAvgPool2D gap = new GlobalAvgPool2D();
        assertThatThrownBy(() -> gap.backward(Tensor.zeros(1, 1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> gap.forward(Tensor.zeros(2, 3), false))
                .isInstanceOf(KisoException.class).hasMessageContaining("GlobalAvgPool2D").hasMessageContaining("[2, 3]");
        gap.forward(Tensor.zeros(2, 3, 2, 2), true);
        assertThatThrownBy(() -> gap.backward(Tensor.zeros(3, 2))).isInstanceOf(KisoException.class);
        assertThat(gap.toString()).isEqualTo("GlobalAvgPool2D()");
    }
}
