package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LayerNormTest {

    @Test
    void normalisesEachSampleOverItsTrailingDimensions() {
        Tensor x = Tensor.randn(new Random(1), 3f, 2f, 2, 3, 2);
        Tensor y = new LayerNorm(3, 2).forward(x, false);
        for (int n = 0; n < 2; n++) {
            double mean = 0;
            double sq = 0;
            for (int i = 0; i < 6; i++) {
                mean += y.get(n, i / 2, i % 2) / 6.0;
                sq += Math.pow(y.get(n, i / 2, i % 2), 2) / 6.0;
            }
            assertThat(mean).isCloseTo(0, within(1e-6));
            assertThat(sq).isCloseTo(1, within(1e-4));  // var/(var + eps)
        }
    }

    @Test
    void passesGradientCheckWithElementwiseGammaAndBeta() {
        Random rng = new Random(2);
        LayerNorm ln = new LayerNorm(2, 3);
        for (int i = 0; i < 6; i++) {
            ln.gamma().value().data()[i] = 0.5f + rng.nextFloat();
            ln.beta().value().data()[i] = rng.nextFloat() - 0.5f;
        }
        GradientCheck.layer(ln, Tensor.rand(rng, -1f, 1f, 3, 2, 3)).assertPasses();
        GradientCheck.layer(new LayerNorm(5), Tensor.rand(rng, -1f, 1f, 4, 5)).assertPasses();
    }

    @Test
    void parametersHaveTheNormalizedShapeAndTheSpecRebuildsIt() {
        LayerNorm ln = new LayerNorm(3, 4, 4);
        assertThat(ln.gamma().value().shape()).containsExactly(3, 4, 4);
        assertThat(ln.toString()).isEqualTo("LayerNorm(normalizedShape=3x4x4, eps=1.0E-5)");
        assertThatThrownBy(() -> ln.forward(Tensor.ones(2, 3, 4, 5), false)).isInstanceOf(KisoException.class)
                .hasMessageContaining("[..., 3, 4, 4]").hasMessageContaining("[2, 3, 4, 5]");
    }

    @Test
    void matchesPyTorchOverTheLastAxis() {
        checkParity(new LayerNorm(6), NnTesting.parity("layernorm"));
    }

    @Test
    void matchesPyTorchOverChannelsAndSpaceWithElementwiseGamma() {
        checkParity(new LayerNorm(3, 4, 4), NnTesting.parity("layernorm_chw"));
    }

    private static void checkParity(LayerNorm ln, dev.kiso.io.SafeTensorsFile ref) {
        NnTesting.load(ln.gamma().value(), ref.tensor("gamma"));
        NnTesting.load(ln.beta().value(), ref.tensor("beta"));
        NnTesting.assertLayerParity(ln, ref);
        NnTesting.assertParity("dgamma", ln.gamma().grad(), ref.tensor("dgamma"));
        NnTesting.assertParity("dbeta", ln.beta().grad(), ref.tensor("dbeta"));
    }
}
