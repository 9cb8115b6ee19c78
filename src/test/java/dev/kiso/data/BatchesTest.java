package dev.kiso.data;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static dev.kiso.data.DatasetTest.numbered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Batching orders, sizes, contents and buffer reuse. */
class BatchesTest {

    /** The example ids of one batch, checking that x, t and labels agree. */
    private static int[] ids(Batch b) {
        int[] ids = new int[b.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (int) b.x().get(i, 0, 0);
            assertThat(b.x().get(i, 1, 2)).isEqualTo(ids[i]);
            assertThat(b.t().get(i)).isEqualTo(ids[i] % 10);
            assertThat(b.labels()[i]).isEqualTo(ids[i] % 10);
        }
        return ids;
    }

    private static List<int[]> epoch(Batches batches) {
        List<int[]> out = new ArrayList<>();
        for (Batch b : batches) {
            out.add(ids(b));
        }
        return out;
    }

    private static int[] concat(List<int[]> parts) {
        return parts.stream().flatMapToInt(Arrays::stream).toArray();
    }

    @Test
    void shuffledCoversEveryExampleOnceWithTheLastBatchSmaller() {
        Batches batches = Batches.shuffled(numbered(23), 5, new Random(3));
        assertThat(batches.batchesPerEpoch()).isEqualTo(5);
        List<int[]> e = epoch(batches);
        assertThat(e).extracting(a -> a.length).containsExactly(5, 5, 5, 5, 3);
        assertThat(concat(e)).containsExactlyInAnyOrder(java.util.stream.IntStream.range(0, 23).toArray());
    }

    @Test
    void freshPermutationEachEpochDeterministicBySeed() {
        Batches a = Batches.shuffled(numbered(50), 7, new Random(11));
        int[] first = concat(epoch(a));
        int[] second = concat(epoch(a));
        assertThat(second).isNotEqualTo(first).containsExactlyInAnyOrder(first);
        assertThat(first).isNotEqualTo(java.util.stream.IntStream.range(0, 50).toArray());

        Batches b = Batches.shuffled(numbered(50), 7, new Random(11));
        assertThat(concat(epoch(b))).containsExactly(first);
        assertThat(concat(epoch(b))).containsExactly(second);
    }

    @Test
    void inOrderKeepsTheOrder() {
        List<int[]> e = epoch(Batches.inOrder(numbered(7).select(new int[] {6, 5, 4, 3, 2, 1, 0}), 3));
        assertThat(concat(e)).containsExactly(6, 5, 4, 3, 2, 1, 0);
        assertThat(e).extracting(a -> a.length).containsExactly(3, 3, 1);
    }

    @Test
    void reusesTheBuffersOfFullBatches() {
        Batches batches = Batches.shuffled(numbered(10), 4, new Random(1));
        List<Batch> seen = new ArrayList<>();
        List<float[]> arrays = new ArrayList<>();
        for (int epoch = 0; epoch < 2; epoch++) {
            for (Batch b : batches) {
                seen.add(b);
                arrays.add(b.x().data());
            }
        }
        // epoch layout: full, full, last(2); the full batches share one object and one array
        assertThat(seen.get(1)).isSameAs(seen.get(0));
        assertThat(seen.get(3)).isSameAs(seen.get(0));
        assertThat(arrays.get(4)).isSameAs(arrays.get(0));
        assertThat(seen.get(2).size()).isEqualTo(2);
        assertThat(seen.get(5)).isSameAs(seen.get(2));
    }

    @Test
    void withReplacementDrawsUniformIndices() {
        Dataset d = numbered(10);
        Batches batches = Batches.withReplacement(d, 4, new Random(2));
        assertThat(batches.batchesPerEpoch()).isEqualTo(2); // max(10 / 4, 1), as in the course
        int[] counts = new int[10];
        int draws = 0;
        for (int epoch = 0; epoch < 2500; epoch++) {
            for (Batch b : batches) {
                assertThat(b.size()).isEqualTo(4);
                for (int id : ids(b)) {
                    counts[id]++;
                    draws++;
                }
            }
        }
        // 20,000 draws over 10 examples: each count ~ 2000 +- 42 (one standard deviation).
        assertThat(draws).isEqualTo(20_000);
        for (int c : counts) {
            assertThat(c).isBetween(1800, 2200);
        }
        assertThat(Batches.withReplacement(numbered(3), 8, new Random(0)).batchesPerEpoch()).isEqualTo(1);
        // Repeats within one batch are possible (unlike a permutation).
        boolean repeat = false;
        for (Batch b : Batches.withReplacement(numbered(3), 8, new Random(0))) {
            repeat |= Arrays.stream(ids(b)).distinct().count() < 8;
        }
        assertThat(repeat).isTrue();
    }

    @Test
    void tensorTargetBatches() {
        Tensor x = Tensor.arange(8).reshape(4, 2);
        Tensor y = Tensor.arange(12).reshape(4, 3);
        Batch b = Batches.inOrder(new Dataset(x, y), 3).iterator().next();
        assertThat(b.t().shape()).containsExactly(3, 3);
        assertThat(b.t().toArray()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThatThrownBy(b::labels).isInstanceOf(KisoException.class);
    }

    @Test
    void augmentedAppliesTheTransformToInputsOnly() {
        BatchTransform plusOne = (batch, rng) -> {
            float[] v = batch.toArray();
            for (int i = 0; i < v.length; i++) {
                v[i] += 1000;
            }
            return Tensor.of(v, batch.shape());
        };
        Batches batches = Batches.inOrder(numbered(4), 2).augmented(plusOne, new Random(0));
        for (Batch b : batches) {
            assertThat(b.x().get(0, 0, 0)).isEqualTo(1000 + b.labels()[0]);
        }
    }

    @Test
    void rejectsBadConfiguration() {
        assertThatThrownBy(() -> Batches.shuffled(numbered(3), 0, new Random()))
                .isInstanceOf(KisoException.class).hasMessageContaining("batch size must be positive");
        assertThatThrownBy(() -> Batches.withReplacement(numbered(0), 2, new Random()))
                .isInstanceOf(KisoException.class).hasMessageContaining("empty");
        java.util.Iterator<Batch> it = Batches.inOrder(numbered(2), 2).iterator();
        it.next();
        assertThatThrownBy(it::next).isInstanceOf(java.util.NoSuchElementException.class);
    }
}
