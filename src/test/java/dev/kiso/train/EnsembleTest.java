package dev.kiso.train;

import dev.kiso.KisoException;
import dev.kiso.data.Dataset;
import dev.kiso.nn.Affine;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnsembleTest {

    private static Tensor probs(float... p) {
        return Tensor.of(p, p.length / 2, 2);
    }

    @Test
    void softAndHardVotingDisagreeWhereOneMemberIsVerySure() {
        // Member A is sure of class 0, B and C lean to class 1: the mean (0.567, 0.433) picks 0,
        // the majority (two votes to one) picks 1.
        List<Tensor> p = List.of(probs(0.9f, 0.1f), probs(0.4f, 0.6f), probs(0.4f, 0.6f));
        assertThat(Ensemble.vote(p, Ensemble.Voting.SOFT)).containsExactly(0);
        assertThat(Ensemble.vote(p, Ensemble.Voting.HARD)).containsExactly(1);
    }

    @Test
    void hardVoteTieGoesToTheLowestClassAndRowsAreIndependent() {
        List<Tensor> p = List.of(probs(0.2f, 0.8f, 0.7f, 0.3f), probs(0.8f, 0.2f, 0.6f, 0.4f));
        assertThat(Ensemble.vote(p, Ensemble.Voting.HARD)).containsExactly(0, 0);
        assertThat(Ensemble.vote(p, Ensemble.Voting.SOFT)).containsExactly(0, 0);
        List<Tensor> q = List.of(probs(0.3f, 0.7f, 0.9f, 0.1f));
        assertThat(Ensemble.vote(q, Ensemble.Voting.HARD)).containsExactly(1, 0);
    }

    @Test
    void predictsWithTheMembersSoftmaxes() {
        // Two linear "models" on 2-D input whose logits are x and -x: soft voting averages
        // softmax(x) and softmax(-x), which is (0.5, 0.5) everywhere, so the first class wins.
        Affine same = linear(1, 0, 0, 1);
        Affine swapped = linear(-1, 0, 0, -1);
        Tensor x = Tensor.of(new float[] {2, 0, 0, 3}, 2, 2);
        assertThat(new Ensemble(List.of(same)).predictClasses(x, Ensemble.Voting.SOFT)).containsExactly(0, 1);
        assertThat(new Ensemble(List.of(swapped)).predictClasses(x, Ensemble.Voting.SOFT)).containsExactly(1, 0);
        Ensemble two = new Ensemble(List.of(same, swapped, same));
        assertThat(two.predictClasses(x, Ensemble.Voting.HARD)).containsExactly(0, 1);
        assertThat(two.accuracy(x, new int[] {0, 0}, Ensemble.Voting.HARD)).isEqualTo(0.5);
        List<Tensor> p = two.memberProbabilities(x);
        assertThat(p).hasSize(3);
        double e2 = Math.exp(2);
        assertThat(p.get(0).get(0, 0)).isCloseTo((float) (e2 / (e2 + 1)), org.assertj.core.data.Offset.offset(1e-6f));
    }

    private static Affine linear(float a, float b, float c, float d) {
        Affine layer = new Affine(2, 2);
        float[] w = {a, b, c, d};
        for (int i = 0; i < 4; i++) {
            layer.weight().value().set(w[i], i / 2, i % 2);
        }
        layer.bias().value().set(0f, 0);
        layer.bias().value().set(0f, 1);
        return layer;
    }

    @Test
    void baggingTrainsEachMemberOnItsOwnBootstrapSampleInOrder() {
        Tensor x = Tensor.arange(20).reshape(10, 2);
        int[] labels = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
        Dataset data = new Dataset(x, labels);
        List<Integer> members = new ArrayList<>();
        List<float[]> samples = new ArrayList<>();
        Ensemble e = Ensemble.bagging(data, 3, new Random(5), (k, sample) -> {
            members.add(k);
            samples.add(sample.inputs().contiguous().toArray());
            return linear(1, 0, 0, 1);
        });
        assertThat(e.size()).isEqualTo(3);
        assertThat(members).containsExactly(0, 1, 2);
        Random reference = new Random(5);
        for (float[] s : samples) {
            assertThat(s).containsExactly(data.bootstrap(reference).inputs().contiguous().toArray());
        }
        assertThat(samples.get(0)).isNotEqualTo(samples.get(1));
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> new Ensemble(List.of())).isInstanceOf(KisoException.class)
                .hasMessageContaining("Ensemble");
        assertThatThrownBy(() -> Ensemble.vote(List.of(probs(1, 0), probs(1, 0, 0, 1)), Ensemble.Voting.SOFT))
                .isInstanceOf(KisoException.class).hasMessageContaining("shape");
        assertThatThrownBy(() -> Ensemble.bagging(new Dataset(Tensor.zeros(2, 2), new int[] {0, 1}), 0,
                new Random(1), (k, s) -> null)).isInstanceOf(KisoException.class).hasMessageContaining("k must");
        assertThatThrownBy(() -> Ensemble.accuracy(new int[] {1}, new int[] {1, 2}))
                .isInstanceOf(KisoException.class).hasMessageContaining("1 predictions for 2 labels");
    }
}
