// Ensemble: K models vote on each example (bagging when each member saw its own bootstrap sample).
//
// soft voting: p(x) = (1/K) Σ_k softmax(f_k(x)),   class = argmax_c p(x)_c
// hard voting: votes_c(x) = #{k : argmax f_k(x) = c},  class = argmax_c votes_c (ties: lowest class)

package dev.kiso.train;

import dev.kiso.KisoException;
import dev.kiso.data.Dataset;
import dev.kiso.nn.Layer;
import dev.kiso.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A committee of trained classifiers that predicts by voting. {@link #bagging} builds the classic
 * bootstrap ensemble (Breiman's bagging): each member trains on its own bootstrap sample of the
 * data ({@link Dataset#bootstrap(Random)}), so the members make partly independent errors and their
 * vote has lower variance than any one of them.
 *
 * <p>Two ways to vote:
 * <ul>
 *   <li>{@link Voting#SOFT}: average the members' softmax probabilities, take the most probable
 *       class;</li>
 *   <li>{@link Voting#HARD}: each member votes for its own top class, the class with most votes
 *       wins; a tie goes to the lowest class index.</li>
 * </ul>
 *
 * <pre>{@code
 * Ensemble bag = Ensemble.bagging(train, 10, new Random(7), (k, sample) -> {
 *     Sequential net = new Sequential(new Affine(784, 100), new ReLU(), new Affine(100, 10)).initialize(k);
 *     net.fit(sample.inputs(), sample.targets(), config);
 *     return net;
 * });
 * double acc = bag.accuracy(test.inputs(), test.labels(), Ensemble.Voting.SOFT);
 * }</pre>
 */
public final class Ensemble {

    /** How the members' outputs are combined into one class. */
    public enum Voting {
        /** Average of the members' softmax probabilities. */
        SOFT,
        /** Majority of the members' predicted classes (ties: lowest class index). */
        HARD
    }

    /** Trains one member on its bootstrap sample. */
    @FunctionalInterface
    public interface MemberTrainer {
        /**
         * @param member the member's index, 0..K-1 (use it to give each member its own seed)
         * @param sample the member's bootstrap sample of the data
         * @return the trained model, returning logits {@code [N, classes]}
         */
        Layer train(int member, Dataset sample);
    }

    private static final int BATCH = Trainer.DEFAULT_EVAL_BATCH;

    private final List<Layer> members;

    /**
     * An ensemble of already trained models.
     *
     * @param members the models, each returning logits {@code [N, classes]}; at least one
     * @throws KisoException if there are none
     */
    public Ensemble(List<? extends Layer> members) {
        if (members == null || members.isEmpty()) {
            throw new KisoException("Ensemble: needs at least one member");
        }
        this.members = List.copyOf(members);
    }

    /**
     * Bagging: draws {@code k} bootstrap samples of {@code data} from {@code rng}, one after the
     * other, and trains one member on each.
     *
     * @param data    the training set
     * @param k       the number of members, at least 1
     * @param rng     draws the bootstrap samples
     * @param trainer trains a member on its sample
     * @return the ensemble
     * @throws KisoException if k &lt; 1 or the data is empty
     */
    public static Ensemble bagging(Dataset data, int k, Random rng, MemberTrainer trainer) {
        if (k < 1) {
            throw new KisoException("Ensemble.bagging: k must be at least 1, found " + k);
        }
        if (data.size() == 0) {
            throw new KisoException("Ensemble.bagging: the training set is empty");
        }
        List<Layer> members = new ArrayList<>();
        for (int member = 0; member < k; member++) {
            members.add(trainer.train(member, data.bootstrap(rng)));
        }
        return new Ensemble(members);
    }

    /** @return the members, in training order */
    public List<Layer> members() {
        return members;
    }

    /** @return the number of members */
    public int size() {
        return members.size();
    }

    /**
     * Each member's softmax probabilities on {@code x} (evaluation mode).
     *
     * @param x the inputs {@code [N, ...]}
     * @return one {@code [N, classes]} tensor per member, in member order
     */
    public List<Tensor> memberProbabilities(Tensor x) {
        List<Tensor> p = new ArrayList<>();
        for (Layer m : members) {
            p.add(Trainer.predict(m, x, BATCH));
        }
        return p;
    }

    /**
     * The ensemble's predicted class for each example.
     *
     * @param x      the inputs {@code [N, ...]}
     * @param voting soft or hard
     * @return {@code N} class indices
     */
    public int[] predictClasses(Tensor x, Voting voting) {
        return vote(memberProbabilities(x), voting);
    }

    /**
     * The share of examples whose voted class equals the label.
     *
     * @param x      the inputs {@code [N, ...]}
     * @param labels the {@code N} class indices
     * @param voting soft or hard
     * @return accuracy in [0, 1]
     */
    public double accuracy(Tensor x, int[] labels, Voting voting) {
        return accuracy(predictClasses(x, voting), labels);
    }

    /**
     * Combines members' probabilities into classes (lets a caller score every prefix of the
     * members from one set of predictions).
     *
     * @param probabilities one {@code [N, classes]} tensor per member, all the same shape
     * @param voting        soft or hard
     * @return {@code N} class indices
     * @throws KisoException if the list is empty or the shapes differ
     */
    public static int[] vote(List<Tensor> probabilities, Voting voting) {
        if (probabilities.isEmpty()) {
            throw new KisoException("Ensemble.vote: needs at least one member's probabilities");
        }
        Tensor first = probabilities.get(0);
        if (first.rank() != 2) {
            throw new KisoException("Ensemble.vote: expected probabilities [N, classes], found "
                    + Arrays.toString(first.shape()));
        }
        int n = first.shape(0);
        int classes = first.shape(1);
        double[] score = new double[n * classes];
        double[] row = new double[classes];
        for (Tensor p : probabilities) {
            if (!Arrays.equals(p.shape(), first.shape())) {
                throw new KisoException("Ensemble.vote: members disagree on shape: "
                        + Arrays.toString(first.shape()) + " vs " + Arrays.toString(p.shape()));
            }
            Tensor c = p.contiguous();
            float[] d = c.data();
            int off = c.offset();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < classes; j++) {
                    row[j] = d[off + i * classes + j];
                }
                if (voting == Voting.SOFT) {
                    for (int j = 0; j < classes; j++) {
                        score[i * classes + j] += row[j];
                    }
                } else {
                    score[i * classes + argmax(row, 0, classes)] += 1;
                }
            }
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = argmax(score, i * classes, classes);
        }
        return out;
    }

    /**
     * The share of predictions equal to the labels.
     *
     * @param predicted predicted classes
     * @param labels    true classes, same length
     * @return accuracy in [0, 1]
     * @throws KisoException if the lengths differ or are zero
     */
    public static double accuracy(int[] predicted, int[] labels) {
        if (predicted.length != labels.length || labels.length == 0) {
            throw new KisoException("Ensemble.accuracy: " + predicted.length + " predictions for "
                    + labels.length + " labels");
        }
        int hits = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                hits++;
            }
        }
        return (double) hits / labels.length;
    }

    /** First index of the largest value in {@code v[off .. off+len)}. */
    private static int argmax(double[] v, int off, int len) {
        int best = 0;
        for (int j = 1; j < len; j++) {
            if (v[off + j] > v[off + best]) {
                best = j;
            }
        }
        return best;
    }
}
