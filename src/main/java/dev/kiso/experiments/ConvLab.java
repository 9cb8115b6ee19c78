package dev.kiso.experiments;

import dev.kiso.data.Dataset;
import dev.kiso.nn.Layer;
import dev.kiso.nn.Sequential;
import dev.kiso.nn.SoftmaxCrossEntropy;
import dev.kiso.optim.Adam;
import dev.kiso.plot.Chart;
import dev.kiso.plot.Charts;
import dev.kiso.plot.SeriesCsv;
import dev.kiso.tensor.Tensor;
import dev.kiso.train.Accuracy;
import dev.kiso.train.FitConfig;
import dev.kiso.train.Trainer;
import dev.kiso.train.TrainingListener;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Plumbing shared by the convolution and augmentation/ensemble experiments (Fashion-MNIST comes
 * from {@link SideBySide#fashion()}'s cache): an Adam training run that records the loss of every iteration and evaluates every
 * {@code k} iterations (or every epoch), shape traces, and writing the chart, CSV and result.
 */
final class ConvLab {
    private ConvLab() {
    }

    /** What an experiment does, given its context. */
    @FunctionalInterface
    interface Body {
        ExperimentResult run(ExperimentContext context) throws IOException;
    }

    /** @return an experiment with this id and description, without options of its own, that runs {@code body} */
    static Experiment experiment(String id, String description, Body body) {
        return experiment(id, description, List.of(), body);
    }

    /** @return an experiment with this id, description and these options that runs {@code body} */
    static Experiment experiment(String id, String description, List<ExperimentOption> options, Body body) {
        return new Experiment() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public List<ExperimentOption> options() {
                return options;
            }

            @Override
            public ExperimentResult run(ExperimentContext context) throws IOException {
                Files.createDirectories(context.outDir());
                return body.run(context);
            }
        };
    }

    /**
     * What a training run measured: the loss of every iteration, and accuracies (and test loss) at
     * the evaluation points.
     *
     * @param at       iteration (1-based) of each evaluation point
     * @param epoch    epoch (1-based, fractional for mid-epoch points) of each evaluation point
     * @param trainAcc accuracy on the training-evaluation set at each point
     * @param testAcc  accuracy on the test set at each point
     * @param loss     the mini-batch loss of every iteration
     * @param seconds  wall time of the run
     */
    record Curves(double[] at, double[] epoch, double[] trainAcc, double[] testAcc, double[] loss, double seconds) {
        /** @return "final" test accuracy: mean of the last 5 evaluation points (EXPERIMENTS.md §1.4) */
        double finalTest() {
            return tailMean(testAcc, 5);
        }

        /** @return final training accuracy, likewise */
        double finalTrain() {
            return tailMean(trainAcc, 5);
        }

        /** @return mean mini-batch loss over the last {@code n} iterations */
        double lossAtEnd(int n) {
            return tailMean(loss, n);
        }
    }

    /**
     * Trains {@code model} with Adam and softmax cross-entropy, evaluating on {@code trainEval} and
     * {@code test} every {@code every} iterations, or after every epoch when {@code every} is 0.
     *
     * @param model     the network
     * @param config    the rest of the fit settings (epochs, batch size, sampler, seed, augmentation)
     * @param train     the training data
     * @param trainEval where to measure training accuracy (un-augmented, evaluation mode)
     * @param test      where to measure test accuracy
     * @param every     evaluation interval in iterations, 0 for once per epoch
     * @return the curves
     */
    static Curves train(Layer model, FitConfig.Builder config, Dataset train, Dataset trainEval, Dataset test,
                        int every) {
        return train(model, config, train, trainEval, test, every, r -> { });
    }

    /**
     * As {@link #train(Layer, FitConfig.Builder, Dataset, Dataset, Dataset, int)}, and hands the
     * curves so far to {@code onPoint} after each evaluation point, so that a long run can show or
     * save its curve while it trains (and an interrupted one leaves it behind).
     *
     * @param model     the network
     * @param config    the rest of the fit settings
     * @param train     the training data
     * @param trainEval where to measure training accuracy
     * @param test      where to measure test accuracy
     * @param every     evaluation interval in iterations, 0 for once per epoch
     * @param onPoint   called with the curves up to the newest point (seconds = time so far)
     * @return the curves
     */
    static Curves train(Layer model, FitConfig.Builder config, Dataset train, Dataset trainEval, Dataset test,
                        int every, Consumer<Curves> onPoint) {
        List<double[]> points = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        double[] last = {0, 0};    // loss sum and samples seen so far this epoch
        int[] perEpoch = {1};
        long start = System.nanoTime();
        TrainingListener probe = new TrainingListener() {
            @Override
            public void onEpochBegin(int epoch, int batches) {
                perEpoch[0] = batches;
                last[0] = 0;
                last[1] = 0;
            }

            @Override
            public void onBatchEnd(int epoch, int batch, int samplesSeen, Map<String, Double> running) {
                double sum = running.get("loss") * samplesSeen;   // the running mean, back to a sum
                losses.add((sum - last[0]) / (samplesSeen - last[1]));
                last[0] = sum;
                last[1] = samplesSeen;
                int iteration = losses.size();
                boolean due = every > 0 ? iteration % every == 0 : batch == perEpoch[0] - 1;
                if (due) {
                    points.add(new double[] {iteration, (double) iteration / perEpoch[0], accuracy(model, trainEval),
                            accuracy(model, test)});
                    onPoint.accept(curves(points, losses, start));
                }
            }
        };
        Trainer.fit(model, train, config.loss(new SoftmaxCrossEntropy()).listener(probe).quiet().build());
        return curves(points, losses, start);
    }

    private static Curves curves(List<double[]> points, List<Double> losses, long start) {
        return new Curves(column(points, 0), column(points, 1), column(points, 2), column(points, 3),
                losses.stream().mapToDouble(Double::doubleValue).toArray(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * Prints the newest evaluation point of the curves it is given, with the mean mini-batch loss
     * since the point before: "  iteration 600 (epoch 1.00): loss 0.6350, train 0.8466, test 0.8323, 41 s".
     *
     * @param log where to print
     * @return the printer, for {@link #train(Layer, FitConfig.Builder, Dataset, Dataset, Dataset, int, Consumer)}
     */
    static Consumer<Curves> printPoints(PrintStream log) {
        return r -> {
            int k = r.at().length - 1;
            int since = k == 0 ? 0 : (int) r.at()[k - 1];
            int iteration = (int) r.at()[k];
            double lossSince = Arrays.stream(r.loss(), since, iteration).average().orElse(Double.NaN);
            log.printf("  iteration %d (epoch %.2f): loss %.4f, train %.4f, test %.4f, %.0f s%n", iteration, r.epoch()[k],
                    lossSince, r.trainAcc()[k], r.testAcc()[k], r.seconds());
        };
    }

    /** The usual settings: Adam, this batch size, epochs and seed. */
    static FitConfig.Builder adam(double lr, int batch, int epochs, long seed) {
        return FitConfig.builder().optimizer(new Adam(lr)).batchSize(batch).epochs(epochs).seed(seed);
    }

    /** @return the share of {@code data} the model classifies right (evaluation mode) */
    static double accuracy(Layer model, Dataset data) {
        return Trainer.evaluate(model, data.inputs(), data.targets(), new SoftmaxCrossEntropy(),
                List.of(new Accuracy()), Trainer.DEFAULT_EVAL_BATCH).accuracy();
    }

    /**
     * Runs one example through the model's top-level layers and lists each layer and the shape it
     * returns.
     *
     * @param model the network
     * @param shape the input shape, batch first
     * @return lines "Layer → [shape]"
     */
    static List<String> shapeTrace(Sequential model, int... shape) {
        List<String> lines = new ArrayList<>();
        Tensor x = Tensor.zeros(shape);
        lines.add("input → " + Arrays.toString(shape));
        for (Layer layer : model.layers()) {
            x = layer.forward(x, false);
            lines.add(layer.spec().type() + " → " + Arrays.toString(x.shape()));
        }
        return lines;
    }

    /** Mean of the last {@code n} values (all of them if there are fewer). */
    static double tailMean(double[] v, int n) {
        int from = Math.max(0, v.length - n);
        double s = 0;
        for (int i = from; i < v.length; i++) {
            s += v[i];
        }
        return v.length == from ? Double.NaN : s / (v.length - from);
    }

    /** Moving average over a centred window of {@code width} values (shrinking at the ends). */
    static double[] movingAverage(double[] v, int width) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            int from = Math.max(0, i - width / 2);
            int to = Math.min(v.length, i + width / 2 + 1);
            double s = 0;
            for (int j = from; j < to; j++) {
                s += v[j];
            }
            out[i] = s / (to - from);
        }
        return out;
    }

    /** 1, 2, ..., n as doubles. */
    static double[] oneTo(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    /**
     * A CSV whose first settings are the experiment, the seed, the profile and the options given.
     *
     * @param c  the context
     * @param id the experiment id
     * @return the CSV, ready for more settings and the series
     */
    static SeriesCsv csv(ExperimentContext c, String id) {
        return c.csv(id);
    }

    /**
     * Writes {@code <id>.png} and {@code <id>.csv} and packs the result.
     *
     * @param c       the context
     * @param id      the experiment id
     * @param chart   the chart (may be null for text-only experiments, which still write a CSV)
     * @param csv     the data with its settings
     * @param summary the one-line summary
     * @param metrics the measured numbers
     * @return the result
     */
    static ExperimentResult finish(ExperimentContext c, String id, Chart chart, SeriesCsv csv, String summary,
                                   Map<String, Double> metrics) {
        List<Path> files = new ArrayList<>();
        if (chart != null) {
            Path png = c.file(id + ".png");
            Charts.writePng(chart, png);
            files.add(png);
        }
        Path csvFile = c.file(id + ".csv");
        csv.write(csvFile);
        files.add(csvFile);
        return new ExperimentResult(id, summary, new LinkedHashMap<>(metrics), files);
    }

    private static double[] column(List<double[]> rows, int j) {
        return rows.stream().mapToDouble(r -> r[j]).toArray();
    }
}
