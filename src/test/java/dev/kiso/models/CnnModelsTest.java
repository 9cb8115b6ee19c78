package dev.kiso.models;

import dev.kiso.KisoException;
import dev.kiso.nn.Affine;
import dev.kiso.nn.Conv2D;
import dev.kiso.nn.Dropout;
import dev.kiso.nn.Layer;
import dev.kiso.nn.Parameter;
import dev.kiso.nn.Residual;
import dev.kiso.nn.Sequential;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CnnModelsTest {

    /** Every layer, depth first (Sequential and Residual opened). */
    private static List<Layer> flatten(Layer layer) {
        List<Layer> out = new ArrayList<>();
        out.add(layer);
        if (layer instanceof Sequential s) {
            s.layers().forEach(l -> out.addAll(flatten(l)));
        } else if (layer instanceof Residual r) {
            out.addAll(flatten(r.block()));
            if (r.shortcut() != null) {
                out.addAll(flatten(r.shortcut()));
            }
        }
        return out;
    }

    private static long count(Layer model, Class<?> type) {
        return flatten(model).stream().filter(type::isInstance).count();
    }

    @Test
    void alexNetMiniHasFiveConvsThreeAffinesTwoDropoutsAndMapsImagesToTenLogits() {
        Sequential net = AlexNetMini.create(0);
        assertThat(count(net, Conv2D.class)).isEqualTo(5);
        assertThat(count(net, Affine.class)).isEqualTo(3);
        assertThat(flatten(net).stream().filter(l -> l instanceof Dropout).map(l -> ((Dropout) l).p()))
                .containsExactly(0.5f, 0.5f);
        assertThat(((Dropout) flatten(net).stream().filter(l -> l instanceof Dropout).findFirst().orElseThrow()).p())
                .isEqualTo(0.5f);
        assertThat(((Affine) flatten(net).stream().filter(l -> l instanceof Affine).findFirst().orElseThrow()).in())
                .as("overlapping 3x3/2 pooling takes 7x7 to 3x3: 64*3*3 inputs").isEqualTo(576);
        Tensor y = net.forward(Tensor.randn(new Random(1), 0, 1, 1, 1, 28, 28), false);
        assertThat(y.shape()).containsExactly(1, 10);
        assertThat(AlexNetMini.create(0.25f).layers().stream().filter(l -> l instanceof Dropout)
                .map(l -> ((Dropout) l).p())).containsOnly(0.25f);
    }

    @Test
    void resNetHasSixNPlusTwoWeightLayersAndShortcutsOnlyWhenAsked() {
        for (int n : new int[] {1, 3}) {
            Sequential res = ResNet.residual(n);
            Sequential plain = ResNet.plain(n);
            // 3x3 convolutions + the final affine; the two 1x1 projection shortcuts are not counted
            long weightLayers3x3 = flatten(res).stream()
                    .filter(l -> l instanceof Conv2D c && c.weight().value().shape(3) == 3).count();
            assertThat(weightLayers3x3 + count(res, Affine.class)).isEqualTo(6L * n + 2);
            assertThat(count(res, Residual.class)).isEqualTo(3L * n);
            assertThat(count(plain, Residual.class)).isZero();
            assertThat(count(plain, Conv2D.class) + count(plain, Affine.class)).isEqualTo(6L * n + 2);
            long projections = flatten(res).stream()
                    .filter(l -> l instanceof Residual r && r.shortcut() != null).count();
            assertThat(projections).isEqualTo(2);
        }
    }

    @Test
    void resNetAndPlainMapImagesToTenLogitsAndBackpropagate() {
        for (Sequential net : List.of(ResNet.residual(1), ResNet.plain(1))) {
            assertThat(net.forward(Tensor.zeros(1, 1, 28, 28), false).shape()).containsExactly(1, 10);
            // global average pooling makes the net work on any size: a small image keeps the test fast
            Tensor x = Tensor.randn(new Random(2), 0, 1, 2, 1, 8, 8);
            Tensor y = net.forward(x, true);
            assertThat(y.shape()).containsExactly(2, 10);
            Tensor dx = net.backward(Tensor.ones(2, 10));
            assertThat(dx.shape()).containsExactly(2, 1, 8, 8);
            for (Parameter p : net.parameters()) {
                assertThat(p.grad().shape()).containsExactly(p.value().shape());
            }
        }
    }

    @Test
    void theShortcutChangesTheOutputOfOtherwiseEqualNetworks() {
        Sequential res = ResNet.residual(1).initialize(3);
        Sequential plain = ResNet.plain(1).initialize(3);
        Tensor x = Tensor.randn(new Random(4), 0, 1, 1, 1, 8, 8);
        assertThat(res.forward(x, false).toArray()).isNotEqualTo(plain.forward(x, false).toArray());
    }

    @Test
    void resNetNeedsAtLeastOneBlock() {
        assertThatThrownBy(() -> ResNet.residual(0)).isInstanceOf(KisoException.class)
                .hasMessageContaining("ResNet").hasMessageContaining("found 0");
    }
}
