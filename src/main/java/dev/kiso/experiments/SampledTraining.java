package dev.kiso.experiments;

import dev.kiso.data.Dataset;
import dev.kiso.models.MultiLayerNet;
import dev.kiso.nn.Layer;
import dev.kiso.nn.Sequential;
import dev.kiso.nn.SoftmaxCrossEntropy;
import dev.kiso.nn.reg.Regularizer;
import dev.kiso.optim.Optimizer;
import dev.kiso.tensor.Tensor;
import dev.kiso.train.Accuracy;
import dev.kiso.train.Trainer;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The book's and the course's training loop (EXPERIMENTS.md §1.3, §1.4), shared by the
 * regularization experiments: every iteration draws a mini-batch <em>with replacement</em>, takes
 * one step (forward, backward, penalty gradient, optimizer), and at the iterations the
 * {@link Timing} names the accuracy on the whole training set and the test set is recorded.
 * {@code Sequential.fit} shuffles per epoch and evaluates per epoch; the originals do neither.
 *
 * <p>The loop is {@link SideBySide}'s, run with one network and its weight penalty (so a network
 * whose outputs become NaN or ∞ stops being updated, as there); what this class adds is the book's
 * and the course's timing and the accuracy on the whole sets.
 */
final class SampledTraining {

    private SampledTraining() {
    }

    /**
     * When to evaluate. Book scripts: after iterations {@code i = 0, k, 2k, ...} (0-based, so the
     * first point follows the first update), x = epoch {@code i / iterationsPerEpoch}. Course
     * notebooks: after iterations {@code i + 1 = k, 2k, ...}, x = {@code i + 1}.
     *
     * @param iterations         updates in all
     * @param every              k, iterations between evaluations
     * @param iterationsPerEpoch iterations in one "epoch" (book timing; x axis in epochs)
     * @param book               the book's timing (else the course's)
     */
    record Timing(int iterations, int every, int iterationsPerEpoch, boolean book) {

        /** The book's: {@code epochs} evaluation points, {@code (epochs − 1)·k + 1} updates. */
        static Timing book(int epochs, int iterationsPerEpoch) {
            return new Timing((epochs - 1) * iterationsPerEpoch + 1, iterationsPerEpoch, iterationsPerEpoch, true);
        }

        /** The course's: {@code iterations} updates, an evaluation after every {@code every}. */
        static Timing course(int iterations, int every) {
            return new Timing(iterations, every, 1, false);
        }

        /** @return the first evaluated iteration (0-based) */
        int first() {
            return book ? 0 : every - 1;
        }

        boolean evaluatesAfter(int i) {
            return book ? i % every == 0 : (i + 1) % every == 0;
        }

        double x(int i) {
            return book ? (double) (i / iterationsPerEpoch) : i + 1;
        }

        @Override
        public String toString() {
            return iterations + " updates, evaluated after update i (from 0) when "
                    + (book ? "i % " + every + " == 0, x = i / " + iterationsPerEpoch + " (book)"
                            : "(i + 1) % " + every + " == 0, x = i + 1 (course)");
        }
    }

    /**
     * Accuracy curves of one run.
     *
     * @param x     the evaluation points (epochs or iterations)
     * @param train accuracy on the whole training set at each point
     * @param test  accuracy on the test set at each point
     */
    record Curves(double[] x, double[] train, double[] test) {

        /** "Final" (§1.4): the mean of the last 5 evaluation points. */
        double finalTrain() {
            return SideBySide.meanOfLast(train, 5);
        }

        double finalTest() {
            return SideBySide.meanOfLast(test, 5);
        }

        double finalGap() {
            return finalTrain() - finalTest();
        }
    }

    /** The first {@code n} samples of a set, images flattened to {@code [n, 784]} for an MLP. */
    static Dataset flatFirst(Dataset data, int n) {
        Dataset first = data.first(n);
        Tensor x = first.inputs();
        return new Dataset(x.reshape(n, x.size() / n), first.labels());
    }

    /**
     * The MLP of EXPERIMENTS.md §2.1 for Fashion-MNIST: {@code 784 → [width] × depth → 10}, each
     * hidden layer {@code Affine → ReLU [→ Dropout]}; He-normal weights, zero biases, drawn from
     * {@code seed}.
     */
    static Sequential mlp(int width, int depth, float dropout, long seed) {
        int[] hidden = new int[depth];
        Arrays.fill(hidden, width);
        return MultiLayerNet.builder(784, 10).hidden(hidden).dropout(dropout).build().initialize(seed);
    }

    /**
     * Trains with with-replacement mini-batches and records the accuracy curves.
     *
     * @param model     the model, trained in place
     * @param optimizer the update rule
     * @param penalty   the weight penalty (its gradient is added after backward)
     * @param train     the training set (also evaluated whole)
     * @param test      the test set
     * @param batchSize samples per mini-batch
     * @param timing    how many updates and when to evaluate
     * @param batchRng  draws the mini-batch indices (give every compared run the same seed)
     * @return the curves
     */
    static Curves train(Sequential model, Optimizer optimizer, Regularizer penalty, Dataset train, Dataset test,
                        int batchSize, Timing timing, Random batchRng) {
        SideBySide race = new SideBySide(train, batchSize, batchRng);
        SideBySide.Runner runner = race.add("model", model, optimizer);
        runner.penalty = penalty;
        race.run(timing.iterations(), timing.first(), timing.every(),
                (m, batch) -> new double[] {accuracy(m, train), accuracy(m, test)},
                new PrintStream(OutputStream.nullOutputStream()));
        double[] x = runner.iterations();
        for (int p = 0; p < x.length; p++) {
            x[p] = timing.x((int) x[p]);
        }
        return new Curves(x, runner.measured(0), runner.measured(1));
    }

    /** Accuracy of the model (evaluation mode) on a labelled set. */
    static double accuracy(Layer model, Dataset data) {
        return Trainer.evaluate(model, data.inputs(), data.targets(), new SoftmaxCrossEntropy(),
                List.of(new Accuracy()), 1000).accuracy();
    }

    /** Share of the weights of {@code w} with {@code |w| < threshold}. */
    static double shareBelow(Tensor w, double threshold) {
        float[] d = w.contiguous().data();
        int off = w.contiguous().offset();
        long small = 0;
        for (int i = 0; i < w.size(); i++) {
            if (Math.abs(d[off + i]) < threshold) {
                small++;
            }
        }
        return (double) small / w.size();
    }
}
