package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;
import dev.kiso.io.SafeTensorsFile;
import dev.kiso.nn.init.XavierNormal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.kiso.nn.ConvReference.assertClose;
import static dev.kiso.nn.ConvReference.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class Conv2DTest {

    /** {N, C, H, W, F, kh, kw, sh, sw, ph, pw, bias} */
    private static final int[][] CASES = {
        {2, 3, 7, 7, 4, 3, 3, 1, 1, 1, 1, 1},
        {2, 3, 8, 8, 5, 3, 3, 2, 2, 1, 1, 1},
        {1, 1, 6, 6, 1, 2, 2, 1, 1, 1, 1, 1},
        {3, 2, 9, 6, 3, 2, 3, 2, 1, 0, 1, 0},   // non-square kernel, stride and padding; no bias
        {2, 4, 5, 8, 2, 5, 1, 1, 3, 2, 0, 1},   // inexact division along the width
        {1, 3, 4, 4, 6, 1, 1, 1, 1, 0, 0, 1},   // 1×1 convolution
        {2, 1, 10, 9, 2, 4, 4, 3, 3, 3, 2, 1},  // padding larger than half the kernel
        {2, 3, 6, 7, 4, 3, 2, 1, 1, 2, 0, 1},   // stride 1, padding 2 on a 3-row kernel (dx via Wflip)
        {2, 2, 6, 5, 3, 2, 3, 1, 1, 2, 1, 1},   // stride 1, padding 2 > kh − 1: dx via col2im
        {3, 2, 12, 12, 4, 3, 3, 1, 1, 1, 1, 1}, // 144 positions: forward GEMMs of 2 images, then 1
    };

    private static Conv2D build(int[] c) {
        return Conv2D.builder(c[1], c[4], c[5]).kernel(c[5], c[6]).stride(c[7], c[8]).padding(c[9], c[10])
                .bias(c[11] == 1).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"conv2d_3x3_s1_p1", "conv2d_3x3_s2_p1", "conv2d_quiz_6x6_k2_s1_p1"})
    void matchesPyTorch(String name) {
        SafeTensorsFile ref = ConvReference.parity(name);
        Map<String, String> md = ref.metadata();
        Conv2D conv = Conv2D.builder(Integer.parseInt(md.get("C")), Integer.parseInt(md.get("F")),
                        Integer.parseInt(md.get("kh")))
                .kernel(Integer.parseInt(md.get("kh")), Integer.parseInt(md.get("kw")))
                .stride(Integer.parseInt(md.get("stride"))).padding(Integer.parseInt(md.get("padding"))).build();
        ConvReference.load(conv.weight(), ref.tensor("W"));
        ConvReference.load(conv.bias(), ref.tensor("b"));
        // The quiz holds small integers with b = 0.5, so every value is exact; the others use the
        // parity tolerance, with 2e-5 absolute for dx and dW.
        boolean exact = name.contains("quiz");
        double atol = exact ? 0 : 1e-5;
        double rtol = exact ? 0 : 1e-4;
        double gradAtol = exact ? 0 : 2e-5;
        Tensor y = conv.forward(ref.tensor("x"), true);
        assertThat(y.shape()).containsExactly(ref.shape("y"));
        assertClose(name + " y", y, ConvReference.doubles(ref.tensor("y")), atol, rtol);
        Tensor dx = conv.backward(ref.tensor("dout"));
        assertClose(name + " dx", dx, ConvReference.doubles(ref.tensor("dx")), gradAtol, rtol);
        assertClose(name + " dW", conv.weight().grad(), ConvReference.doubles(ref.tensor("dW")), gradAtol, rtol);
        assertClose(name + " db", conv.bias().grad(), ConvReference.doubles(ref.tensor("db")), atol, rtol);
    }

    @Test
    void backwardGivesEachThreadTheGroupsAndImagesOfItsOwnShare() {
        int[] order = Conv2D.backwardTaskOrder(new int[116], 100, 16, true, 2);
        // first half: groups 0..7 (images 0..49), then dx of images 0..49; second half likewise
        int[] firstHalf = Arrays.copyOfRange(order, 0, 58);
        assertThat(Arrays.copyOfRange(firstHalf, 0, 8)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(Arrays.copyOfRange(firstHalf, 8, 58)).isEqualTo(java.util.stream.IntStream.range(16, 66).toArray());
        assertThat(Arrays.copyOfRange(order, 58, 66)).containsExactly(8, 9, 10, 11, 12, 13, 14, 15);
        assertThat(Arrays.copyOfRange(order, 66, 116)).isEqualTo(java.util.stream.IntStream.range(66, 116).toArray());
        // every group and every image once, for any batch, group count and share count
        for (int shares = 1; shares <= 4; shares++) {
            for (int n = 1; n <= 40; n++) {
                for (boolean dx : new boolean[] {false, true}) {
                    int groups = Math.min(n, 16);
                    int tasks = groups + (dx ? n : 0);
                    int[] sorted = Conv2D.backwardTaskOrder(new int[tasks], n, groups, dx, shares).clone();
                    Arrays.sort(sorted);
                    assertThat(sorted).as("n %d, shares %d, dx %s", n, shares, dx)
                            .isEqualTo(java.util.stream.IntStream.range(0, tasks).toArray());
                }
            }
        }
    }

    @Test
    void forwardAndBackwardMatchTheDirectConvolution() {
        Random rng = new Random(7);
        for (int[] c : CASES) {
            Conv2D conv = build(c);
            Tensor x = random(rng, c[0], c[1], c[2], c[3]);
            Tensor b = conv.bias() == null ? null : conv.bias().value();
            if (b != null) {
                b.data()[0] = 0.25f;   // a non-zero bias so that forward and db are exercised
            }
            Tensor W = conv.weight().value();
            Tensor y = conv.forward(x, true);
            double[] yRef = ConvReference.conv(x, W, b, c[7], c[8], c[9], c[10]);
            assertClose("y " + conv, y, yRef);

            Tensor dout = random(rng, y.shape());
            Tensor dx = conv.backward(dout);
            double[][] ref = ConvReference.convBackward(x, W, dout, c[7], c[8], c[9], c[10]);
            assertClose("dx " + conv, dx, ref[0], 2e-5, 1e-4);
            assertClose("dW " + conv, conv.weight().grad(), ref[1], 2e-5, 1e-4);
            if (b != null) {
                assertClose("db " + conv, conv.bias().grad(), ref[2]);
            }
        }
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        Random rng = new Random(8);
        Conv2D conv = Conv2D.builder(2, 3, 3).kernel(3, 2).stride(2, 1).padding(1, 1).build();
        conv.bias().value().data()[1] = 0.5f;
        GradientCheck.layer(conv, random(rng, 2, 2, 5, 4)).assertPasses();
        GradientCheck.layer(new Conv2D(3, 2, 1, 2, 0), random(rng, 1, 3, 5, 5)).assertPasses();
    }

    @Test
    void aSmallConvNetWithItsLossPassesTheGradientCheck() {
        // W2's shape in miniature: conv → ReLU → max pool → flatten → affine → softmax cross-entropy.
        Random rng = new Random(14);
        Sequential model = new Sequential(new Conv2D(1, 3, 3), new ReLU(), new MaxPool2D(2), new Flatten(),
                new Affine(3 * 3 * 3, 4));
        Tensor x = random(rng, 2, 1, 8, 8);
        Tensor t = Tensor.of(new float[] {1, 3}, 2);
        new GradientCheck().step(1e-3).check(model, new SoftmaxCrossEntropy(), x, t).assertPasses();
    }

    @Test
    void backwardSetsRatherThanAddsTheGradients() {
        Random rng = new Random(9);
        Conv2D conv = new Conv2D(2, 3, 3, 1, 1);
        Tensor x = random(rng, 2, 2, 5, 5);
        Tensor dout = random(rng, 2, 3, 5, 5);
        conv.forward(x, true);
        conv.backward(dout);
        float[] first = conv.weight().grad().toArray();
        conv.forward(x, true);
        conv.backward(dout);
        assertThat(conv.weight().grad().toArray()).containsExactly(first);
    }

    @Test
    void outputSizeQuizAndFloor() {
        // The course's quiz: 6×6 input, 2×2 filter, stride 1, padding 1 → 7×7.
        assertThat(new Conv2D(1, 1, 2, 1, 1).forward(Tensor.zeros(1, 1, 6, 6), false).shape())
                .containsExactly(1, 1, 7, 7);
        // Inexact: (8 + 2 − 3)/2 = 3.5 → floor 3, + 1 = 4; the last padded row and column are dropped.
        assertThat(new Conv2D(3, 5, 3, 2, 1).forward(Tensor.zeros(2, 3, 8, 8), false).shape())
                .containsExactly(2, 5, 4, 4);
        // W2's first layer: 28 − 5 + 1 = 24.
        assertThat(new Conv2D(1, 30, 5).forward(Tensor.zeros(1, 1, 28, 28), false).shape())
                .containsExactly(1, 30, 24, 24);
    }

    @Test
    void badInputsAreReportedClearly() {
        Conv2D conv = new Conv2D(3, 4, 5);
        assertThatThrownBy(() -> conv.forward(Tensor.zeros(1, 3, 4, 4), false))
                .isInstanceOf(KisoException.class)
                .hasMessageContaining("Conv2D").hasMessageContaining("[1, 3, 4, 4]").hasMessageContaining("0x0");
        assertThatThrownBy(() -> conv.forward(Tensor.zeros(1, 2, 8, 8), false))
                .isInstanceOf(KisoException.class)
                .hasMessageContaining("Conv2D").hasMessageContaining("[N, 3, H, W]").hasMessageContaining("[1, 2, 8, 8]");
        assertThatThrownBy(() -> conv.forward(Tensor.zeros(3, 8, 8), false))
                .isInstanceOf(KisoException.class).hasMessageContaining("[3, 8, 8]");
        conv.forward(Tensor.zeros(1, 3, 8, 8), true);
        assertThatThrownBy(() -> conv.backward(Tensor.zeros(1, 4, 3, 3)))
                .isInstanceOf(KisoException.class).hasMessageContaining("[1, 4, 4, 4]").hasMessageContaining("[1, 4, 3, 3]");
        assertThatThrownBy(() -> Conv2D.builder(3, 4, 3).stride(0).build())
                .isInstanceOf(KisoException.class).hasMessageContaining("Conv2D");
        assertThatThrownBy(() -> new Conv2D(0, 4, 3)).isInstanceOf(KisoException.class);
    }

    @Test
    void backwardNeedsATrainingForward() {
        Conv2D conv = new Conv2D(1, 2, 3);
        assertThatThrownBy(() -> conv.backward(Tensor.zeros(1, 2, 3, 3)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("training");
        conv.forward(Tensor.zeros(1, 1, 5, 5), false);
        assertThatThrownBy(() -> conv.backward(Tensor.zeros(1, 2, 3, 3)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void evaluationForwardDoesNotDisturbTraining() {
        // train forward on x1, then an eval forward on x2 (another shape), then backward: it must be x1's.
        Random rng = new Random(10);
        Conv2D conv = new Conv2D(2, 3, 3, 1, 1);
        Tensor x1 = random(rng, 2, 2, 6, 6);
        Tensor x2 = random(rng, 1, 2, 9, 4);
        Tensor dout = random(rng, 2, 3, 6, 6);
        conv.forward(x1, true);
        conv.backward(dout);
        float[] dWAlone = conv.weight().grad().toArray();
        Tensor y1 = conv.forward(x1, true);
        Tensor y2 = conv.forward(x2, false);
        assertClose("eval y", y2, ConvReference.conv(x2, conv.weight().value(), conv.bias().value(), 1, 1, 1, 1));
        conv.backward(dout);
        assertThat(conv.weight().grad().toArray()).containsExactly(dWAlone);
        assertThat(conv.forward(x1, false).toArray()).containsExactly(y1.toArray());
    }

    @Test
    void evaluationForwardServesSeveralThreadsAtOnce() throws Exception {
        Random rng = new Random(12);
        Conv2D conv = new Conv2D(3, 8, 3, 1, 1);
        Tensor[] inputs = new Tensor[4];
        float[][] alone = new float[inputs.length][];
        for (int t = 0; t < inputs.length; t++) {
            inputs[t] = random(rng, 2, 3, 6 + t, 7);   // different shapes, so shared buffers would clash
            alone[t] = conv.forward(inputs[t], false).toArray();
        }
        ExecutorService pool = Executors.newFixedThreadPool(inputs.length);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int t = 0; t < inputs.length; t++) {
                Tensor x = inputs[t];
                results.add(pool.submit(() -> {
                    float[] y = null;
                    for (int rep = 0; rep < 50; rep++) {
                        y = conv.forward(x, false).toArray();
                    }
                    return y;
                }));
            }
            for (int t = 0; t < inputs.length; t++) {
                assertThat(results.get(t).get()).containsExactly(alone[t]);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void trainingReusesItsOutputBufferAndEvaluationDoesNot() {
        Random rng = new Random(13);
        Conv2D conv = new Conv2D(2, 3, 3, 1, 1);
        Tensor y1 = conv.forward(random(rng, 2, 2, 5, 5), true);
        Tensor x2 = random(rng, 2, 2, 5, 5);
        Tensor y2 = conv.forward(x2, true);
        assertThat(y2).isSameAs(y1);
        assertClose("reused y", y2, ConvReference.conv(x2, conv.weight().value(), conv.bias().value(), 1, 1, 1, 1));
        assertThat(conv.forward(x2, false)).isNotSameAs(conv.forward(x2, false)).isNotSameAs(y2);
    }

    @Test
    void acceptsNonContiguousInput() {
        Random rng = new Random(11);
        Conv2D conv = new Conv2D(3, 2, 3, 1, 1);
        Tensor nhwc = random(rng, 2, 5, 5, 3);
        Tensor x = nhwc.permute(0, 3, 1, 2);   // a strided view [2, 3, 5, 5]
        assertClose("y", conv.forward(x, false),
                ConvReference.conv(x, conv.weight().value(), conv.bias().value(), 1, 1, 1, 1));
    }

    @Test
    void defaultInitializationIsHeNormalWithZeroBias() {
        Conv2D conv = new Conv2D(3, 64, 5);          // fanIn = 3·5·5 = 75, 4800 weights
        double[] w = ConvReference.doubles(conv.weight().value());
        double mean = 0;
        double sq = 0;
        for (double v : w) {
            mean += v / w.length;
            sq += v * v / w.length;
        }
        double std = Math.sqrt(sq - mean * mean);
        assertThat(std).isCloseTo(Math.sqrt(2.0 / 75), within(0.05 * Math.sqrt(2.0 / 75)));
        assertThat(mean).isCloseTo(0, within(0.01));
        assertThat(conv.bias().value().toArray()).containsOnly(0f);

        Conv2D again = new Conv2D(3, 64, 5);
        assertThat(again.weight().value().toArray()).containsExactly(conv.weight().value().toArray());
        again.initialize(new Random(1));
        assertThat(again.weight().value().toArray()).isNotEqualTo(conv.weight().value().toArray());
    }

    @Test
    void customInitializerReceivesTheFans() {
        int[] fans = new int[2];
        Conv2D conv = Conv2D.builder(3, 8, 5).kernel(5, 3).initializer((w, fanIn, fanOut, rng) -> {
            fans[0] = fanIn;
            fans[1] = fanOut;
            Arrays.fill(w.data(), 0.5f);
        }).build();
        assertThat(fans).containsExactly(0, 0);   // drawn when first needed, not at construction
        assertThat(conv.weight().value().data()).containsOnly(0.5f);
        assertThat(fans).containsExactly(3 * 5 * 3, 8 * 5 * 3);
    }

    @Test
    void namesSpecAndParameters() {
        Conv2D conv = Conv2D.builder(16, 32, 3).kernel(3, 1).stride(2, 1).padding(1, 0).build();
        assertThat(conv.stateDict().keySet()).containsExactly("weight", "bias");
        assertThat(conv.weight().value().shape()).containsExactly(32, 16, 3, 1);
        assertThat(conv.bias().value().shape()).containsExactly(32);
        assertThat(conv.weight().regularized()).isTrue();
        assertThat(conv.bias().regularized()).isFalse();
        assertThat(conv.toString())
                .isEqualTo("Conv2D(inChannels=16, outChannels=32, kernel=3x1, stride=2x1, padding=1x0, bias=true)");

        Conv2D plain = Conv2D.builder(1, 30, 5).bias(false).build();
        assertThat(Conv2D.builder(1, 2, 3).initializer(new XavierNormal()).build().toString())
                .endsWith("bias=true, init=XavierNormal())");
        assertThat(plain.parameters()).hasSize(1);
        assertThat(plain.stateDict().keySet()).containsExactly("weight");
        assertThat(plain.toString())
                .isEqualTo("Conv2D(inChannels=1, outChannels=30, kernel=5x5, stride=1, padding=0, bias=false)");
    }
}
