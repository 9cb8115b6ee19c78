package dev.kiso.experiments;

import dev.kiso.nn.Affine;
import dev.kiso.nn.BatchNorm;
import dev.kiso.nn.Layer;
import dev.kiso.nn.Sequential;
import dev.kiso.nn.Sigmoid;
import dev.kiso.nn.init.Normal;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SideBySideTest {

    /** The normalised Kaiser window (β = 2, 11 points) as listed in EXPERIMENTS.md §1.6. */
    private static final double[] KAISER = {0.05244517, 0.07309418, 0.09177804, 0.10666080, 0.11624519,
            0.11955325, 0.11624519, 0.10666080, 0.09177804, 0.07309418, 0.05244517};

    @Test
    void smoothingOfAnImpulseIsTheKaiserWindow() {
        float[] x = new float[40];
        x[20] = 1;
        double[] y = SideBySide.smoothCurve(x);
        for (int k = 0; k < KAISER.length; k++) {
            assertThat(y[15 + k]).isCloseTo(KAISER[k], within(1e-7));
        }
        assertThat(y[14]).isZero();
        assertThat(y[26]).isZero();
    }

    @Test
    void smoothingMirrorsTheEnds() {
        float[] x = new float[30];
        for (int i = 0; i < x.length; i++) {
            x[i] = i * i;
        }
        double[] y = SideBySide.smoothCurve(x);
        // y[0] sees x[5], x[4], ..., x[1] (mirror without x[0]), x[0], ..., x[5]
        double front = 0;
        for (int k = 0; k < 11; k++) {
            front += KAISER[k] * x[Math.abs(k - 5)];
        }
        // y[n-1] sees x[n-6..n-1] and then x[n-1], x[n-2], ..., x[n-5] (mirror with the last value)
        double back = 0;
        for (int k = 0; k < 11; k++) {
            int j = 29 - 5 + k;
            back += KAISER[k] * (j <= 29 ? x[j] : x[29 - (j - 30)]);
        }
        assertThat(y).hasSize(30);
        assertThat(y[0]).isCloseTo(front, within(1e-3));
        assertThat(y[29]).isCloseTo(back, within(1e-3));
    }

    @Test
    void mlpFollowsTheCourseLayout() {
        Sequential net = SideBySide.mlp(new int[] {6, 4, 3, 2}, Sigmoid::new, new Normal(0.5f), true, new Random(3));
        List<Layer> layers = net.layers();
        assertThat(layers).hasSize(7);
        assertThat(layers.get(0)).isInstanceOf(Affine.class);
        assertThat(layers.get(1)).isInstanceOf(BatchNorm.class);
        assertThat(layers.get(2)).isInstanceOf(Sigmoid.class);
        assertThat(layers.get(6)).isInstanceOf(Affine.class);
        BatchNorm bn = (BatchNorm) layers.get(1);
        assertThat(bn.runningVar().toArray()).containsOnly(0f);
        assertThat(SideBySide.affineParameters(net)).hasSize(6);
        assertThat(net.parameters()).hasSize(10);
    }

    @Test
    void meanOfLastAveragesTheTail() {
        assertThat(SideBySide.meanOfLast(new double[] {9, 1, 2, 3}, 3)).isEqualTo(2.0);
        assertThat(SideBySide.meanOfLast(new double[] {4, 2}, 5)).isEqualTo(3.0);
    }
}
