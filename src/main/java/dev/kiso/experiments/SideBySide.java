package dev.kiso.experiments;

import dev.kiso.data.Batch;
import dev.kiso.data.Batches;
import dev.kiso.data.Dataset;
import dev.kiso.data.FashionMnist;
import dev.kiso.data.TrainTest;
import dev.kiso.models.MultiLayerNet;
import dev.kiso.nn.Affine;
import dev.kiso.nn.Layer;
import dev.kiso.nn.Loss;
import dev.kiso.nn.Parameter;
import dev.kiso.nn.Sequential;
import dev.kiso.nn.SoftmaxCrossEntropy;
import dev.kiso.nn.reg.Regularizer;
import dev.kiso.optim.Optimizer;
import dev.kiso.plot.Chart;
import dev.kiso.plot.Charts;
import dev.kiso.plot.LegendPosition;
import dev.kiso.plot.LineChart;
import dev.kiso.plot.Series;
import dev.kiso.plot.SeriesCsv;
import dev.kiso.tensor.Tensor;
import dev.kiso.train.Trainer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains several networks side by side the way the book's and the course's comparison scripts do
 * (EXPERIMENTS.md §1.2 to §1.4):
 *
 * <pre>
 * for i = 0 .. iterations-1:
 *     draw ONE mini-batch (with replacement, or the next of a shuffled epoch) and give it to every network
 *     each network: forward, loss (recorded), backward, its weight penalty's gradient (if any),
 *                   its optimizer's step on its parameters
 *                   (a network whose outputs become NaN or ∞ stops training; its losses are NaN)
 *     if i is an evaluation point: each network is measured by the probe (after the update)
 * </pre>
 *
 * <p>{@link SampledTraining} runs this loop for one network with a weight penalty, for the
 * regularization experiments.
 *
 * <p>Also the small pieces the experiments share: the course's multi-layer net (a
 * {@link MultiLayerNet} builder), Fashion-MNIST loaded once per JVM, and accuracy over a whole set.
 */
final class SideBySide {

    /** What is measured at an evaluation point, e.g. accuracy on the batch and on the test set. */
    interface Probe {
        /**
         * @param model the network, just updated (measure it in evaluation mode)
         * @param batch the iteration's mini-batch
         * @return the measured values, in a fixed order
         */
        double[] measure(Layer model, Batch batch);
    }

    /** One network in the race: its model, optimizer, the parameters it updates, and its records. */
    static final class Runner {
        final String name;
        final Layer model;
        final Optimizer optimizer;
        final List<Parameter> params;
        final Loss loss = new SoftmaxCrossEntropy();
        /** Its gradient is added to {@link #params}' gradients between backward and the step. */
        Regularizer penalty = Regularizer.none();
        float[] losses = new float[0];
        boolean diverged;
        final List<double[]> points = new ArrayList<>();

        Runner(String name, Layer model, Optimizer optimizer, List<Parameter> params) {
            this.name = name;
            this.model = model;
            this.optimizer = optimizer;
            this.params = params;
        }

        /** @return the iteration (0-based) of each evaluation point */
        double[] iterations() {
            return column(0);
        }

        /**
         * @param k which measured value (the probe's order)
         * @return its value at every evaluation point
         */
        double[] measured(int k) {
            return column(k + 1);
        }

        /** Keeps one evaluation point: the iteration and the probe's values. */
        void record(int iteration, double[] values) {
            double[] point = new double[values.length + 1];
            point[0] = iteration;
            System.arraycopy(values, 0, point, 1, values.length);
            points.add(point);
        }

        private double[] column(int c) {
            double[] out = new double[points.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = points.get(i)[c];
            }
            return out;
        }
    }

    private static TrainTest fashion;

    private final Batches batches;
    private final List<Runner> runners = new ArrayList<>();

    /**
     * @param train     the training set the mini-batches are drawn from
     * @param batchSize examples per mini-batch
     * @param batchRng  draws the mini-batch indices (shared by every network)
     */
    SideBySide(Dataset train, int batchSize, Random batchRng) {
        this(Batches.withReplacement(train, batchSize, batchRng));
    }

