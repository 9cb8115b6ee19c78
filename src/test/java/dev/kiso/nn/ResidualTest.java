package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static dev.kiso.nn.ConvReference.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResidualTest {

    @Test
    void identityShortcutAddsTheInput() {
        Random rng = new Random(51);
        Conv2D conv = new Conv2D(2, 2, 3, 1, 1);
        Residual res = new Residual(conv);
        Tensor x = random(rng, 2, 2, 5, 5);
        float[] y = res.forward(x, false).toArray();
        float[] fx = conv.forward(x, false).toArray();
        float[] xs = x.toArray();
        for (int i = 0; i < y.length; i++) {
            assertThat(y[i]).isEqualTo(fx[i] + xs[i]);
        }
    }

    @Test
    void aBlockThatReturnsItsInputDoublesIt() {
        // An empty Sequential hands back x itself: the sum must not be written into x.
        Tensor x = Tensor.of(new float[] {1, -2, 3, 4}, 1, 1, 2, 2);
        Residual res = new Residual(new Sequential());
        assertThat(res.forward(x, true).toArray()).containsExactly(2, -4, 6, 8);
        assertThat(x.toArray()).containsExactly(1, -2, 3, 4);
        assertThat(res.backward(Tensor.ones(1, 1, 2, 2)).toArray()).containsExactly(2, 2, 2, 2);
    }

    @Test
    void identityShortcutGradientMatchesFiniteDifferences() {
        Random rng = new Random(52);
        Residual res = new Residual(new Sequential(new Conv2D(2, 3, 3, 1, 1), new AvgPool2D(3, 1, 1),
                Conv2D.builder(3, 2, 3).kernel(3, 1).padding(1, 0).build()));
        GradientCheck.layer(res, random(rng, 2, 2, 4, 5)).assertPasses();
    }

    @Test
    void projectionShortcutGradientMatchesFiniteDifferences() {
        Random rng = new Random(53);
        Residual res = Residual.projection(new Sequential(new Conv2D(2, 4, 3, 2, 1), new Conv2D(4, 4, 3, 1, 1)), 2, 4, 2);
        Tensor x = random(rng, 2, 2, 6, 5);
        Tensor y = res.forward(x, true);
        assertThat(y.shape()).containsExactly(2, 4, 3, 3);
        GradientCheck.layer(res, x).assertPasses();
    }

    @Test
    void projectionWithBatchNorm() {
        Random rng = new Random(54);
        Residual res = Residual.projectionWithBatchNorm(new Conv2D(2, 4, 3, 2, 1), 2, 4, 2);
        assertThat(res.stateDict().keySet()).containsExactly("block.weight", "block.bias", "shortcut.0.weight",
                "shortcut.1.weight", "shortcut.1.bias", "shortcut.1.running_mean", "shortcut.1.running_var");
        assertThat(res.buffers().keySet()).containsExactly("shortcut.1.running_mean", "shortcut.1.running_var");
        Tensor x = random(rng, 3, 2, 6, 6);
        assertThat(res.forward(x, true).shape()).containsExactly(3, 4, 3, 3);
        GradientCheck.layer(res, x).assertPasses();
    }

    @Test
    void namesAndSpecPrefixTheChildren() {
        Residual res = Residual.projection(new Sequential(new Conv2D(2, 4, 3, 2, 1), new Conv2D(4, 4, 3, 1, 1)), 2, 4, 2);
        assertThat(res.stateDict().keySet()).containsExactly(
                "block.0.weight", "block.0.bias", "block.1.weight", "block.1.bias", "shortcut.weight");
        assertThat(res.parameters()).hasSize(5);
        Sequential model = new Sequential(new Conv2D(1, 2, 3, 1, 1), new Residual(new Conv2D(2, 2, 3, 1, 1)));
        assertThat(model.stateDict().keySet()).containsExactly("0.weight", "0.bias", "1.block.weight", "1.block.bias");
        assertThat(new Residual(new Conv2D(2, 2, 1)).toString()).isEqualTo(
                "Residual(shortcut=identity,\n"
                + "  (0): Conv2D(inChannels=2, outChannels=2, kernel=1x1, stride=1, padding=0, bias=true)\n)");
        assertThat(res.spec().children()).hasSize(2);
        assertThat(res.spec().children().get(1).toString())
                .isEqualTo("Conv2D(inChannels=2, outChannels=4, kernel=1x1, stride=2, padding=0, bias=false)");
    }

    @Test
    void initializeReachesBothPaths() {
        Residual res = Residual.projection(new Conv2D(2, 4, 3, 2, 1), 2, 4, 2);
        float[] before = ((Conv2D) res.shortcut()).weight().value().toArray();
        res.initialize(new Random(5));
        assertThat(((Conv2D) res.shortcut()).weight().value().toArray()).isNotEqualTo(before);
    }

    @Test
    void mismatchedPathsAndMissingForwardAreReported() {
        Residual res = new Residual(new Conv2D(2, 3, 3, 1, 1));
        assertThatThrownBy(() -> res.forward(Tensor.zeros(1, 2, 5, 5), false))
                .isInstanceOf(KisoException.class).hasMessageContaining("Residual")
                .hasMessageContaining("[1, 3, 5, 5]").hasMessageContaining("[1, 2, 5, 5]");
        Residual ok = new Residual(new Conv2D(2, 2, 3, 1, 1));
        ok.forward(Tensor.zeros(1, 2, 5, 5), false);
        assertThatThrownBy(() -> ok.backward(Tensor.zeros(1, 2, 5, 5)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("training");
    }
}
