package dev.kiso.models;

import dev.kiso.KisoException;
import dev.kiso.nn.Affine;
import dev.kiso.nn.BatchNorm;
import dev.kiso.nn.Dropout;
import dev.kiso.nn.Layer;
import dev.kiso.nn.ReLU;
import dev.kiso.nn.Sequential;
import dev.kiso.nn.Sigmoid;
import dev.kiso.nn.init.LeCunNormal;
import dev.kiso.nn.init.Normal;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MultiLayerNetTest {

    @Test
    void layersFollowTheCoursesOrder() {
        Sequential net = MultiLayerNet.builder(784, 10).hidden(40, 20).activation(Sigmoid::new)
                .batchNorm(true).dropout(0.5f).build();
        List<Class<?>> kinds = net.layers().stream().<Class<?>>map(Layer::getClass).toList();
        assertThat(kinds).containsExactly(
                Affine.class, BatchNorm.class, Sigmoid.class, Dropout.class,
                Affine.class, BatchNorm.class, Sigmoid.class, Dropout.class,
                Affine.class);
        Affine first = (Affine) net.layers().get(0);
        Affine last = (Affine) net.layers().get(8);
        assertThat(first.in()).isEqualTo(784);
        assertThat(first.out()).isEqualTo(40);
        assertThat(last.in()).isEqualTo(20);
        assertThat(last.out()).isEqualTo(10);
    }

    @Test
    void defaultsAreReluWithoutExtras() {
        Sequential net = MultiLayerNet.builder(5, 3).hidden(4).build();
        assertThat(net.layers()).hasSize(3);
        assertThat(net.layers().get(1)).isInstanceOf(ReLU.class);
        assertThat(net.forward(Tensor.zeros(2, 5), false).shape()).containsExactly(2, 3);
    }

    @Test
    void everyAffineUsesTheInitializerAndZeroBias() {
        // LeCunNormal: std = sqrt(1 / fan-in); checked on each layer's sample std (thousands of weights).
        Sequential net = MultiLayerNet.builder(400, 100).hidden(200).init(new LeCunNormal()).build();
        net.initialize(new Random(7));
        for (Layer layer : net.layers()) {
            if (layer instanceof Affine a) {
                float[] w = a.weight().value().toArray();
                double sq = 0;
                for (float v : w) {
                    sq += v * v;
                }
                assertThat(Math.sqrt(sq / w.length)).isCloseTo(Math.sqrt(1.0 / a.in()), within(0.05 / Math.sqrt(a.in())));
                assertThat(a.bias().value().toArray()).containsOnly(0f);
            }
        }
    }

    @Test
    void sameSeedSameWeights() {
        Sequential a = MultiLayerNet.builder(6, 2).hidden(5).init(new Normal(0.3f)).build();
        Sequential b = MultiLayerNet.builder(6, 2).hidden(5).init(new Normal(0.3f)).build();
        a.initialize(new Random(3));
        b.initialize(new Random(3));
        assertThat(a.parameters().get(0).value().toArray()).containsExactly(b.parameters().get(0).value().toArray());
    }

    @Test
    void badSizesAreRefused() {
        assertThatThrownBy(() -> MultiLayerNet.builder(0, 10)).isInstanceOf(KisoException.class)
                .hasMessageContaining("inputs=0");
        assertThatThrownBy(() -> MultiLayerNet.builder(784, 10).hidden(40, 0)).isInstanceOf(KisoException.class)
                .hasMessageContaining("[40, 0]");
        assertThatThrownBy(() -> MultiLayerNet.builder(784, 10).dropout(1f)).isInstanceOf(KisoException.class)
                .hasMessageContaining("dropout");
    }
}
