package dev.kiso.data;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Per-feature standardisation against a naive two-pass computation. */
class StandardizerTest {

    @Test
    void trainingFeaturesGetMeanZeroAndStdOne() {
        Random rng = new Random(3);
        Tensor x = Tensor.randn(rng, 5f, 3f, 500, 2, 2);
        for (int i = 0; i < 500; i++) {
            x.set(4f, i, 1, 1); // a constant feature
        }
        Dataset train = new Dataset(x, new int[500]);
        Standardizer s = Standardizer.fit(train);
        Tensor z = s.apply(train).inputs();
        for (int f = 0; f < 4; f++) {
            double mean = 0;
            double sq = 0;
            for (int i = 0; i < 500; i++) {
                mean += z.get(i, f / 2, f % 2);
            }
            mean /= 500;
            for (int i = 0; i < 500; i++) {
                double d = z.get(i, f / 2, f % 2) - mean;
                sq += d * d;
            }
            assertThat(mean).isCloseTo(0, within(1e-5));
            assertThat(Math.sqrt(sq / 500)).isCloseTo(f == 3 ? 0 : 1, within(1e-4));
        }
        assertThat(s.std().get(1, 1)).isEqualTo(1f); // constant feature: centred only
        assertThat(s.mean().get(1, 1)).isEqualTo(4f);
    }

    @Test
    void testDataUsesTheTrainingStatistics() {
        Tensor train = Tensor.of(new float[] {1, 10, 3, 30}, 2, 2); // feature 0: mean 2 std 1; feature 1: mean 20 std 10
        Standardizer s = Standardizer.fit(new Dataset(train, new int[2]));
        Dataset test = new Dataset(Tensor.of(new float[] {4, 0}, 1, 2), new int[] {7});
        Dataset z = s.apply(test);
        assertThat(z.inputs().toArray()).containsExactly(2f, -2f);
        assertThat(z.labels()).containsExactly(7);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.apply(Tensor.zeros(1, 3)))
                .isInstanceOf(KisoException.class).hasMessageContaining("expected inputs [N, 2] but got [1, 3]");
    }
}
