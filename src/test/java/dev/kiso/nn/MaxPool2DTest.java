package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;
import dev.kiso.io.SafeTensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static dev.kiso.nn.ConvReference.assertClose;
import static dev.kiso.nn.ConvReference.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MaxPool2DTest {

    /** {kernel, stride, padding, H, W} */
    private static final int[][] CASES = {
        {2, 2, 0, 6, 6},
        {3, 2, 1, 7, 7},    // overlapping windows with padding: dx must accumulate
        {3, 2, 1, 8, 5},    // inexact division
        {3, 1, 1, 5, 6},
        {2, 1, 0, 4, 4},
        {4, 3, 2, 9, 10},
    };

    @ParameterizedTest
    @ValueSource(strings = {"maxpool2d_2x2_s2", "maxpool2d_ties"})
    void matchesPyTorch(String name) {
        SafeTensorsFile ref = ConvReference.parity(name);
        MaxPool2D pool = new MaxPool2D(Integer.parseInt(ref.metadata().get("kernel")),
                Integer.parseInt(ref.metadata().get("stride")), Integer.parseInt(ref.metadata().get("padding")));
        Tensor y = pool.forward(ref.tensor("x"), true);
        assertClose(name + " y", y, ConvReference.doubles(ref.tensor("y")), 0, 0);   // a max is exact
        float[] indices = ref.tensor("indices").toArray();
        int[] got = pool.argmaxIndices();
        assertThat(got).hasSameSizeAs(indices);
        for (int i = 0; i < got.length; i++) {
            assertThat((float) got[i]).as("%s index %d", name, i).isEqualTo(indices[i]);
        }
        assertClose(name + " dx", pool.backward(ref.tensor("dout")), ConvReference.doubles(ref.tensor("dx")));
    }

    @Test
    void matchesTheDirectDefinition() {
        Random rng = new Random(21);
        for (int[] c : CASES) {
            MaxPool2D pool = new MaxPool2D(c[0], c[1], c[2]);
            Tensor x = random(rng, 2, 3, c[3], c[4]);
            Tensor y = pool.forward(x, true);
            Tensor dout = random(rng, y.shape());
            double[][] ref = ConvReference.pool(x, dout, c[0], c[1], c[2], true);
            assertClose("y " + pool, y, ref[0], 0, 0);
            int[] idx = pool.argmaxIndices();
            for (int i = 0; i < idx.length; i++) {
                assertThat((double) idx[i]).as("index %d of %s", i, pool).isEqualTo(ref[1][i]);
            }
            assertClose("dx " + pool, pool.backward(dout), ref[2]);
        }
    }

    @Test
    void paddingIsMinusInfinityNotZero() {
        // Every value negative: a zero-padded window would return 0 at the borders.
        Tensor x = Tensor.rand(new Random(22), -5f, -1f, 1, 2, 5, 5);
        Tensor y = new MaxPool2D(3, 2, 1).forward(x, false);
        for (float v : y.toArray()) {
            assertThat(v).isLessThan(-1f + 1e-6f);
        }
        // The corner window covers x[0..1, 0..1] and five padding cells.
        float corner = Math.max(Math.max(x.get(0, 0, 0, 0), x.get(0, 0, 0, 1)), Math.max(x.get(0, 0, 1, 0), x.get(0, 0, 1, 1)));
        assertThat(y.get(0, 0, 0, 0)).isEqualTo(corner);
    }

    @Test
    void tiesGoToTheFirstMaximumInRowMajorOrder() {
        // Each 2×2 window holds 7 twice: at (0,1) and (1,0) in the first, (0,0) and (1,1) in the second.
        Tensor x = Tensor.of(new float[] {
            1, 7, 7, 2,
            7, 3, 1, 7,
        }, 1, 1, 2, 4);
        MaxPool2D pool = new MaxPool2D(2);
        pool.forward(x, true);
        assertThat(pool.argmaxIndices()).containsExactly(1, 2);
        Tensor dx = pool.backward(Tensor.of(new float[] {10, 20}, 1, 1, 1, 2));
        assertThat(dx.toArray()).containsExactly(0, 10, 20, 0, 0, 0, 0, 0);
    }

    @Test
    void overlappingWindowsAccumulateTheGradient() {
        // 3×3 windows with stride 1 over a plane whose maximum is in the middle: all four windows pick it.
        Tensor x = Tensor.of(new float[] {
            0, 0, 0, 0,
            0, 9, 0, 0,
            0, 0, 0, 0,
            0, 0, 0, 0,
        }, 1, 1, 4, 4);
        MaxPool2D pool = new MaxPool2D(3, 1);
        pool.forward(x, true);
        Tensor dx = pool.backward(Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2));
        assertThat(dx.get(0, 0, 1, 1)).isEqualTo(10f);
    }

    @Test
    void evaluationKeepsNoIndicesAndBackwardNeedsTraining() {
        MaxPool2D pool = new MaxPool2D(2);
        pool.forward(Tensor.zeros(1, 1, 4, 4), false);
        assertThatThrownBy(pool::argmaxIndices).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pool.backward(Tensor.zeros(1, 1, 2, 2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("training");
    }

    @Test
    void badArgumentsAreReportedClearly() {
        assertThatThrownBy(() -> new MaxPool2D(2, 2, 2)).isInstanceOf(KisoException.class)
                .hasMessageContaining("MaxPool2D").hasMessageContaining("half");
        assertThatThrownBy(() -> new MaxPool2D(0)).isInstanceOf(KisoException.class).hasMessageContaining("MaxPool2D");
        assertThatThrownBy(() -> new MaxPool2D(3).forward(Tensor.zeros(1, 1, 2, 2), false))
                .isInstanceOf(KisoException.class).hasMessageStartingWith("MaxPool2D(kernel=3, stride=3, padding=0)")
                .hasMessageContaining("[1, 1, 2, 2]");
        MaxPool2D pool = new MaxPool2D(2);
        pool.forward(Tensor.zeros(1, 1, 4, 4), true);
        assertThatThrownBy(() -> pool.backward(Tensor.zeros(1, 1, 3, 3)))
                .isInstanceOf(KisoException.class).hasMessageContaining("[1, 1, 2, 2]");
    }

    @Test
    void spec() {
        assertThat(new MaxPool2D(2).toString()).isEqualTo("MaxPool2D(kernel=2, stride=2, padding=0)");
        assertThat(new MaxPool2D(3, 2, 1).toString()).isEqualTo("MaxPool2D(kernel=3, stride=2, padding=1)");
    }
}
