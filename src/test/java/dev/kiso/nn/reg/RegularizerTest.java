package dev.kiso.nn.reg;

import dev.kiso.KisoException;
import dev.kiso.nn.Parameter;
import dev.kiso.optim.SGD;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RegularizerTest {

    private static Parameter weight(long seed, int n) {
        Parameter p = new Parameter("weight", Tensor.randn(new Random(seed), 0f, 1f, n), true);
        float[] g = p.grad().data();
        for (int i = 0; i < n; i++) {
            g[i] = 0.01f * i;
        }
        return p;
    }

    @Test
    void gradientsMatchCentralDifferencesOfThePenalty() {
        for (Regularizer r : List.of(new L1(0.3), new L2(0.7), new ElasticNet(0.2, 0.5))) {
            Parameter p = weight(1, 6);
            float[] w = p.value().data();
            float[] g0 = p.grad().toArray();
            r.addGradients(List.of(p));
            double h = 1e-3;
            for (int i = 0; i < w.length; i++) {
                assertThat(Math.abs(w[i])).isGreaterThan(10 * (float) h); // away from L1's kink
                float keep = w[i];
                w[i] = (float) (keep + h);
                double up = r.penalty(List.of(p));
                w[i] = (float) (keep - h);
                double down = r.penalty(List.of(p));
                w[i] = keep;
                double numeric = (up - down) / (w[i] + h - (w[i] - h));
                assertThat((double) (p.grad().data()[i] - g0[i])).as("%s element %d", r, i)
                        .isCloseTo(numeric, within(1e-3 + 1e-2 * Math.abs(numeric)));
            }
        }
    }

    @Test
    void unregularizedParametersAreSkipped() {
        Parameter bias = new Parameter("bias", Tensor.of(new float[] {1f, -2f}, 2), false);
        Regularizer r = new ElasticNet(1, 1);
        assertThat(r.penalty(List.of(bias))).isZero();
        r.addGradients(List.of(bias));
        assertThat(bias.grad().toArray()).containsExactly(0f, 0f);
    }

    @Test
    void zeroStrengthChangesNothingEvenForNonFiniteWeights() {
        Parameter p = new Parameter("weight", Tensor.of(new float[] {Float.POSITIVE_INFINITY, -0f, 3f}, 3), true);
        for (Regularizer r : List.of(new L1(0), new L2(0), new ElasticNet(0, 0), Regularizer.none())) {
            assertThat(r.penalty(List.of(p))).isZero();
            r.addGradients(List.of(p));
            assertThat(p.grad().toArray()).containsExactly(0f, 0f, 0f);
        }
    }

    @Test
    void l1GivesNoPushToAZeroWeight() {
        Parameter p = new Parameter("weight", Tensor.of(new float[] {0f, 2f, -3f}, 3), true);
        new L1(0.5).addGradients(List.of(p));
        assertThat(p.grad().toArray()).containsExactly(0f, 0.5f, -0.5f);
        assertThat(new L1(0.5).penalty(List.of(p))).isEqualTo(2.5);
    }

    @Test
    void strongL2DrivesWeightsToZero() {
        Parameter p = weight(2, 5);
        SGD sgd = new SGD(0.1);
        Regularizer r = new L2(5);
        for (int step = 0; step < 60; step++) {
            p.zeroGrad();
            r.addGradients(List.of(p));
            sgd.step(List.of(p));
        }
        // w ← w·(1 − ηλ) = w/2 per step.
        for (float w : p.value().toArray()) {
            assertThat(Math.abs(w)).isLessThan(1e-15f);
        }
    }

    @Test
    void negativeStrengthIsRejected() {
        assertThatThrownBy(() -> new L2(-1)).isInstanceOf(KisoException.class).hasMessageContaining("L2");
        assertThatThrownBy(() -> new ElasticNet(0.1, Double.NaN)).isInstanceOf(KisoException.class).hasMessageContaining("l2");
    }
}
