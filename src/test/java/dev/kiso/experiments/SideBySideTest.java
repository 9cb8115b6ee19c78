package dev.kiso.experiments;

import dev.kiso.data.Dataset;
import dev.kiso.models.MultiLayerNet;
import dev.kiso.nn.Affine;
import dev.kiso.nn.BatchNorm;
import dev.kiso.nn.Layer;
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

class SideBySideTest {

    @Test
    void courseNetIsTheCourseLayoutWithTheBooksBatchNorm() {
        Sequential net = SideBySide.courseNet(40, 20).activation(Sigmoid::new).init(new Normal(0.5f))
                .batchNorm(true).build(new Random(3));
        List<Layer> layers = net.layers();
        assertThat(layers).hasSize(7);
        assertThat(layers.get(0)).isInstanceOf(Affine.class);
        assertThat(((Affine) layers.get(0)).in()).isEqualTo(784);
        assertThat(layers.get(1)).isInstanceOf(BatchNorm.class);
        assertThat(layers.get(2)).isInstanceOf(Sigmoid.class);
        assertThat(layers.get(6)).isInstanceOf(Affine.class);
        assertThat(((Affine) layers.get(6)).out()).isEqualTo(10);
        BatchNorm bn = (BatchNorm) layers.get(1);
        assertThat(bn.runningVar().toArray()).containsOnly(0f);
        assertThat(bn.spec().toString()).contains("eps=1.0E-6");
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

    /** 4 → 5 → ReLU → 3, weights drawn from {@code rng}. */
    private static Sequential tinyNet(float std, Random rng) {
        return MultiLayerNet.builder(4, 3).hidden(5).init(new Normal(std)).build(rng);
    }

    @Test
    void everyNetworkSeesTheSameBatchesAndIsMeasuredOnSchedule() {
        SideBySide race = new SideBySide(tinyData(), 8, new Random(1));
        SideBySide.Runner a = race.add("a", tinyNet(0.5f, new Random(9)), new SGD(0.1));
        SideBySide.Runner b = race.add("b", tinyNet(0.5f, new Random(9)), new SGD(0.1));
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
        SideBySide.Runner huge = race.add("huge", tinyNet(1e30f, new Random(2)), new SGD(0.1));
        SideBySide.Runner fine = race.add("fine", tinyNet(0.5f, new Random(2)), new SGD(0.1));
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
