package dev.kiso.experiments;

import dev.kiso.data.Dataset;
import dev.kiso.nn.Affine;
import dev.kiso.nn.BatchNorm;
import dev.kiso.nn.Layer;
import dev.kiso.nn.ReLU;
import dev.kiso.nn.Sequential;
import dev.kiso.nn.Sigmoid;
import dev.kiso.nn.init.Normal;
import dev.kiso.optim.SGD;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
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

    private static Dataset tinyData() {
        Random rng = new Random(5);
        float[] x = new float[30 * 4];
        int[] labels = new int[30];
        for (int i = 0; i < 30; i++) {
            labels[i] = i % 3;
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) rng.nextGaussian() + (j == labels[i] ? 2 : 0);
            }
        }
        return new Dataset(Tensor.of(x, 30, 4), labels);
    }

    @Test
    void everyNetworkSeesTheSameBatchesAndIsMeasuredOnSchedule() {
        SideBySide race = new SideBySide(tinyData(), 8, new Random(1));
        int[] sizes = {4, 5, 3};
        SideBySide.Runner a = race.add("a", SideBySide.mlp(sizes, ReLU::new, new Normal(0.5f), false, new Random(9)), new SGD(0.1));
        SideBySide.Runner b = race.add("b", SideBySide.mlp(sizes, ReLU::new, new Normal(0.5f), false, new Random(9)), new SGD(0.1));
        List<Integer> seen = new ArrayList<>();
        race.run(35, 9, 10, (model, batch) -> {
            seen.add(batch.size());
            return new double[] {1, 2};
        }, new PrintStream(OutputStream.nullOutputStream()));
        // identical networks with identical optimizers on shared batches stay identical
        assertThat(a.losses).hasSize(35).containsExactly(b.losses);
        assertThat(a.iterations()).containsExactly(9, 19, 29);
        assertThat(a.measured(1)).containsExactly(2, 2, 2);
        assertThat(seen).hasSize(6).containsOnly(8);
    }

    @Test
    void aDivergingNetworkStopsWithoutStoppingTheOthers() {
        SideBySide race = new SideBySide(tinyData(), 8, new Random(1));
        int[] sizes = {4, 5, 3};
        SideBySide.Runner huge = race.add("huge", SideBySide.mlp(sizes, ReLU::new, new Normal(1e30f), false, new Random(2)), new SGD(0.1));
        SideBySide.Runner fine = race.add("fine", SideBySide.mlp(sizes, ReLU::new, new Normal(0.5f), false, new Random(2)), new SGD(0.1));
        race.run(5, 0, 1, (model, batch) -> new double[] {SideBySide.accuracy(model, batch.x(), batch.labels())},
                new PrintStream(OutputStream.nullOutputStream()));
        assertThat(huge.diverged).isTrue();
        for (float loss : huge.losses) {
            assertThat(loss).isNaN();
        }
        assertThat(fine.diverged).isFalse();
        for (float loss : fine.losses) {
            assertThat(loss).isFinite();
        }
        assertThat(huge.measured(0)).hasSize(5);
        for (double accuracy : huge.measured(0)) {
            assertThat(accuracy).isBetween(0.0, 1.0);
        }
    }
}
