package dev.kiso.nn;

import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static dev.kiso.nn.NnTesting.awkward;
import static dev.kiso.nn.NnTesting.bits;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Sequential} runs a ReLU that is directly followed by max pooling after the pooling; these
 * tests check that this gives the same bits as running the layers in the order they were given.
 */
class SequentialOrderTest {

    @Test
    void reluMovesAfterEveryMaxPoolingThatFollowsIt() {
        ReLU relu = new ReLU();
        MaxPool2D first = new MaxPool2D(2);
        MaxPool2D second = new MaxPool2D(3, 1, 1);
        Flatten flatten = new Flatten();
        assertThat(Sequential.executionOrder(List.of(relu, first, second, flatten)))
                .containsExactly(first, second, relu, flatten);
        // average pooling does not commute with ReLU, and leaky ReLU is left as given too
        AvgPool2D avg = new AvgPool2D(2);
        LeakyReLU leaky = new LeakyReLU(0.1f);
        assertThat(Sequential.executionOrder(List.of(relu, avg, leaky, first)))
                .containsExactly(relu, avg, leaky, first);
        assertThat(Sequential.executionOrder(List.of(first, relu))).containsExactly(first, relu);
    }

    @Test
    void aModelShowsItsExecutionOrderAndWhereBackwardStops() {
        ReLU relu = new ReLU();
        MaxPool2D pool = new MaxPool2D(2);
        Conv2D conv = new Conv2D(1, 2, 3);
        Sequential model = new Sequential(relu, pool, conv, new ReLU());
        assertThat(model.executionOrder()).containsExactly(pool, relu, conv, model.layers().get(3));
        // a convolution and the 2×2 pooling after it run as one
        MaxPool2D after = new MaxPool2D(2);
        ReLU reluAfter = new ReLU();
        Sequential block = new Sequential(conv, reluAfter, after, new Flatten());
        List<Layer> order = block.executionOrder();
        assertThat(order).hasSize(3);
        assertThat(order.get(0)).isInstanceOfSatisfying(ConvPool.class, fused -> {
            assertThat(fused.convolution()).isSameAs(conv);
            assertThat(fused.pooling()).isSameAs(after);
            assertThat(fused.parameters()).isEqualTo(conv.parameters());
        });
        assertThat(order.subList(1, 3)).containsExactly(reluAfter, block.layers().get(3));
        assertThat(block.firstTrainable()).isZero();
        assertThat(model.firstTrainable()).isEqualTo(2);
        assertThat(new Sequential(conv).firstTrainable()).isZero();
        assertThat(new Sequential(new ReLU(), new Flatten()).firstTrainable()).isEqualTo(2);
    }

    @Test
    void trainingStepGivesTheSameBitsAsTheOrderGiven() {
        // two pooling shapes: W2's 2×2, and 3×3 windows with stride 2 and −∞ padding (the window loop)
        Sequential model = new Sequential(
                new Conv2D(2, 3, 3, 1, 1), new ReLU(), new MaxPool2D(2),
                new Conv2D(3, 4, 3, 1, 1), new ReLU(), new MaxPool2D(3, 2, 1),
                new Flatten(), new Affine(4 * 2 * 2, 5));
        List<Layer> given = new Sequential(
                new Conv2D(2, 3, 3, 1, 1), new ReLU(), new MaxPool2D(2),
                new Conv2D(3, 4, 3, 1, 1), new ReLU(), new MaxPool2D(3, 2, 1),
                new Flatten(), new Affine(4 * 2 * 2, 5)).layers();
        Tensor x = awkward(new Random(3), 6, 2, 8, 8);
        Tensor dout = awkward(new Random(4), 6, 5);

        Tensor y = model.forward(x, true);
        Tensor dx = model.backward(dout);
        Tensor yGiven = x;
        for (Layer layer : given) {
            yGiven = layer.forward(yGiven, true);
        }
        Tensor dxGiven = dout;
        for (int i = given.size() - 1; i >= 0; i--) {
            dxGiven = given.get(i).backward(dxGiven);
        }

        assertThat(bits(y)).containsExactly(bits(yGiven));
        assertThat(bits(dx)).containsExactly(bits(dxGiven));
        List<Parameter> params = model.parameters();
        List<Parameter> paramsGiven = given.stream().flatMap(layer -> layer.parameters().stream()).toList();
        for (int i = 0; i < params.size(); i++) {
            assertThat(bits(params.get(i).grad())).as(params.get(i).name())
                    .containsExactly(bits(paramsGiven.get(i).grad()));
        }
        // evaluation mode, through the model's workspace
        Tensor yEval = model.forward(x, false);
        assertThat(bits(yEval)).containsExactly(bits(yGiven));
    }
}