    /**
     * A race over other mini-batches, e.g. {@link Batches#shuffled} for epoch shuffling (a new
     * epoch starts whenever the previous one runs out).
     *
     * @param batches the mini-batches, shared by every network
     */
    SideBySide(Batches batches) {
        this.batches = batches;
    }

    /** Adds a network whose optimizer updates all its parameters. */
    Runner add(String name, Layer model, Optimizer optimizer) {
        return add(name, model, optimizer, model.parameters());
    }

    /** Adds a network whose optimizer updates only {@code params} (the course's BN cells skip γ and β). */
    Runner add(String name, Layer model, Optimizer optimizer, List<Parameter> params) {
        Runner r = new Runner(name, model, optimizer, params);
        runners.add(r);
        return r;
    }

    /**
     * Runs the race.
     *
     * @param iterations how many updates
     * @param first      the first iteration (0-based) measured by the probe, after its update
     * @param every      measure every this many iterations from {@code first} (0: never)
     * @param probe      what to measure
     * @param log        progress lines
     */
    void run(int iterations, int first, int every, Probe probe, PrintStream log) {
        for (Runner r : runners) {
            r.losses = new float[iterations];
            r.points.clear();
            r.diverged = false;
        }
        Iterator<Batch> epoch = batches.iterator();
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            if (!epoch.hasNext()) {
                epoch = batches.iterator();
            }
            Batch batch = epoch.next();
            boolean measure = every > 0 && i >= first && (i - first) % every == 0;
            for (Runner r : runners) {
                r.losses[i] = r.diverged ? Float.NaN : step(r, batch, i, log);
                if (measure) {
                    r.record(i, probe.measure(r.model, batch));
                }
            }
            if ((i + 1) % 100 == 0 || i + 1 == iterations) {
                log.printf("  iteration %d/%d (%.0f s)%n", i + 1, iterations, (System.nanoTime() - start) / 1e9);
            }
        }
    }

    /**
     * One training step of one network: forward, loss, backward, update. A network whose outputs
     * are not finite is marked diverged and not updated.
     *
     * @return the loss on the batch, NaN if the network diverged
     */
    private static float step(Runner r, Batch batch, int i, PrintStream log) {
        Tensor y = r.model.forward(batch.x(), true);
        if (!allFinite(y)) {
            r.diverged = true;
            log.printf("  %s diverged at iteration %d (non-finite outputs); it is no longer trained%n", r.name, i);
            return Float.NaN;
        }
        float loss = r.loss.forward(y, batch.t());
        r.model.backward(r.loss.backward());
        r.penalty.addGradients(r.params);
        r.optimizer.step(r.params);
        return loss;
    }

    private static boolean allFinite(Tensor y) {
        float[] d = y.data();
        for (int i = y.offset(), end = y.offset() + y.size(); i < end; i++) {
            if (!Float.isFinite(d[i])) {
                return false;
            }
        }
        return true;
    }

    /** @return the networks, in the order added */
    List<Runner> runners() {
        return runners;
    }

    // ------------------------------------------------------------------ the course's accuracy cells (A3 style)

    /**
     * A race in the course's setting: mini-batches of 100 drawn with replacement from the whole
     * training set, by the context's shared generator.
     */
    static SideBySide course(ExperimentContext context) {
        return new SideBySide(fashion().train(), 100, context.rng(-1));
    }

    /** @return how many test images the course cells measure: all 10,000 (full), the first 2,000 (quick) */
    static int courseTestSamples(Profile profile) {
        return profile.pick(2000, 10000);
    }

    /**
     * Runs a course race with the course notebooks' measurement (EXPERIMENTS.md §1.4): every 10
     * iterations, after the update, "training set" is the accuracy on the current mini-batch and
     * "test set" the accuracy on the test images.
     */
    void runCourse(int iterations, ExperimentContext context) {
        Dataset test = fashion().test().first(courseTestSamples(context.profile()));
        Tensor testX = test.inputs();
        int[] testLabels = test.labels();
        run(iterations, 9, 10, (model, batch) -> new double[] {
                accuracy(model, batch.x(), batch.labels()), accuracy(model, testX, testLabels)}, context.log());
    }

    /**
     * The course's accuracy chart for one network measured by {@link #runCourse}: x "count" (the
     * true iteration count), y "accuracy" 0..1, "training set" and "test set", legend lower right.
     */
    static LineChart coursePanel(String title, Runner r) {
        double[] count = r.iterations();
        for (int i = 0; i < count.length; i++) {
            count[i] += 1;
        }
        return new LineChart().title(title).xLabel("count").yLabel("accuracy").yRange(0, 1)
                .legend(LegendPosition.LOWER_RIGHT)
                .add(Series.of("training set", count, r.measured(0)))
                .add(Series.of("test set", count, r.measured(1)));
    }

    // ------------------------------------------------------------------ shared pieces

    /** @return Fashion-MNIST, loaded on first use and kept for the life of the JVM */
    static synchronized TrainTest fashion() {
        if (fashion == null) {
            fashion = FashionMnist.load();
        }
        return fashion;
    }

    /**
     * The course's multi-layer net (EXPERIMENTS.md §2.1): 784 inputs, these hidden sizes, 10
     * outputs. A BatchNorm, if the caller asks for one, is the book's: ε = 1e-6 and running
     * variance starting at 0 (quirk Q7). Finish with {@code build(rng)}.
     *
     * @param hidden the hidden layers' sizes, e.g. {@code 40, 20}
     * @return the builder, ReLU and He unless changed
     */
    static MultiLayerNet.Builder courseNet(int... hidden) {
        return MultiLayerNet.builder(784, 10).hidden(hidden).batchNormSettings(1e-6f, 0f);
    }

    /** @return the weights and biases of the net's Affine layers only (not γ, β: quirk Q4) */
    static List<Parameter> affineParameters(Sequential model) {
        List<Parameter> params = new ArrayList<>();
        for (Layer layer : model.layers()) {
            if (layer instanceof Affine affine) {
                params.add(affine.weight());
                params.add(affine.bias());
            }
        }
        return params;
    }

    /**
     * Classification accuracy in evaluation mode. A network that diverged (NaN outputs) predicts
     * class 0 everywhere, so it scores the share of class 0, about 0.1.
     *
     * @param model  the network
     * @param x      inputs
     * @param labels class indices
     * @return the share of samples classified right
     */
    static double accuracy(Layer model, Tensor x, int[] labels) {
        int[] predicted = Trainer.predictClasses(model, x, 1000);
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }

    /**
     * The mean of the last {@code n} values (all of them if there are fewer); EXPERIMENTS.md §1.4's
     * "final" (n = 5 evaluation points) and "at the end" (n = 100 iterations).
     */
    static double meanOfLast(double[] values, int n) {
        int from = Math.max(0, values.length - n);
        double sum = 0;
        for (int i = from; i < values.length; i++) {
            sum += values[i];
        }
        return sum / (values.length - from);
    }

    /** {@link #meanOfLast(double[], int)} for a float series (losses). */
    static double meanOfLast(float[] values, int n) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return meanOfLast(d, n);
    }
    /** @return a CSV whose header names the experiment, the seed, the profile and the options; add the settings next */
    static SeriesCsv csv(ExperimentContext context, String id) {
        return context.csv(id);
    }

    /**
     * Writes {@code <id>.png} and {@code <id>.csv} (every series the chart plots, after what the
     * CSV already holds) and returns the result.
     */
    static ExperimentResult write(ExperimentContext context, String id, Chart chart, SeriesCsv csv,
                                  String summary, Map<String, Double> metrics) {
        Path png = context.file(id + ".png");
        Path csvFile = context.file(id + ".csv");
        Charts.writePng(chart, png);
        csv.add(chart).write(csvFile);
        return new ExperimentResult(id, summary, metrics, List.of(png, csvFile));
    }
}
