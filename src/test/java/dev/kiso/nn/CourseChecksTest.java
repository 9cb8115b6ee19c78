package dev.kiso.nn;

import dev.kiso.nn.init.Zeros;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The course's small checks, as tests. */
class CourseChecksTest {

    /** z = t², t = x + y, as one layer: input [N, 2] = (x, y), output [N, 1] = z. */
    private static final class SquaredSum implements Layer {
        private Tensor t;

        @Override
        public Tensor forward(Tensor xy, boolean training) {
            int n = xy.shape(0);
            Tensor t = Tensor.zeros(n, 1);
            Tensor z = Tensor.zeros(n, 1);
            for (int i = 0; i < n; i++) {
                t.set(xy.get(i, 0) + xy.get(i, 1), i, 0);
                z.set(t.get(i, 0) * t.get(i, 0), i, 0);
            }
            if (training) {
                this.t = t;
            }
            return z;
        }

        @Override
        public Tensor backward(Tensor dout) {
            int n = t.shape(0);
            Tensor dxy = Tensor.zeros(n, 2);
            for (int i = 0; i < n; i++) {
                float dt = dout.get(i, 0) * 2 * t.get(i, 0);  // dz/dt = 2t
                dxy.set(dt, i, 0);  // dt/dx = 1
                dxy.set(dt, i, 1);  // dt/dy = 1
            }
            return dxy;
        }
    }

    @Test
    void chainRuleQuiz() {
        Tensor xy = Tensor.of(new float[] {1f, 2f, -0.5f, 0.25f, 3f, -1f}, 3, 2);
        SquaredSum layer = new SquaredSum();
        layer.forward(xy, true);
        Tensor dxy = layer.backward(Tensor.ones(3, 1));
        for (int i = 0; i < 3; i++) {
            float expected = 2 * (xy.get(i, 0) + xy.get(i, 1));  // dz/dx = 2(x + y)
            assertThat(dxy.get(i, 0)).isEqualTo(expected);
            assertThat(dxy.get(i, 1)).isEqualTo(expected);
        }
        GradientCheck.layer(layer, xy).assertPasses();
    }

    @Test
    void zeroInitialisationKeepsEveryHiddenUnitIdentical() {
        Random rng = new Random(1);
        Sequential model = new Sequential(new Affine(4, 5, new Zeros()), new Sigmoid(), new Affine(5, 3, new Zeros()));
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        Tensor x = Tensor.rand(rng, -1f, 1f, 8, 4);
        Tensor t = Tensor.of(new float[] {0, 1, 2, 0, 1, 2, 2, 1}, 8);
        float lr = 0.5f;
        for (int step = 0; step < 5; step++) {
            loss.forward(model.forward(x, true), t);
            model.backward(loss.backward());
            for (Parameter p : model.parameters()) {
                float[] w = p.value().data();
                float[] g = p.grad().data();
                for (int i = 0; i < w.length; i++) {
                    w[i] -= lr * g[i];  // plain SGD, by hand
                }
            }
        }
        Tensor w1 = model.parameters().get(0).value();  // [4, 5]: column j feeds hidden unit j
        Tensor w2 = model.parameters().get(2).value();  // [5, 3]: row j leaves hidden unit j
        assertThat(w2.toArray()).as("the output weights did learn").isNotEqualTo(new float[15]);
        for (int j = 1; j < 5; j++) {
            for (int i = 0; i < 4; i++) {
                assertThat(w1.get(i, j)).isEqualTo(w1.get(i, 0));
            }
            for (int k = 0; k < 3; k++) {
                assertThat(w2.get(j, k)).isEqualTo(w2.get(0, k));
            }
        }
    }

    @Test
    void aSequentialOfEveryLayerPassesGradientCheck() {
        Random rng = new Random(2);
        Sequential model = new Sequential(
                new InstanceNorm(2), new Flatten(), new Affine(18, 8), new BatchNorm(8), new Tanh(),
                new Dropout(0.3f), new Affine(8, 6), new LayerNorm(6), new LeakyReLU(0.1f), new Affine(6, 5),
                new Sigmoid(), new Affine(5, 4), new Softmax());
        Tensor x = Tensor.rand(rng, -1f, 1f, 4, 2, 3, 3);
        GradientCheckReport report = GradientCheck.layer(model, x);
        report.assertPasses();
        assertThat(report.results()).hasSize(1 + 2 * 7);

        // With ReLU inside, a step must not carry a hidden pre-activation across 0: a smaller step.
        Sequential net = new Sequential(new Affine(6, 5), new ReLU(), new Affine(5, 3));
        new GradientCheck().step(1e-3).check(net, NnTesting.awayFromZero(rng, 3, 6)).assertPasses();
    }

    @Test
    void modelPrintsLikePyTorch() {
        Sequential model = new Sequential(new Affine(784, 100), new BatchNorm(100), new ReLU(), new Dropout(0.5f),
                new Affine(100, 10));
        assertThat(model.toString()).isEqualTo("Sequential(\n"
                + "  (0): Affine(in=784, out=100)\n"
                + "  (1): BatchNorm(numFeatures=100, eps=1.0E-5, momentum=0.1)\n"
                + "  (2): ReLU()\n"
                + "  (3): Dropout(p=0.5)\n"
                + "  (4): Affine(in=100, out=10)\n"
                + ")");
        assertThat(model.stateDict()).containsKeys("0.weight", "1.running_var", "4.bias");
        assertThat(model.buffers()).containsOnlyKeys("1.running_mean", "1.running_var");
    }

    @Test
    void sigmoidNetworkLosesGradientLayerByLayer() {
        // At most 0.25 per sigmoid: the gradient reaching x through n sigmoids is ≤ 0.25^n.
        Tensor x = Tensor.zeros(1, 1);
        Sequential chain = new Sequential(new Sigmoid(), new Sigmoid(), new Sigmoid());
        chain.forward(x, true);
        assertThat((double) chain.backward(Tensor.ones(1, 1)).item()).isLessThanOrEqualTo(0.25 * 0.25 * 0.25)
                .isCloseTo(0.25 * 0.2350037 * 0.2287842, within(1e-3));
    }

    @Test
    void aTrainedModelEvaluatesFromManyThreadsAtOnce() throws Exception {
        Random rng = new Random(3);
        Sequential model = new Sequential(new Affine(6, 8), new BatchNorm(8), new ReLU(), new Dropout(0.5f),
                new Affine(8, 3), new Softmax());
        model.forward(Tensor.rand(rng, -1f, 1f, 16, 6), true);  // running statistics move off their start
        Tensor x = Tensor.rand(rng, -1f, 1f, 32, 6);
        float[] expected = model.forward(x, false).toArray();
        Map<String, float[]> state = new HashMap<>();
        model.stateDict().forEach((k, v) -> state.put(k, v.toArray()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> model.forward(x, false).toArray()));
            }
            for (Future<float[]> r : results) {
                assertThat(r.get()).containsExactly(expected);
            }
        } finally {
            pool.shutdown();
        }
        model.stateDict().forEach((k, v) -> assertThat(v.toArray()).as(k).containsExactly(state.get(k)));
    }
}
