package dev.kiso.data;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Dataset subsets: each example is identified by its input value (example i has inputs all equal to i). */
class DatasetTest {

    /** n examples of shape [2, 3]; example i has every input equal to i and label i % 10. */
    static Dataset numbered(int n) {
        float[] x = new float[n * 6];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(x, i * 6, i * 6 + 6, i);
            labels[i] = i % 10;
        }
        return new Dataset(Tensor.of(x, n, 2, 3), labels);
    }

    /** The example ids of a dataset, read back from its inputs, and checked against its labels. */
    static int[] ids(Dataset d) {
        Tensor x = d.inputs();
        int[] labels = d.labels();
        int[] ids = new int[d.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (int) x.get(i, 1, 2);
            assertThat(x.get(i, 0, 0)).isEqualTo(ids[i]);
            assertThat(labels[i]).isEqualTo(ids[i] % 10);
            assertThat(d.targets().get(i)).isEqualTo(ids[i] % 10);
        }
        return ids;
    }

    @Test
    void describesItself() {
        Dataset d = numbered(5);
        assertThat(d.size()).isEqualTo(5);
        assertThat(d.exampleShape()).containsExactly(2, 3);
        assertThat(d.targetShape()).isEmpty();
        assertThat(d.hasLabels()).isTrue();
        assertThat(d.label(3)).isEqualTo(3);
        assertThat(d).hasToString("Dataset(5 examples of [2, 3], labels)");
    }

    @Test
    void firstIsAPrefixView() {
        Dataset d = numbered(10);
        assertThat(ids(d.first(4))).containsExactly(0, 1, 2, 3);
        assertThat(d.first(4).inputs().data()).isSameAs(d.inputs().data());
        assertThat(d.first(99).size()).isEqualTo(10);
        assertThat(d.first(0).size()).isZero();
    }

    @Test
    void selectGathersInOrderWithRepeats() {
        Dataset d = numbered(10).select(new int[] {9, 2, 2, 5});
        assertThat(ids(d)).containsExactly(9, 2, 2, 5);
        assertThat(ids(d.select(new int[] {3, 0}))).containsExactly(5, 9); // positions are relative
    }

    @Test
    void splitIsDisjointCoversAllAndIsDeterministic() {
        Dataset d = numbered(103);
        Dataset.Split s = d.split(0.2, new Random(5));
        assertThat(s.validation().size()).isEqualTo(21); // round(0.2 * 103)
        assertThat(s.train().size()).isEqualTo(82);
        Set<Integer> all = new HashSet<>();
        for (int id : ids(s.train())) {
            assertThat(all.add(id)).isTrue();
        }
        for (int id : ids(s.validation())) {
            assertThat(all.add(id)).as("validation example %d also in train", id).isTrue();
        }
        assertThat(all).hasSize(103);

        Dataset.Split again = d.split(0.2, new Random(5));
        assertThat(ids(again.validation())).containsExactly(ids(s.validation()));
        Dataset.Split other = d.split(0.2, new Random(6));
        assertThat(ids(other.validation())).isNotEqualTo(ids(s.validation()));
        assertThat(ids(s.validation())).isNotEqualTo(ids(d.first(21))); // actually shuffled
    }

    @Test
    void bootstrapDrawsWithReplacement() {
        Dataset d = numbered(2000);
        Dataset b = d.bootstrap(new Random(1));
        int[] ids = ids(b);
        assertThat(ids).hasSize(2000);
        long unique = Arrays.stream(ids).distinct().count();
        // The expected share of distinct examples is 1 - (1 - 1/n)^n ~ 1 - 1/e = 0.632.
        assertThat(unique / 2000.0).isBetween(0.60, 0.66);
        assertThat(ids(d.bootstrap(new Random(1)))).containsExactly(ids);
    }

    @Test
    void tensorTargets() {
        Tensor x = Tensor.arange(8).reshape(4, 2);
        Tensor y = Tensor.arange(12).reshape(4, 3);
        Dataset d = new Dataset(x, y).select(new int[] {2, 0});
        assertThat(d.hasLabels()).isFalse();
        assertThat(d.targetShape()).containsExactly(3);
        assertThat(d.targets().toArray()).containsExactly(6, 7, 8, 0, 1, 2);
        assertThat(d.inputs().toArray()).containsExactly(4, 5, 0, 1);
        assertThatThrownBy(d::labels).isInstanceOf(KisoException.class).hasMessageContaining("not class labels");
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new Dataset(Tensor.zeros(3, 2), new int[2]))
                .isInstanceOf(KisoException.class).hasMessageContaining("2 labels for inputs of shape [3, 2]");
        assertThatThrownBy(() -> new Dataset(Tensor.zeros(3, 2), new int[] {0, -1, 0}))
                .isInstanceOf(KisoException.class).hasMessageContaining("label -1 of example 1");
        assertThatThrownBy(() -> new Dataset(Tensor.zeros(3, 2), Tensor.zeros(4)))
                .isInstanceOf(KisoException.class).hasMessageContaining("same count");
        assertThatThrownBy(() -> numbered(3).select(new int[] {3}))
                .isInstanceOf(KisoException.class).hasMessageContaining("example 3 out of range");
        assertThatThrownBy(() -> numbered(3).split(1.5, new Random()))
                .isInstanceOf(KisoException.class).hasMessageContaining("fraction");
    }
}
