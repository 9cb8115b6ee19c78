package dev.kiso.nn;

import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GradientCheckTest {

    /** y = x², with a backward that is wrong by a factor when {@code factor != 2}. */
    private static final class Square implements Layer {
        private final float factor;
        private Tensor x;

        Square(float factor) {
            this.factor = factor;
        }

        @Override
        public Tensor forward(Tensor x, boolean training) {
            float[] v = x.toArray();
            for (int i = 0; i < v.length; i++) {
                v[i] *= v[i];
            }
            if (training) {
                this.x = x.copy();
            }
            return Tensor.of(v, x.shape());
        }

        @Override
        public Tensor backward(Tensor dout) {
            float[] d = dout.toArray();
            float[] xs = x.toArray();
            for (int i = 0; i < d.length; i++) {
                d[i] *= factor * xs[i];
            }
            return Tensor.of(d, dout.shape());
        }
    }

    @Test
    void passesACorrectBackwardAndFailsAWrongOne() {
        Tensor x = Tensor.rand(new Random(1), -1f, 1f, 3, 4);
        GradientCheckReport good = GradientCheck.layer(new Square(2f), x);
        assertThat(good.passed()).as(good.toString()).isTrue();
        assertThat(good.result("x").absError()).isLessThan(1e-4);

        GradientCheckReport bad = GradientCheck.layer(new Square(2.1f), x);
        assertThat(bad.passed()).isFalse();
        assertThatThrownBy(bad::assertPasses).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("FAIL").hasMessageContaining("x");
    }

    @Test
    void catchesAWrongParameterGradientAndNamesIt() {
        Affine affine = new Affine(3, 2);
        Layer brokenBias = new Layer() {
            @Override
            public Tensor forward(Tensor x, boolean training) {
                return affine.forward(x, training);
            }

            @Override
            public Tensor backward(Tensor dout) {
                Tensor dx = affine.backward(dout);
                affine.bias().grad().data()[1] += 0.5f;
                return dx;
            }

            @Override
            public List<Parameter> parameters() {
                return affine.parameters();
            }
        };
        GradientCheckReport report = GradientCheck.layer(brokenBias, Tensor.rand(new Random(2), -1f, 1f, 4, 3));
        assertThat(report.result("x").passed()).isTrue();
        assertThat(report.result("weight").passed()).isTrue();
        assertThat(report.result("bias").passed()).isFalse();
        assertThat(report.result("bias").worstIndex()).containsExactly(1);
        assertThat(report.result("bias").absError()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-3));
    }

    @Test
    void samplesLargeTensorsAndNamesParametersLikeTheStateDict() {
        Sequential model = new Sequential(new Affine(30, 20), new Tanh(), new Affine(20, 4));
        GradientCheckReport report = new GradientCheck().maxSamples(10)
                .check(model, Tensor.rand(new Random(3), -1f, 1f, 5, 30));
        assertThat(report.results()).extracting(GradientCheckReport.TensorResult::name)
                .containsExactly("x", "0.weight", "0.bias", "2.weight", "2.bias");
        assertThat(report.result("0.weight").checked()).isEqualTo(10);
        assertThat(report.result("2.bias").checked()).isEqualTo(4);
        report.assertPasses();
        assertThat(report.toString()).contains("0.weight").contains("[30, 20]").contains("ok");
    }

    @Test
    void refusesALayerThatIsRandomAtEveryForward() {
        Random rng = new Random(4);
        Layer noisy = new Layer() {
            @Override
            public Tensor forward(Tensor x, boolean training) {
                return Tensor.randn(rng, 0f, 1f, x.shape());
            }

            @Override
            public Tensor backward(Tensor dout) {
                return dout;
            }
        };
        assertThatThrownBy(() -> GradientCheck.layer(noisy, Tensor.ones(2, 2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("random");
    }

    @Test
    void checksAModelTogetherWithItsLoss() {
        Random rng = new Random(5);
        Sequential model = new Sequential(new Affine(6, 5), new Sigmoid(), new Affine(5, 3));
        Tensor x = Tensor.rand(rng, -1f, 1f, 4, 6);
        Tensor t = Tensor.of(new float[] {0, 2, 1, 2}, 4);
        GradientCheckReport report = new GradientCheck().check(model, new SoftmaxCrossEntropy(), x, t);
        report.assertPasses();
        assertThat(report.results()).hasSize(5);
    }
}
