package dev.kiso.nn;

import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Layer#backwardParameters} sets exactly the gradients {@link Layer#backward} sets. */
class BackwardParametersTest {

    private static void assertSameGradients(Sequential model, Tensor x) {
        Random rng = new Random(9);
        Tensor y = model.forward(x, true);
        Tensor dout = Tensor.randn(rng, 0f, 1f, y.shape());
        model.backward(dout);
        List<Parameter> params = model.parameters();
        float[][] full = new float[params.size()][];
        for (int i = 0; i < full.length; i++) {
            full[i] = params.get(i).grad().toArray();
            params.get(i).zeroGrad();
        }
        model.forward(x, true);
        model.backwardParameters(dout);
        for (int i = 0; i < full.length; i++) {
            assertThat(params.get(i).grad().toArray()).as("gradient of parameter %d", i).isEqualTo(full[i]);
        }
    }

    @Test
    void perceptronBehindAFlatten() {
        Sequential model = new Sequential(new Flatten(), new Affine(12, 7), new ReLU(), new Affine(7, 3));
        assertSameGradients(model, Tensor.randn(new Random(1), 0f, 1f, 5, 3, 4));
    }

    @Test
    void convolutionFirst() {
        Sequential model = new Sequential(new Conv2D(1, 4, 3), new ReLU(), new MaxPool2D(2),
                new Flatten(), new Affine(4 * 3 * 3, 5));
        assertSameGradients(model, Tensor.randn(new Random(2), 0f, 1f, 6, 1, 8, 8));
    }

    @Test
    void aModelWithoutParametersDoesNothing() {
        Sequential model = new Sequential(new Flatten(), new ReLU());
        Tensor x = Tensor.randn(new Random(3), 0f, 1f, 2, 3);
        model.forward(x, true);
        model.backwardParameters(x);
        assertThat(model.parameters()).isEmpty();
    }
}
