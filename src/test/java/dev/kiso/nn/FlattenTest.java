package dev.kiso.nn;

import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlattenTest {

    @Test
    void flattensEachSampleWithoutCopyingAndRestoresTheShape() {
        Tensor x = Tensor.arange(24).reshape(2, 3, 2, 2);
        Flatten flatten = new Flatten();
        Tensor y = flatten.forward(x, true);
        assertThat(y.shape()).containsExactly(2, 12);
        assertThat(y.data()).isSameAs(x.data());
        assertThat(flatten.backward(y).shape()).containsExactly(2, 3, 2, 2);
    }

    @Test
    void passesGradientCheckAndChecksDout() {
        Flatten flatten = new Flatten();
        GradientCheck.layer(flatten, Tensor.rand(new Random(1), -1f, 1f, 2, 2, 3)).assertPasses();
        flatten.forward(Tensor.ones(2, 3, 4), true);
        assertThatThrownBy(() -> flatten.backward(Tensor.ones(2, 13)))
                .isInstanceOf(dev.kiso.KisoException.class).hasMessageContaining("[2, 12]");
    }
}
