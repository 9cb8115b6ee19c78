package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;
import dev.kiso.io.SafeTensorsFile;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static dev.kiso.nn.ConvReference.assertClose;
import static dev.kiso.nn.ConvReference.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvgPool2DTest {

    @Test
    void matchesPyTorch() {
        SafeTensorsFile ref = ConvReference.parity("avgpool2d_2x2_s2");
        AvgPool2D pool = new AvgPool2D(2, 2, 0);
        assertClose("y", pool.forward(ref.tensor("x"), true), ConvReference.doubles(ref.tensor("y")));
        assertClose("dx", pool.backward(ref.tensor("dout")), ConvReference.doubles(ref.tensor("dx")));
    }

    @Test
    void matchesTheDirectDefinition() {
        int[][] cases = {{2, 2, 0, 6, 6}, {3, 2, 1, 7, 7}, {3, 2, 1, 8, 5}, {3, 1, 1, 5, 6}, {4, 3, 2, 9, 10}};
        Random rng = new Random(31);
        for (int[] c : cases) {
            AvgPool2D pool = new AvgPool2D(c[0], c[1], c[2]);
            Tensor x = random(rng, 2, 3, c[3], c[4]);
            Tensor y = pool.forward(x, true);
            Tensor dout = random(rng, y.shape());
            double[][] ref = ConvReference.pool(x, dout, c[0], c[1], c[2], false);
            assertClose("y " + pool, y, ref[0]);
            assertClose("dx " + pool, pool.backward(dout), ref[2]);
        }
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        GradientCheck.layer(new AvgPool2D(3, 2, 1), random(new Random(32), 2, 2, 7, 6)).assertPasses();
    }

    @Test
    void paddingCountsInTheDivisor() {
        // count_include_pad: the corner window of a plane of ones covers 4 ones and 5 zeros → 4/9.
        Tensor y = new AvgPool2D(3, 2, 1).forward(Tensor.ones(1, 1, 5, 5), false);
        assertThat(y.get(0, 0, 0, 0)).isEqualTo(4f / 9f);
        assertThat(y.get(0, 0, 1, 1)).isEqualTo(1f);
    }

    @Test
    void backwardSpreadsAQuarterInEachTwoByTwoWindow() {
        AvgPool2D pool = new AvgPool2D(2);
        pool.forward(Tensor.zeros(1, 1, 2, 4), true);
        Tensor dx = pool.backward(Tensor.of(new float[] {4, 8}, 1, 1, 1, 2));
        assertThat(dx.toArray()).containsExactly(1, 1, 2, 2, 1, 1, 2, 2);
    }

    @Test
    void contractAndSpec() {
        AvgPool2D pool = new AvgPool2D(2);
        pool.forward(Tensor.zeros(1, 1, 4, 4), false);
        assertThatThrownBy(() -> pool.backward(Tensor.zeros(1, 1, 2, 2))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new AvgPool2D(3, 1, 2)).isInstanceOf(KisoException.class).hasMessageContaining("AvgPool2D");
        assertThatThrownBy(() -> pool.forward(Tensor.zeros(4, 4), false))
                .isInstanceOf(KisoException.class).hasMessageContaining("AvgPool2D").hasMessageContaining("[4, 4]");
        assertThat(new AvgPool2D(3, 2, 1).toString()).isEqualTo("AvgPool2D(kernel=3, stride=2, padding=1)");
    }
}
