package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DropoutTest {

    @Test
    void isInvertedWithAFixedMaskAndTheIdentityInEvaluation() {
        Dropout dropout = new Dropout(0.25f);
        Tensor mask = Tensor.of(new float[] {1, 0, 1, 1, 0, 1}, 2, 3);
        dropout.fixMask(mask);
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        float s = 1f / 0.75f;
        assertThat(dropout.forward(x, true).toArray()).containsExactly(s, 0, 3 * s, 4 * s, 0, 6 * s);
        assertThat(dropout.backward(Tensor.ones(2, 3)).toArray()).containsExactly(s, 0, s, s, 0, s);
        assertThat(dropout.forward(x, false).toArray()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void dropsAboutPAndIsSeeded() {
        Dropout a = new Dropout(0.3f, new Random(9));
        Dropout b = new Dropout(0.3f, new Random(9));
        a.forward(Tensor.ones(100, 100), true);
        b.forward(Tensor.ones(100, 100), true);
        float[] mask = a.mask().toArray();
        double kept = 0;
        for (float m : mask) {
            kept += m;
        }
        assertThat(kept / mask.length).isCloseTo(0.7, within(0.02));
        assertThat(b.mask().toArray()).containsExactly(mask);
        Dropout c = new Dropout(0.3f);
        c.initialize(new Random(1));
        c.forward(Tensor.ones(100, 100), true);
        assertThat(c.mask().toArray()).isNotEqualTo(mask);
    }

    @Test
    void itsOwnMasksAreJavaUtilRandomsNumbers() {
        // the default generator and the one initialize makes are SeededRandom: Random's numbers
        Dropout dropout = new Dropout(0.4f);
        dropout.forward(Tensor.ones(3, 50), true);
        assertThat(dropout.mask().toArray()).containsExactly(keepMask(new Random(Sequential.DEFAULT_SEED), 0.4f, 150));
        dropout.initialize(new Random(7));
        dropout.forward(Tensor.ones(3, 50), true);
        assertThat(dropout.mask().toArray()).containsExactly(keepMask(new Random(new Random(7).nextLong()), 0.4f, 150));
    }

    /** 1 where {@code rng.nextFloat() >= p}, else 0, for {@code n} draws. */
    private static float[] keepMask(Random rng, float p, int n) {
        float[] mask = new float[n];
        for (int i = 0; i < n; i++) {
            mask[i] = rng.nextFloat() >= p ? 1f : 0f;
        }
        return mask;
    }

    @Test
    void passesGradientCheckWithItsMaskHeldFixed() {
        Random rng = new Random(2);
        GradientCheck.layer(new Dropout(0.5f), Tensor.rand(rng, -1f, 1f, 4, 5)).assertPasses();
        Sequential model = new Sequential(new Affine(5, 6), new Dropout(0.5f), new Tanh(), new Affine(6, 2));
        GradientCheck.layer(model, Tensor.rand(rng, -1f, 1f, 3, 5)).assertPasses();
        assertThat(((Dropout) model.layers().get(1)).fixedMask()).isNull();
    }

    @Test
    void rejectsBadProbabilitiesAndMasks() {
        assertThatThrownBy(() -> new Dropout(1f)).isInstanceOf(KisoException.class).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> new Dropout(0.5f).fixMask(Tensor.full(0.5f, 2))).isInstanceOf(KisoException.class);
        Dropout d = new Dropout(0.5f);
        d.fixMask(Tensor.ones(2, 2));
        assertThatThrownBy(() -> d.forward(Tensor.ones(3, 2), true)).isInstanceOf(KisoException.class)
                .hasMessageContaining("[3, 2]");
        assertThatThrownBy(() -> new Dropout(0.5f).backward(Tensor.ones(2))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void matchesPyTorchWithTheStoredMask() {
        var ref = NnTesting.parity("dropout");
        Dropout dropout = new Dropout(0.5f);
        dropout.fixMask(ref.tensor("mask"));
        NnTesting.assertLayerParity(dropout, ref);
        NnTesting.assertParity("y_eval", dropout.forward(ref.tensor("x"), false), ref.tensor("y_eval"));
    }
}
