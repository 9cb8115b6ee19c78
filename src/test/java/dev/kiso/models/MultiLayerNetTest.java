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
    void batchNormSettingsGiveTheBooksEpsAndRunningVarianceStart() {
        Sequential net = MultiLayerNet.builder(6, 2).hidden(4, 3).batchNorm(true)
                .batchNormSettings(1e-6f, 0f).build(new Random(3));
        BatchNorm bn = (BatchNorm) net.layers().get(1);
        assertThat(bn.runningVar().toArray()).containsOnly(0f);
        assertThat(((BatchNorm) net.layers().get(4)).runningVar().toArray()).containsOnly(0f);
        // eval forward with zero running mean and variance: y = gamma · x / sqrt(0 + eps) + beta
        Tensor x = Tensor.of(new float[] {2e-3f, -1e-3f, 0f, 5e-4f}, 1, 4);
        float[] y = bn.forward(x, false).toArray();
        for (int c = 0; c < 4; c++) {
            assertThat((double) y[c]).isCloseTo(x.get(0, c) / Math.sqrt(1e-6), within(1e-4));
        }
        // PyTorch's defaults stay when the settings are not given: running variance starts at 1
        BatchNorm plain = (BatchNorm) MultiLayerNet.builder(6, 2).hidden(4).batchNorm(true).build().layers().get(1);
        assertThat(plain.runningVar().toArray()).containsOnly(1f);
    }

    @Test
    void buildWithAGeneratorDrawsTheSameWeightsAsInitializeWithIt() {
        Sequential a = MultiLayerNet.builder(5, 3).hidden(4).build(new Random(11));
        Sequential b = MultiLayerNet.builder(5, 3).hidden(4).build();
        b.initialize(new Random(11));
        for (int k : new int[] {0, 2}) {
            assertThat(((Affine) a.layers().get(k)).weight().value().toArray())
                    .containsExactly(((Affine) b.layers().get(k)).weight().value().toArray());
        }
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
