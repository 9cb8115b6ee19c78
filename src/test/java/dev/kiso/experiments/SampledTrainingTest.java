package dev.kiso.experiments;

import dev.kiso.data.Dataset;
import dev.kiso.models.MultiLayerNet;
import dev.kiso.nn.Affine;
import dev.kiso.nn.Dropout;
import dev.kiso.nn.ReLU;
import dev.kiso.nn.Sequential;
import dev.kiso.nn.reg.L2;
import dev.kiso.nn.reg.Regularizer;
import dev.kiso.optim.SGD;
import dev.kiso.tensor.Tensor;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SampledTrainingTest {

    private static List<Integer> evaluatedIterations(SampledTraining.Timing timing) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < timing.iterations(); i++) {
            if (timing.evaluatesAfter(i)) {
                at.add(i);
            }
        }
        return at;
    }

    @Test
    void bookTimingEvaluatesAfterIterations0_3_6_to600() {
        SampledTraining.Timing t = SampledTraining.Timing.book(201, 3);
        assertThat(t.iterations()).isEqualTo(601);
        List<Integer> at = evaluatedIterations(t);
        assertThat(at).hasSize(201).startsWith(0, 3, 6).endsWith(597, 600);
        assertThat(t.x(0)).isEqualTo(0);
        assertThat(t.x(600)).isEqualTo(200);
    }

    @Test
    void courseTimingEvaluatesAfterEvery10thUpdateAtTheTrueCount() {
        SampledTraining.Timing t = SampledTraining.Timing.course(1000, 10);
        List<Integer> at = evaluatedIterations(t);
        assertThat(at).hasSize(100).startsWith(9, 19).endsWith(999);
        assertThat(t.x(9)).isEqualTo(10);
        assertThat(t.x(999)).isEqualTo(1000);
    }

    @Test
    void finalMeansTheLastFivePoints() {
        double[] y = {0, 0, 1, 2, 3, 4, 5};
        assertThat(SideBySide.meanOfLast(y, 5)).isEqualTo(3.0);
        assertThat(SideBySide.meanOfLast(new double[] {2, 4}, 5)).isEqualTo(3.0);
        SampledTraining.Curves c = new SampledTraining.Curves(new double[7], new double[] {1, 1, 1, 1, 1, 1, 1}, y);
        assertThat(c.finalGap()).isEqualTo(1 - 3.0);
    }

    @Test
    void shareBelowCountsSmallMagnitudes() {
        Tensor w = Tensor.of(new float[] {0f, -5e-4f, 1e-3f, -0.2f, 2e-4f, 3f}, 2, 3);
        assertThat(SampledTraining.shareBelow(w, 1e-3)).isEqualTo(3.0 / 6);
        assertThat(SampledTraining.shareBelow(w.t(), 1e-3)).isEqualTo(3.0 / 6);
    }

    @Test
    void mlpIsAffineReluDropoutPerHiddenLayerAndSeeded() {
        Sequential net = SampledTraining.mlp(100, 2, 0.2f, 7);
        assertThat(net.layers()).hasSize(3 * 2 + 1);
        assertThat(net.layers().get(0)).isInstanceOf(Affine.class);
        assertThat(net.layers().get(1)).isInstanceOf(ReLU.class);
        assertThat(net.layers().get(2)).isInstanceOf(Dropout.class);
        assertThat(((Affine) net.layers().get(6)).out()).isEqualTo(10);
        Sequential same = SampledTraining.mlp(100, 2, 0.2f, 7);
        assertThat(((Affine) same.layers().get(0)).weight().value().toArray())
                .containsExactly(((Affine) net.layers().get(0)).weight().value().toArray());
        assertThat(SampledTraining.mlp(100, 0, 0f, 7).layers()).hasSize(1);
    }

    @Test
    void trainingLearnsASeparableProblemAndRecordsOnePointPerEvaluation() {
        // Two Gaussian blobs in 4-D: a linear model must reach (almost) 100 % accuracy.
        Random rng = new Random(3);
        int n = 200;
        float[] x = new float[n * 4];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) (rng.nextGaussian() * 0.5 + (labels[i] == 1 ? 1.5 : -1.5));
            }
        }
        Dataset data = new Dataset(Tensor.of(x, n, 4), labels);
        Sequential model = MultiLayerNet.builder(4, 2).build().initialize(1);
        SampledTraining.Curves c = SampledTraining.train(model, new SGD(0.1), Regularizer.none(), data, data, 20,
                SampledTraining.Timing.course(100, 10), new Random(5));
        assertThat(c.x()).containsExactly(10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
        assertThat(c.finalTrain()).isCloseTo(1.0, within(0.02));
        assertThat(c.test()).containsExactly(c.train());
    }

    @Test
    void weightDecayAddsLambdaTimesWToTheAffineWeightsOnlyInTheBooksLoop() {
        // One SGD step of the overfit300 net with and without L2 from the same weights and batch:
        // the difference must be -lr·λ·W0 on every Affine weight (½λΣ‖W‖² has gradient λW, the
        // book's scale) and exactly zero on the biases (not decayed).
        Random data = new Random(11);
        int n = 50;
        Dataset set = new Dataset(Tensor.randn(data, 0, 1, n, 784), data.ints(n, 0, 10).toArray());
        double lr = 0.01;
        double lambda = 0.1;
        Sequential start = SampledTraining.mlp(100, 6, 0f, 5);
        Sequential plain = SampledTraining.mlp(100, 6, 0f, 5);
        Sequential decayed = SampledTraining.mlp(100, 6, 0f, 5);
        for (Sequential m : List.of(start, plain, decayed)) {   // non-zero biases, so decaying them would show
            m.parameters().stream().filter(p -> !p.regularized())
                    .forEach(p -> Arrays.fill(p.value().data(), 0.5f));
        }
        SampledTraining.train(plain, new SGD(lr), Regularizer.none(), set, set, 10, SampledTraining.Timing.course(1, 1),
                new Random(2));
        SampledTraining.train(decayed, new SGD(lr), new L2(lambda), set, set, 10,
                SampledTraining.Timing.course(1, 1), new Random(2));
        int affines = 0;
        for (int k = 0; k < start.layers().size(); k++) {
            if (start.layers().get(k) instanceof Affine a0) {
                Affine ap = (Affine) plain.layers().get(k);
                Affine ad = (Affine) decayed.layers().get(k);
                float[] w0 = a0.weight().value().toArray();
                float[] wp = ap.weight().value().toArray();
                float[] wd = ad.weight().value().toArray();
                for (int i = 0; i < w0.length; i++) {
                    assertThat((double) wd[i] - wp[i]).isCloseTo(-lr * lambda * w0[i], within(2e-7));
                }
                assertThat(ad.bias().value().toArray()).containsExactly(ap.bias().value().toArray());
                affines++;
            }
        }
        assertThat(affines).isEqualTo(7);
    }
}
