package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class InstanceNormTest {

    @Test
    void normalisesEachPlaneOnItsOwn() {
        Tensor x = Tensor.randn(new Random(1), -2f, 3f, 2, 3, 2, 3);
        Tensor y = new InstanceNorm(3).forward(x, true);
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                double mean = 0;
                double sq = 0;
                for (int i = 0; i < 6; i++) {
                    mean += y.get(n, c, i / 3, i % 3) / 6.0;
                    sq += Math.pow(y.get(n, c, i / 3, i % 3), 2) / 6.0;
                }
                assertThat(mean).isCloseTo(0, within(1e-6));
                assertThat(sq).isCloseTo(1, within(1e-4));
            }
        }
    }

    @Test
    void passesGradientCheck() {
        Random rng = new Random(2);
        InstanceNorm in = new InstanceNorm(2);
        in.gamma().value().data()[1] = 1.7f;
        in.beta().value().data()[0] = -0.4f;
        GradientCheck.layer(in, Tensor.rand(rng, -1f, 1f, 2, 2, 3, 3)).assertPasses();
    }

    @Test
    void trainingAndEvaluationAgreeAndShapesAreChecked() {
        Tensor x = Tensor.rand(new Random(3), -1f, 1f, 2, 2, 2, 2);
        InstanceNorm in = new InstanceNorm(2);
        assertThat(in.forward(x, false).toArray()).containsExactly(in.forward(x, true).toArray());
        assertThatThrownBy(() -> in.forward(Tensor.ones(2, 2, 1, 1), false)).isInstanceOf(KisoException.class)
                .hasMessageContaining("H·W > 1");
        assertThatThrownBy(() -> in.forward(Tensor.ones(2, 3, 2, 2), false)).isInstanceOf(KisoException.class)
                .hasMessageContaining("[2, 3, 2, 2]");
    }

    @Test
    void matchesPyTorch() {
        var ref = NnTesting.parity("instancenorm2d");
        InstanceNorm in = new InstanceNorm(3);
        NnTesting.load(in.gamma().value(), ref.tensor("gamma"));
        NnTesting.load(in.beta().value(), ref.tensor("beta"));
        NnTesting.assertLayerParity(in, ref);
        NnTesting.assertParity("dgamma", in.gamma().grad(), ref.tensor("dgamma"));
        NnTesting.assertParity("dbeta", in.beta().grad(), ref.tensor("dbeta"));
        NnTesting.assertParity("y (eval)", in.forward(ref.tensor("x"), false), ref.tensor("y"));
    }
}
