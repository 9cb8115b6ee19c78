package dev.kiso.experiments;

import dev.kiso.data.Batch;
import dev.kiso.data.Batches;
import dev.kiso.data.Dataset;
import dev.kiso.data.FashionMnist;
import dev.kiso.data.TrainTest;
import dev.kiso.nn.Affine;
import dev.kiso.nn.Dropout;
import dev.kiso.nn.Layer;
import dev.kiso.nn.Parameter;
import dev.kiso.nn.ReLU;
import dev.kiso.nn.Sequential;
import dev.kiso.nn.SoftmaxCrossEntropy;
import dev.kiso.nn.reg.Regularizer;
import dev.kiso.optim.Optimizer;
import dev.kiso.plot.Chart;
import dev.kiso.plot.Charts;
import dev.kiso.plot.SeriesCsv;
import dev.kiso.tensor.Tensor;
import dev.kiso.train.Accuracy;
import dev.kiso.train.Trainer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * The book's and the course's training loop (EXPERIMENTS.md §1.3, §1.4), shared by the
 * regularization experiments: every iteration draws a mini-batch <em>with replacement</em>, takes
 * one step (forward, backward, penalty gradient, optimizer), and at the iterations the
 * {@link Timing} names the accuracy on the whole training set and the test set is recorded.
 * {@code Sequential.fit} shuffles per epoch and evaluates per epoch; the originals do neither.
 */
final class SampledTraining {

    private static TrainTest fashion;

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

        boolean evaluatesAfter(int i) {
            return book ? i % every == 0 : (i + 1) % every == 0;
        }

        double x(int i) {
            return book ? (double) (i / iterationsPerEpoch) : i + 1;
        }

        String xLabel() {
            return book ? "epochs" : "iterations";
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
            return lastMean(train, 5);
        }

        double finalTest() {
            return lastMean(test, 5);
        }

        double finalGap() {
            return finalTrain() - finalTest();
        }
    }

    /** Fashion-MNIST, loaded once per JVM. */
    static synchronized TrainTest fashion() {
        if (fashion == null) {
            fashion = FashionMnist.load();
        }
        return fashion;
    }

    /** The first {@code n} samples of a set, images flattened to {@code [n, 784]} for an MLP. */
    static Dataset flatFirst(Dataset data, int n) {
        Dataset first = data.first(n);
        Tensor x = first.inputs();
        return new Dataset(x.reshape(n, x.size() / n), first.labels());
    }

    /**
     * The MLP of EXPERIMENTS.md §2.1: {@code Affine → ReLU [→ Dropout]} per hidden layer, then an
     * output {@code Affine}; He-normal weights, zero biases, initialized from {@code seed}.
     */
    static Sequential mlp(long seed, float dropout, int... sizes) {
        List<Layer> layers = new ArrayList<>();
        for (int k = 0; k + 1 < sizes.length; k++) {
            layers.add(new Affine(sizes[k], sizes[k + 1]));
            if (k + 2 < sizes.length) {
                layers.add(new ReLU());
                if (dropout > 0) {
                    layers.add(new Dropout(dropout));
                }
            }
        }
        return new Sequential(layers).initialize(seed);
    }

    /** {@code 784 → [hidden] × depth → 10}. */
    static int[] sizes(int hidden, int depth) {
        int[] s = new int[depth + 2];
        s[0] = 784;
        for (int k = 1; k <= depth; k++) {
            s[k] = hidden;
        }
        s[depth + 1] = 10;
        return s;
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
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        List<Parameter> params = model.parameters();
        Batches batches = Batches.withReplacement(train, batchSize, batchRng);
        Iterator<Batch> epoch = batches.iterator();
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < timing.iterations(); i++) {
            if (!epoch.hasNext()) {
                epoch = batches.iterator();
            }
            Batch b = epoch.next();
            Tensor y = model.forward(b.x(), true);
            loss.forward(y, b.t());
            model.backward(loss.backward());
            penalty.addGradients(params);
            optimizer.step(params);
            if (timing.evaluatesAfter(i)) {
                points.add(new double[] {timing.x(i), accuracy(model, train), accuracy(model, test)});
            }
        }
        double[] x = new double[points.size()];
        double[] trainAcc = new double[points.size()];
        double[] testAcc = new double[points.size()];
        for (int p = 0; p < x.length; p++) {
            x[p] = points.get(p)[0];
            trainAcc[p] = points.get(p)[1];
            testAcc[p] = points.get(p)[2];
        }
        return new Curves(x, trainAcc, testAcc);
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

    /** The mean of the last {@code k} values (all of them if fewer). */
    static double lastMean(double[] y, int k) {
        int from = Math.max(0, y.length - k);
        double s = 0;
        for (int i = from; i < y.length; i++) {
            s += y[i];
        }
        return s / (y.length - from);
    }

    /** A CSV whose header starts with the experiment's id, seed and profile. */
    static SeriesCsv csv(ExperimentContext context, String id) {
        return new SeriesCsv().setting("experiment", id).setting("seed", context.seed())
                .setting("profile", context.profile().name().toLowerCase());
    }

    /** Writes {@code <id>.png} and {@code <id>.csv} (the settings in {@code csv} plus every plotted series). */
    static List<Path> write(ExperimentContext context, String id, Chart chart, SeriesCsv csv) {
        Path png = context.file(id + ".png");
        Path data = context.file(id + ".csv");
        Charts.writePng(chart, png);
        csv.add(chart).write(data);
        return List.of(png, data);
    }
}
