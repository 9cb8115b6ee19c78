package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.nn.init.Normal;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AffineTest {

    @Test
    void forwardMatchesANaiveLoop() {
        Random rng = new Random(1);
        Affine affine = new Affine(5, 3);
        Tensor b = Tensor.randn(rng, 0f, 1f, 3);
        System.arraycopy(b.data(), 0, affine.bias().value().data(), 0, 3);
        Tensor x = Tensor.randn(rng, 0f, 1f, 4, 5);
        Tensor y = affine.forward(x, true);
        Tensor w = affine.weight().value();
        for (int n = 0; n < 4; n++) {
            for (int j = 0; j < 3; j++) {
                double sum = b.get(j);
                for (int i = 0; i < 5; i++) {
                    sum += (double) x.get(n, i) * w.get(i, j);
                }
                assertThat((double) y.get(n, j)).isCloseTo(sum, within(1e-5));
            }
        }
    }

    @Test
    void passesGradientCheckOn2DAnd4DInput() {
        Random rng = new Random(2);
        Affine affine = new Affine(6, 4);
        GradientCheck.layer(affine, Tensor.rand(rng, -1f, 1f, 3, 6)).assertPasses();
        Affine conv = new Affine(2 * 2 * 3, 5);
        GradientCheck.layer(conv, Tensor.rand(rng, -1f, 1f, 2, 3, 2, 2)).assertPasses();
    }

    @Test
    void flattensFourDimensionalInputAndRestoresItsShapeInBackward() {
        Affine affine = new Affine(12, 2);
        Tensor x = Tensor.rand(new Random(3), -1f, 1f, 2, 3, 2, 2);
        Tensor y = affine.forward(x, true);
        assertThat(y.shape()).containsExactly(2, 2);
        assertThat(affine.backward(Tensor.ones(2, 2)).shape()).containsExactly(2, 3, 2, 2);
        assertThat(y.toArray()).containsExactly(affine.forward(x.reshape(2, 12), false).toArray());
    }

    @Test
    void wrongInputShapeNamesLayerExpectedAndFound() {
        assertThatThrownBy(() -> new Affine(4, 3).forward(Tensor.ones(2, 5), false))
                .isInstanceOf(KisoException.class)
                .hasMessageContaining("Affine(in=4, out=3)").hasMessageContaining("[N, 4]").hasMessageContaining("[2, 5]");
    }

    @Test
    void backwardBeforeForwardIsAnError() {
        assertThatThrownBy(() -> new Affine(4, 3).backward(Tensor.ones(2, 3)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("forward(x, true)");
    }

    @Test
    void reusesTrainingBuffersButEvaluationAllocatesAndLeavesThemAlone() {
        Affine affine = new Affine(3, 2);
        Tensor x = Tensor.ones(4, 3);
        Tensor y1 = affine.forward(x, true);
        float[] before = y1.toArray();
        Tensor y2 = affine.forward(x, true);
        assertThat(y2.data()).isSameAs(y1.data());
        Tensor yEval = affine.forward(Tensor.zeros(4, 3), false);
        assertThat(yEval.data()).isNotSameAs(y1.data());
        assertThat(y1.toArray()).containsExactly(before);
    }

    @Test
    void defaultInitialisationIsHeNormalWithZeroBiasAndMatchesASequentialsSeed() {
        Affine alone = new Affine(400, 50);
        float[] w = alone.weight().value().toArray();
        double sumSq = 0;
        for (float v : w) {
            sumSq += v * v;
        }
        assertThat(Math.sqrt(sumSq / w.length)).isCloseTo(Math.sqrt(2.0 / 400), within(0.003));
        assertThat(alone.bias().value().toArray()).containsOnly(0f);
        Affine inModel = new Affine(400, 50);
        inModel.weight().value().data()[0] = 123f;
        new Sequential(inModel);
        assertThat(inModel.weight().value().toArray()).containsExactly(w);
    }

    @Test
    void specNamesHyperParametersAndParametersAreNamedLikeTorch() {
        assertThat(new Affine(784, 100).toString()).isEqualTo("Affine(in=784, out=100)");
        assertThat(new Affine(2, 3, new Normal(0.01f)).spec().get("init")).isEqualTo("Normal(std=0.01)");
        Affine affine = new Affine(2, 3);
        assertThat(affine.parameters()).extracting(Parameter::name).containsExactly("weight", "bias");
        assertThat(affine.weight().regularized()).isTrue();
        assertThat(affine.bias().regularized()).isFalse();
        assertThat(affine.stateDict()).containsOnlyKeys("weight", "bias");
    }

    @Test
    void matchesPyTorch() {
        var ref = NnTesting.parity("affine");
        Affine affine = new Affine(5, 3);
        NnTesting.load(affine.weight().value(), ref.tensor("W"));
        NnTesting.load(affine.bias().value(), ref.tensor("b"));
        NnTesting.assertLayerParity(affine, ref);
        NnTesting.assertParity("dW", affine.weight().grad(), ref.tensor("dW"));
        NnTesting.assertParity("db", affine.bias().grad(), ref.tensor("db"));
    }

    @Test
    void acceptsATransposedViewAsInput() {
        Affine affine = new Affine(3, 2);
        Tensor xt = Tensor.rand(new Random(4), -1f, 1f, 3, 5).t();  // [5, 3], not contiguous
        Tensor y = affine.forward(xt, true);
        assertThat(y.toArray()).containsExactly(affine.forward(xt.contiguous(), false).toArray());
        assertThat(affine.backward(Tensor.ones(5, 2)).shape()).containsExactly(5, 3);
    }
}
