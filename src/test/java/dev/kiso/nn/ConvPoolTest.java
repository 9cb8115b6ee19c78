package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static dev.kiso.nn.NnTesting.awkward;
import static dev.kiso.nn.NnTesting.bits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ConvPool} (a convolution that pools its output as it goes, and unpools its gradient the
 * same way) must give the same bits as {@link Conv2D} and {@link MaxPool2D} run one after the other.
 */
class ConvPoolTest {

    /** Shapes that take every path of the fused convolution. */
    static Stream<Arguments> shapes() {
        return Stream.of(
                // one image per product (20×20 outputs, at least 256 columns), stride-1 dx path
                Arguments.of("one image per GEMM", Conv2D.builder(2, 3, 3).padding(1), 3, 20),
                // 8×8 outputs: four images per product, and a last group of two
                Arguments.of("groups of images", Conv2D.builder(2, 4, 3).padding(1), 6, 8),
                // 9×9 outputs: the last row and column belong to no window, and get gradient 0
                Arguments.of("odd output", Conv2D.builder(3, 2, 3).padding(1), 5, 9),
                // stride 2: dx through col2im
                Arguments.of("stride 2", Conv2D.builder(2, 3, 3).stride(2).padding(1), 4, 17),
                Arguments.of("no bias", Conv2D.builder(1, 5, 5).bias(false), 3, 28));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void trainingStepsGiveTheSameBitsAsTheTwoLayers(String what, Conv2D.Builder builder, int n, int size) {
        assertTrainingMatches(what, builder, n, size, size);
    }

    /**
     * The same with the Vector API pooling loops (where the machine has them): planes pooled from
     * the thread's buffer through the row loop (34×34 outputs), the gathers (20×20, 8×8) and the
     * plain loop for planes smaller than a vector; and a batch and image size that change between
     * steps.
     */
    @Test
    void theVectorPoolingLoopsGiveTheSameBitsToo() throws InterruptedException {
        MaxPool2x2.awaitWarm();
        shapes().forEach(a -> {
            Object[] args = a.get();
            assertTrainingMatches("warm " + args[0], (Conv2D.Builder) args[1], (int) args[2], (int) args[3], (int) args[3]);
        });
        assertTrainingMatches("34x34 outputs", Conv2D.builder(1, 2, 3).padding(1), 2, 34, 34);
        assertTrainingMatches("6x6 outputs", Conv2D.builder(2, 3, 3).padding(1), 7, 6, 6);
        assertTrainingMatches("sizes change", Conv2D.builder(2, 3, 3).padding(1), 3, 20, 9);
    }

    /**
     * Two training steps of the fused layer and of the two layers apart, same weights and inputs:
     * the first step on {@code size1}×{@code size1} images, the second on {@code size2} (one
     * image fewer when they differ); everything must match bit for bit.
     */
    private static void assertTrainingMatches(String what, Conv2D.Builder builder, int n, int size1, int size2) {
        Conv2D conv = builder.build();
        MaxPool2D pool = new MaxPool2D(2);
        ConvPool fused = new ConvPool(conv, pool);
        Conv2D conv2 = builder.build();   // the same weights: both are drawn from the default seed
        MaxPool2D pool2 = new MaxPool2D(2);
        Random rng = new Random(what.hashCode());
        for (int step = 0; step < 2; step++) {   // the second step reuses every buffer (or not, when sizes change)
            int size = step == 0 ? size1 : size2;
            int batch = step == 0 || size1 == size2 ? n : n - 1;
            Tensor x = awkward(rng, batch, conv.parameters().get(0).value().shape(1), size, size);
            Tensor y = fused.forward(x, true);
            Tensor yRef = pool2.forward(conv2.forward(x, true), true);
            assertThat(bits(y)).as(what + " y").containsExactly(bits(yRef));
            assertThat(pool.argmaxIndices()).as(what + " argmax").containsExactly(pool2.argmaxIndices());

            Tensor dout = awkward(rng, y.shape());
            Tensor dx = fused.backward(dout);
            Tensor dxRef = conv2.backward(pool2.backward(dout));
            assertThat(bits(dx)).as(what + " dx").containsExactly(bits(dxRef));
            assertSameGradients(what, fused.parameters(), conv2.parameters());

            fused.backwardParameters(dout.mul(2f));
            conv2.backwardParameters(pool2.backward(dout.mul(2f)));
            assertSameGradients(what + " (backwardParameters)", fused.parameters(), conv2.parameters());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void evaluationGivesTheSameBitsAsTheTwoLayers(String what, Conv2D.Builder builder, int n, int size) {
        Conv2D conv = builder.build();
        ConvPool fused = new ConvPool(conv, new MaxPool2D(2));
        MaxPool2D pool = new MaxPool2D(2);
        Tensor x = awkward(new Random(7), n, conv.parameters().get(0).value().shape(1), size, size);
        int[] expected = bits(pool.forward(conv.forward(x, false), false));
        assertThat(bits(fused.forward(x, false))).as(what).containsExactly(expected);
        InferenceWorkspace workspace = new InferenceWorkspace();
        assertThat(bits(fused.infer(x, workspace))).as(what + " with a workspace").containsExactly(expected);
        assertThat(bits(fused.infer(x, workspace))).as(what + " with the workspace again").containsExactly(expected);
    }

    @Test
    void sequentialRunsConvolutionAndPoolingAsOneAndGradientsStillCheck() {
        Sequential model = new Sequential(new Conv2D(1, 2, 3, 1, 1), new ReLU(), new MaxPool2D(2),
                new Flatten(), new Affine(2 * 3 * 3, 3));
        assertThat(model.executionOrder().get(0)).isInstanceOf(ConvPool.class);
        GradientCheckReport report = new GradientCheck().check(model, new SoftmaxCrossEntropy(),
                Tensor.randn(new Random(1), 0f, 1f, 2, 1, 6, 6), Tensor.of(new float[] {0, 2}, 2));
        report.assertPasses();
    }

    @Test
    void backwardWithoutForwardOrWithABadGradientSaysSo() {
        ConvPool fused = new ConvPool(new Conv2D(1, 2, 3), new MaxPool2D(2));
        assertThatThrownBy(() -> fused.backward(Tensor.zeros(1, 2, 3, 3)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("without a training-mode forward");
        fused.forward(Tensor.zeros(1, 1, 8, 8), true);
        assertThatThrownBy(() -> fused.backward(Tensor.zeros(1, 2, 4, 4)))
                .isInstanceOf(KisoException.class).hasMessageContaining("MaxPool2D").hasMessageContaining("[1, 2, 3, 3]");
        assertThatThrownBy(() -> new ConvPool(new Conv2D(1, 2, 3), new MaxPool2D(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2x2");
    }

    @Test
    void backwardAfterTheConvolutionRanAloneSaysTheStatesDoNotMatch() {
        Conv2D conv = new Conv2D(1, 2, 3);
        ConvPool fused = new ConvPool(conv, new MaxPool2D(2));
        Tensor y = fused.forward(Tensor.randn(new Random(1), 0f, 1f, 4, 1, 10, 10), true);
        conv.forward(Tensor.randn(new Random(2), 0f, 1f, 2, 1, 10, 10), true);   // the conv alone, another batch
        assertThatThrownBy(() -> fused.backward(Tensor.ones(y.shape())))
                .isInstanceOf(KisoException.class).hasMessageContaining("ConvPool")
                .hasMessageContaining("[2, 2, 8, 8]").hasMessageContaining("[4, 2, 8, 8]");
    }

    private static void assertSameGradients(String what, List<Parameter> actual, List<Parameter> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            assertThat(bits(actual.get(i).grad())).as(what + " " + actual.get(i).name())
                    .containsExactly(bits(expected.get(i).grad()));
        }
    }
}
