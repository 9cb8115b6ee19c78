package dev.kiso.optim;

import dev.kiso.KisoException;
import dev.kiso.nn.Parameter;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptimizerTest {

    @Test
    void aParameterInsideALargerArrayIsUpdatedLikeItsOwnCopy() {
        // the view: elements 3..8 of a 12-element array; its neighbours must stay as they are
        float[] big = new float[12];
        for (int i = 0; i < big.length; i++) {
            big[i] = 0.1f * i - 0.4f;
        }
        Parameter view = new Parameter("view", Tensor.of(big, 12).slice(0, 3, 9), true);
        Parameter own = new Parameter("own", Tensor.of(java.util.Arrays.copyOfRange(big, 3, 9), 6), true);
        for (Optimizer opt : List.of(new Adam(0.01), new RMSProp(0.01))) {
            Optimizer twin = opt instanceof Adam ? new Adam(0.01) : new RMSProp(0.01);
            for (int step = 0; step < 3; step++) {
                for (int i = 0; i < 6; i++) {
                    view.grad().data()[view.grad().offset() + i] = (i - 2.5f) * (step + 1);
                    own.grad().data()[i] = (i - 2.5f) * (step + 1);
                }
                opt.step(List.of(view));
                twin.step(List.of(own));
            }
        }
        assertThat(view.value().toArray()).containsExactly(own.value().toArray());
        assertThat(big[2]).isEqualTo(0.1f * 2 - 0.4f);
        assertThat(big[9]).isEqualTo(0.1f * 9 - 0.4f);
    }

    @Test
    void aNewLearningRateActsFromTheNextStep() {
        Parameter p = new Parameter("w", Tensor.of(new float[] {1f, 2f}, 2), true);
        p.grad().data()[0] = 1f;
        p.grad().data()[1] = -2f;
        SGD sgd = new SGD(0.5);
        sgd.step(List.of(p));
        sgd.setLearningRate(0.25);
        sgd.step(List.of(p));
        // w − 0.5·g − 0.25·g
        assertThat(p.value().toArray()).containsExactly(1f - 0.75f, 2f + 1.5f);
    }

    @Test
    void momentumFollowsTheCourseFormWhenTheRateChanges() {
        // v ← μv − ηg: the velocity keeps the old rate's contribution.
        Parameter p = new Parameter("w", Tensor.of(new float[] {0f}, 1), true);
        p.grad().data()[0] = 1f;
        Momentum m = new Momentum(1.0, 0.5);
        m.step(List.of(p));            // v = −1, w = −1
        m.setLearningRate(0.5);
        m.step(List.of(p));            // v = −0.5 − 0.5 = −1, w = −2
        assertThat(p.value().toArray()).containsExactly(-2f);
        assertThat(m.stateOf(p, 0)).containsExactly(-1f);
    }

    @Test
    void badHyperParametersAreRejectedWithTheirName() {
        assertThatThrownBy(() -> new SGD(0)).isInstanceOf(KisoException.class).hasMessageContaining("SGD").hasMessageContaining("learning rate");
        assertThatThrownBy(() -> new Momentum(0.1, 1.0)).isInstanceOf(KisoException.class).hasMessageContaining("momentum");
        assertThatThrownBy(() -> new Adam(1e-3, 0.9, 1.2, 1e-8)).isInstanceOf(KisoException.class).hasMessageContaining("beta2");
        assertThatThrownBy(() -> new AdaGrad(0.1, 0)).isInstanceOf(KisoException.class).hasMessageContaining("eps");
        assertThatThrownBy(() -> new AdamW(0.1, -1)).isInstanceOf(KisoException.class).hasMessageContaining("weightDecay");
        assertThatThrownBy(() -> new SGD(0.1).setLearningRate(Double.NaN)).isInstanceOf(KisoException.class);
    }

    @Test
    void printsItsHyperParameters() {
        assertThat(new Adam()).hasToString("Adam(lr=0.001, betas=(0.9, 0.999), eps=1.0E-8)");
        assertThat(new AdamW(0.01)).hasToString("AdamW(lr=0.01, betas=(0.9, 0.999), eps=1.0E-8, weight_decay=0.01)");
        assertThat(new AdaGrad(0.1)).hasToString("AdaGrad(lr=0.1, eps=1.0E-7)");
    }
}
