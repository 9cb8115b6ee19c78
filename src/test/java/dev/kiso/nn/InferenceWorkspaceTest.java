package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.models.Models;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Evaluation through an {@link InferenceWorkspace} (and so {@link Sequential#forward} in evaluation
 * mode) against the plain path, every leaf layer's {@code forward(x, false)} with fresh outputs:
 * the same bits, outputs that stay valid, memory that is reused and released.
 */
class InferenceWorkspaceTest {

    /** The plain evaluation path: containers opened, every leaf layer's {@code forward(x, false)}. */
    private static Tensor plain(Layer layer, Tensor x) {
        if (layer instanceof Sequential seq) {
            Tensor out = x;
            for (Layer child : seq.layers()) {
                out = plain(child, out);
            }
            return out;
        }
        return layer.forward(x, false);
    }

    private static Tensor images(Random rng, int n) {
        return Tensor.randn(rng, 0f, 1f, n, 1, 28, 28);
    }

    @Test
    void benchmarkModelsGiveTheBitsOfThePlainPathAcrossBatchSizes() {
        Random rng = new Random(3);
        for (String name : List.of("mlp", "simplecnn", "deepcnn")) {
            Sequential model = Models.create(name, 0.5f);
            InferenceWorkspace workspace = new InferenceWorkspace();
            for (int n : new int[] {7, 7, 3, 7}) {   // reuse, a smaller batch, back again
                Tensor x = images(rng, n);
                float[] expected = plain(model, x).toArray();
                assertThat(workspace.forward(model, x).toArray()).as(name + ", batch " + n).isEqualTo(expected);
                assertThat(model.forward(x, false).toArray()).as(name + " forward, batch " + n).isEqualTo(expected);
            }
        }
    }

    @Test
    void batchNormEvaluatesWithItsRunningStatisticsInTheWorkspace() {
        Random rng = new Random(11);
        Sequential model = new Sequential(new Affine(6, 5), new BatchNorm(5), new ReLU(), new Affine(5, 3));
        for (int step = 0; step < 3; step++) {   // running mean and variance away from 0 and 1
            model.forward(Tensor.randn(rng, 1f, 2f, 8, 6), true);
        }
        InferenceWorkspace workspace = new InferenceWorkspace();
        for (int n : new int[] {4, 4, 1}) {
            Tensor x = Tensor.randn(rng, 0f, 1f, n, 6);
            assertThat(workspace.forward(model, x).toArray()).isEqualTo(plain(model, x).toArray());
        }
    }

    @Test
    void aResidualBlockKeepsItsInputIntactForTheShortcut() {
        // y = relu(h + A2·relu(A1·h)) with h = A0·x: the block's layers must not write over h.
        Random rng = new Random(4);
        Affine a0 = new Affine(6, 5);
        Affine a1 = new Affine(5, 5);
        Affine a2 = new Affine(5, 5);
        Sequential model = new Sequential(a0, new Residual(new Sequential(a1, new ReLU(), a2)), new ReLU());
        Tensor x = Tensor.randn(rng, 0f, 1f, 4, 6);
        float[] h = a0.forward(x, false).toArray();
        float[] f = a2.forward(new ReLU().forward(a1.forward(Tensor.of(h, 4, 5), false), false), false).toArray();
        float[] expected = new float[h.length];
        for (int i = 0; i < h.length; i++) {
            expected[i] = Math.max(0f, f[i] + h[i]);
        }
        InferenceWorkspace workspace = new InferenceWorkspace();
        for (int pass = 0; pass < 3; pass++) {
            assertThat(workspace.forward(model, x).toArray()).isEqualTo(expected);
        }
        Sequential resnet = Models.create("resnet20", 0f);
        Tensor images = images(rng, 2);
        assertThat(resnet.forward(images, false).toArray()).isEqualTo(plain(resnet, images).toArray());
    }

    @Test
    void returnedOutputsAreNeverOverwrittenByLaterCalls() {
        Random rng = new Random(5);
        Sequential model = Models.create("mlp", 0f);
        Tensor x1 = images(rng, 4);
        Tensor y1 = model.forward(x1, false);
        float[] kept = y1.toArray();
        Tensor y2 = model.forward(images(rng, 4), false);
        model.forward(images(rng, 4), false);
        assertThat(y1.toArray()).isEqualTo(kept);
        assertThat(y2.data()).isNotSameAs(y1.data());

        InferenceWorkspace workspace = new InferenceWorkspace();
        Tensor mine = workspace.forward(model, x1);
        assertThat(workspace.owns(mine)).isFalse();
        workspace.forward(model, images(rng, 4));
        assertThat(mine.toArray()).isEqualTo(kept);
    }

    @Test
    void inferMayReturnWorkspaceMemoryThatTheNextCallReuses() {
        Random rng = new Random(6);
        Sequential model = new Sequential(new Affine(3, 4), new ReLU(), new Affine(4, 4));
        InferenceWorkspace workspace = new InferenceWorkspace();
        Tensor x = Tensor.randn(rng, 0f, 1f, 2, 3);
        Tensor y = model.infer(x, workspace);
        assertThat(workspace.owns(y)).isTrue();
        float[] first = y.toArray();
        Tensor again = model.infer(Tensor.randn(rng, 0f, 1f, 2, 3), workspace);
        // three outputs of one size share two arrays: the third reuses the first's
        assertThat(workspace.bytes()).isEqualTo(2L * 2 * 4 * Float.BYTES);
        assertThat(again.data()).isSameAs(y.data());
        assertThat(y.toArray()).isNotEqualTo(first);
    }

    @Test
    void anOutputNeverSharesItsInputsArray() {
        InferenceWorkspace workspace = new InferenceWorkspace();
        Tensor a = workspace.output(new int[] {2, 3}, Tensor.zeros(1));
        Tensor b = workspace.output(new int[] {3, 2}, a);
        Tensor c = workspace.output(new int[] {6}, b);
        assertThat(b.data()).isNotSameAs(a.data());
        assertThat(c.data()).isSameAs(a.data());
        assertThat(c.shape()).containsExactly(6);
    }

    @Test
    void memoryFollowsTheBatchSizeAndIsReleased() {
        Random rng = new Random(7);
        Sequential model = Models.create("simplecnn", 0f);
        InferenceWorkspace big = new InferenceWorkspace();
        big.forward(model, images(rng, 6));
        long six = big.bytes();
        big.forward(model, images(rng, 6));
        assertThat(big.bytes()).as("same shapes, no new arrays").isEqualTo(six);
        InferenceWorkspace small = new InferenceWorkspace();
        small.forward(model, images(rng, 2));
        assertThat(small.bytes()).isLessThan(six);
        for (int pass = 0; pass < 2; pass++) {
            big.forward(model, images(rng, 2));
        }
        assertThat(big.bytes()).as("the batch-6 arrays are dropped two passes later").isEqualTo(small.bytes());
        big.release();
        assertThat(big.bytes()).isZero();
        assertThat(big.forward(model, images(rng, 1)).shape()).containsExactly(1, 10);
    }

    @Test
    void threadsEvaluatingOneModelAtOnceGetTheBitsOfThePlainPath() throws Exception {
        Random rng = new Random(8);
        Sequential model = Models.create("simplecnn", 0f);
        List<Tensor> inputs = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Tensor x = images(rng, 3 + i);
            inputs.add(x);
            expected.add(plain(model, x).toArray());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = t;
                results.add(pool.submit(() -> {
                    boolean same = true;
                    for (int call = 0; call < 12; call++) {
                        int i = (first + call) % 4;
                        same &= java.util.Arrays.equals(model.forward(inputs.get(i), false).toArray(), expected.get(i));
                    }
                    return same;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aBadInputStillNamesTheLayerAndLeavesTheModelUsable() {
        Sequential model = Models.create("mlp", 0f);
        assertThatThrownBy(() -> model.forward(Tensor.zeros(2, 5), false))
                .isInstanceOf(KisoException.class).hasMessageContaining("Affine");
        Tensor x = images(new Random(9), 2);
        assertThat(model.forward(x, false).toArray()).isEqualTo(plain(model, x).toArray());
    }

    @Test
    void evaluationLeavesTheTrainingCacheAlone() {
        Random rng = new Random(10);
        Sequential model = Models.create("simplecnn", 0f);
        Sequential twin = Models.create("simplecnn", 0f);
        Tensor x = images(rng, 3);
        Tensor dout = Tensor.randn(rng, 0f, 1f, 3, 10);
        model.forward(x, true);
        twin.forward(x, true);
        model.forward(images(rng, 3), false);   // between the training forward and its backward
        assertThat(model.backward(dout).toArray()).isEqualTo(twin.backward(dout).toArray());
    }
}
