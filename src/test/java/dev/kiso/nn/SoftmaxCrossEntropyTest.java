package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.io.SafeTensorsFile;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SoftmaxCrossEntropyTest {

    @Test
    void matchesPyTorchWithClassIndices() {
        checkParity(NnTesting.parity("softmax_cross_entropy"));
    }

    @Test
    void matchesPyTorchWithOneHotTargets() {
        checkParity(NnTesting.parity("softmax_cross_entropy_onehot"));
    }

    private static void checkParity(SafeTensorsFile ref) {
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        float value = loss.forward(ref.tensor("x"), ref.tensor("t"));
        NnTesting.assertParity("loss", Tensor.of(new float[] {value}, 1), ref.tensor("loss"));
        NnTesting.assertParity("softmax", loss.probabilities(), ref.tensor("y"));
        NnTesting.assertParity("dx", loss.backward(), ref.tensor("dx"));
    }

    @Test
    void logitsOfPlusMinusAThousandStayFinite() {
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        Tensor y = Tensor.of(new float[] {1000f, -1000f, 0f, -1000f, 1000f, 0f}, 2, 3);
        float value = loss.forward(y, Tensor.of(new float[] {1, 1}, 2));
        assertThat(value).isCloseTo(1000f, within(1e-3f));  // row 0 is wrong by 2000, row 1 right: (2000 + 0)/2
        for (float g : loss.backward().toArray()) {
            assertThat(g).isFinite();
        }
        assertThat(loss.backward().get(0, 0)).isEqualTo(0.5f);
        assertThat(loss.backward().get(0, 1)).isEqualTo(-0.5f);
    }

    @Test
    void passesGradientCheckWithBothKindsOfTarget() {
        Random rng = new Random(1);
        Tensor y = Tensor.rand(rng, -2f, 2f, 3, 4);
        GradientCheck.loss(new SoftmaxCrossEntropy(), y, Tensor.of(new float[] {3, 0, 1}, 3)).assertPasses();
        Tensor soft = Tensor.of(new float[] {0.2f, 0.3f, 0.5f, 0f, 1, 0, 0, 0, 0, 0, 0.5f, 0.5f}, 3, 4);
        GradientCheck.loss(new SoftmaxCrossEntropy(), y, soft).assertPasses();
    }

    @Test
    void rejectsBadLabelsAndShapes() {
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        Tensor y = Tensor.zeros(2, 3);
        assertThatThrownBy(() -> loss.forward(y, Tensor.of(new float[] {0, 3}, 2))).isInstanceOf(KisoException.class)
                .hasMessageContaining("label 3.0").hasMessageContaining("[0, 3)");
        assertThatThrownBy(() -> loss.forward(y, Tensor.of(new float[] {0, 1.5f}, 2))).isInstanceOf(KisoException.class);
        assertThatThrownBy(() -> loss.forward(y, Tensor.zeros(3))).isInstanceOf(KisoException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("[3]");
        assertThatThrownBy(() -> loss.forward(Tensor.zeros(6), Tensor.zeros(6))).isInstanceOf(KisoException.class)
                .hasMessageContaining("[N, C]");
        assertThatThrownBy(() -> new SoftmaxCrossEntropy().backward()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("forward(y, t)");
        assertThatThrownBy(() -> new SoftmaxCrossEntropy().probabilities()).isInstanceOf(IllegalStateException.class);
    }
}
