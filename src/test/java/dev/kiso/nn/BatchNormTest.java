package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BatchNormTest {

    @Test
    void normalisesEachChannelOverBatchAndSpaceAndUpdatesRunningStatisticsLikeTorch() {
        Random rng = new Random(1);
        Tensor x = Tensor.randn(rng, 2f, 3f, 3, 2, 2, 2);
        BatchNorm bn = new BatchNorm(2);
        bn.gamma().value().data()[1] = 2f;
        bn.beta().value().data()[1] = -1f;
        Tensor y = bn.forward(x, true);
        for (int c = 0; c < 2; c++) {
            double sum = 0;
            double sq = 0;
            for (int n = 0; n < 3; n++) {
                for (int h = 0; h < 2; h++) {
                    for (int w = 0; w < 2; w++) {
                        sum += x.get(n, c, h, w);
                    }
                }
            }
            double mean = sum / 12;
            for (int n = 0; n < 3; n++) {
                for (int h = 0; h < 2; h++) {
                    for (int w = 0; w < 2; w++) {
                        sq += Math.pow(x.get(n, c, h, w) - mean, 2);
                    }
                }
            }
            double var = sq / 12;
            double g = c == 0 ? 1 : 2;
            double b = c == 0 ? 0 : -1;
            assertThat((double) y.get(2, c, 1, 0))
                    .isCloseTo(g * (x.get(2, c, 1, 0) - mean) / Math.sqrt(var + 1e-5) + b, within(1e-5));
            assertThat((double) bn.runningMean().get(c)).isCloseTo(0.1 * mean, within(1e-6));
            assertThat((double) bn.runningVar().get(c)).isCloseTo(0.9 + 0.1 * var * 12 / 11, within(1e-5));
        }
    }

    @Test
    void passesGradientCheckOn2DAnd4DInputWithoutChangingRunningStatistics() {
        Random rng = new Random(2);
        BatchNorm bn1 = new BatchNorm(3);
        bn1.gamma().value().data()[0] = 1.5f;
        bn1.beta().value().data()[2] = 0.3f;
        GradientCheck.layer(bn1, Tensor.rand(rng, -1f, 1f, 4, 3)).assertPasses();
        assertThat(bn1.runningMean().toArray()).containsOnly(0f);
        assertThat(bn1.runningVar().toArray()).containsOnly(1f);
        GradientCheck.layer(new BatchNorm(2), Tensor.rand(rng, -1f, 1f, 2, 2, 3, 3)).assertPasses();
    }

    @Test
    void evaluationUsesRunningStatisticsAndMutatesNothing() {
        BatchNorm bn = new BatchNorm(2);
        bn.forward(Tensor.randn(new Random(3), 1f, 2f, 5, 2), true);
        Map<String, float[]> before = snapshot(bn);
        Tensor x = Tensor.of(new float[] {1f, 2f}, 1, 2);
        Tensor y = bn.forward(x, false);
        for (int c = 0; c < 2; c++) {
            double expected = (x.get(0, c) - bn.runningMean().get(c)) / Math.sqrt(bn.runningVar().get(c) + 1e-5);
            assertThat((double) y.get(0, c)).isCloseTo(expected, within(1e-6));
        }
        Map<String, float[]> after = snapshot(bn);
        before.forEach((k, v) -> assertThat(after.get(k)).as(k).containsExactly(v));
    }

    private static Map<String, float[]> snapshot(BatchNorm bn) {
        return Map.of("weight", bn.gamma().value().toArray(), "bias", bn.beta().value().toArray(),
                "running_mean", bn.runningMean().toArray(), "running_var", bn.runningVar().toArray());
    }

    @Test
    void namesStateLikeTorchAndDoesNotRegularize() {
        BatchNorm bn = new BatchNorm(4);
        assertThat(bn.stateDict()).containsOnlyKeys("weight", "bias", "running_mean", "running_var");
        assertThat(bn.buffers()).containsOnlyKeys("running_mean", "running_var");
        assertThat(bn.runningVar().toArray()).containsOnly(1f);
        assertThat(bn.parameters()).noneMatch(Parameter::regularized);
        assertThat(bn.toString()).isEqualTo("BatchNorm(numFeatures=4, eps=1.0E-5, momentum=0.1)");
    }

    @Test
    void rejectsWrongShapesAndASingleValuePerChannel() {
        BatchNorm bn = new BatchNorm(3);
        assertThatThrownBy(() -> bn.forward(Tensor.ones(2, 4), true)).isInstanceOf(KisoException.class)
                .hasMessageContaining("BatchNorm").hasMessageContaining("[N, 3]").hasMessageContaining("[2, 4]");
        assertThatThrownBy(() -> bn.forward(Tensor.ones(1, 3), true)).isInstanceOf(KisoException.class)
                .hasMessageContaining("more than one value");
        assertThatThrownBy(() -> bn.backward(Tensor.ones(2, 3))).isInstanceOf(IllegalStateException.class);
        assertThat(bn.forward(Tensor.ones(1, 3), false).shape()).containsExactly(1, 3);
    }

    @Test
    void matchesPyTorchBatchNorm1d() {
        checkParity(new BatchNorm(6), NnTesting.parity("batchnorm1d"), 1e-5);
    }

    @Test
    void matchesPyTorchBatchNorm2d() {
        checkParity(new BatchNorm(3), NnTesting.parity("batchnorm2d"), 2e-5);
    }

    /** Train forward and backward, the running statistics (torch's, not the biased variant), then eval. */
    private static void checkParity(BatchNorm bn, dev.kiso.io.SafeTensorsFile ref, double atol) {
        NnTesting.load(bn.gamma().value(), ref.tensor("gamma"));
        NnTesting.load(bn.beta().value(), ref.tensor("beta"));
        assertThat(bn.runningMean().toArray()).containsExactly(ref.tensor("running_mean_init").toArray());
        assertThat(bn.runningVar().toArray()).containsExactly(ref.tensor("running_var_init").toArray());
        NnTesting.assertClose("y", bn.forward(ref.tensor("x"), true), ref.tensor("y"), atol, 1e-4);
        NnTesting.assertClose("dx", bn.backward(ref.tensor("dout")), ref.tensor("dx"), atol, 1e-4);
        NnTesting.assertClose("dgamma", bn.gamma().grad(), ref.tensor("dgamma"), atol, 1e-4);
        NnTesting.assertClose("dbeta", bn.beta().grad(), ref.tensor("dbeta"), atol, 1e-4);
        NnTesting.assertParity("running_mean", bn.runningMean(), ref.tensor("running_mean"));
        NnTesting.assertParity("running_var", bn.runningVar(), ref.tensor("running_var"));
        assertThat(bn.runningVar().allClose(ref.tensor("running_var_if_biased"), 1e-4f, 1e-5f))
                .as("running_var must use the unbiased variance, not the biased one").isFalse();
        NnTesting.assertClose("y_eval", bn.forward(ref.tensor("x_eval"), false), ref.tensor("y_eval"), atol, 1e-4);
    }

    @Test
    void initializeResetsScaleShiftAndRunningStatistics() {
        BatchNorm bn = new BatchNorm(2);
        bn.forward(Tensor.randn(new Random(4), 3f, 2f, 6, 2), true);
        bn.gamma().value().data()[0] = 5f;
        bn.beta().value().data()[1] = 5f;
        new Sequential(bn);
        assertThat(bn.gamma().value().toArray()).containsOnly(1f);
        assertThat(bn.beta().value().toArray()).containsOnly(0f);
        assertThat(bn.runningMean().toArray()).containsOnly(0f);
        assertThat(bn.runningVar().toArray()).containsOnly(1f);
    }
}
