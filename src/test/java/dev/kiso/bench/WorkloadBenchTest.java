package dev.kiso.bench;

import dev.kiso.data.Dataset;
import dev.kiso.data.FashionMnist;
import dev.kiso.data.TrainTest;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark shuffles the training set in place, batch by batch as the steps use it: every pass
 * must be a permutation of the examples that keeps each image with its label.
 */
class WorkloadBenchTest {
    private static final int PIXELS = 28 * 28;

    /** {@code n} images, image {@code i} filled with the value {@code i}, labelled {@code i % 10}. */
    private static Dataset numbered(int n) {
        float[] x = new float[n * PIXELS];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(x, i * PIXELS, (i + 1) * PIXELS, i);
            labels[i] = i % 10;
        }
        return new Dataset(Tensor.of(x, n, 1, 28, 28), labels);
    }

    /** The image numbers of the rows, checking that each row is one whole image with its label. */
    private static int[] rowsOf(Dataset train) {
        float[] x = train.inputs().contiguous().toArray();
        float[] t = train.targets().toArray();
        int[] rows = new int[t.length];
        for (int r = 0; r < rows.length; r++) {
            int image = (int) x[r * PIXELS];
            for (int p = 1; p < PIXELS; p++) {
                assertThat(x[r * PIXELS + p]).as("row %d pixel %d", r, p).isEqualTo(image);
            }
            assertThat((int) t[r]).as("label of row %d", r).isEqualTo(image % 10);
            rows[r] = image;
        }
        return rows;
    }

    @Test
    void eachPassIsAPermutationThatKeepsImagesWithTheirLabels() {
        int n = 3 * WorkloadBench.BATCH;
        TrainTest data = new TrainTest(numbered(n), numbered(10), FashionMnist.CLASS_NAMES, Path.of("test"));
        WorkloadBench bench = WorkloadBench.prepare(Workload.W1, data);
        int[] before = rowsOf(data.train());

        bench.step();   // shuffles the rows of the first batch only
        int[] afterOne = rowsOf(data.train());
        bench.step();
        bench.step();   // the whole first pass
        int[] afterPass = rowsOf(data.train());
        bench.step();   // the first batch of a second pass
        int[] secondPass = rowsOf(data.train());

        Set<Integer> all = new HashSet<>();
        for (int r : afterPass) {
            all.add(r);
        }
        assertThat(all).as("a pass is a permutation").hasSize(n);
        assertThat(afterPass).as("the pass changed the order").isNotEqualTo(before);
        // rows beyond the first batch stay as they were until their batch comes (the shuffle swaps
        // a row into the batch and the batch's row out, so only swapped rows moved)
        int unmoved = 0;
        for (int r = WorkloadBench.BATCH; r < n; r++) {
            unmoved += afterOne[r] == before[r] ? 1 : 0;
        }
        assertThat(unmoved).as("rows after the first batch untouched by its shuffle").isGreaterThanOrEqualTo(n / 3);
        assertThat(secondPass).as("a new pass reshuffles").isNotEqualTo(afterPass);
    }
}
