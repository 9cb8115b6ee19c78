package dev.kiso.experiments;

import dev.kiso.data.Batches;
import dev.kiso.data.Dataset;
import dev.kiso.data.TrainTest;
import dev.kiso.models.MultiLayerNet;
import dev.kiso.nn.Sequential;
import dev.kiso.optim.SGD;
import dev.kiso.plot.BarChart;
import dev.kiso.plot.ChartGrid;
import dev.kiso.plot.LegendPosition;
import dev.kiso.plot.LineChart;
import dev.kiso.plot.Marker;
import dev.kiso.plot.Series;
import dev.kiso.plot.SeriesCsv;
import dev.kiso.tensor.Tensor;
import dev.kiso.train.Smoothing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * EXPERIMENTS.md §3 D11 (the course notes' summary table): what the mini-batch size and the
 * learning rate do to plain SGD. An MLP 784-100-10 (ReLU, He) is trained on the whole training set
 * for 3 epochs of shuffled mini-batches, once per setting, every run from the same initial weights:
 *
 * <ul>
 *   <li>{@code batch-size-effect}: batches of 8, 32, 128 and 512 at lr 0.05. Small batches give
 *       noisy gradient estimates, so the per-iteration loss is noisy; the noise is measured as the
 *       standard deviation of (raw loss − the book's smoothed loss);</li>
 *   <li>{@code learning-rate-effect}: lr 0.001, 0.01, 0.1 and 1.0 at batch 100, the four nets fed
 *       the same batches. Too small a rate falls slowly; too large a one oscillates or diverges.</li>
 * </ul>
 *
 * <p>The chart: smoothed training loss (x: epochs, so that different batch sizes line up), test
 * accuracy after each epoch, and the loss noise per setting.
 */
public final class BatchAndLearningRateExperiments {

    private static final int EPOCHS = 3;
    /** Generator stream of the initial weights (the same for every setting). */
    private static final int WEIGHTS_STREAM = 0;
    /** Generator stream of the epochs' permutations. */
    private static final int BATCH_STREAM = 99;

    private BatchAndLearningRateExperiments() {
    }

    /** @return D11's two experiments */
    public static List<Experiment> experiments() {
        return List.of(
                new Effect("batch-size-effect", "SGD lr 0.05 with batches of 8, 32, 128, 512",
                        "smaller batches, noisier loss", "batch", new double[] {8, 32, 128, 512}),
                new Effect("learning-rate-effect", "SGD at batch 100 with lr 0.001, 0.01, 0.1, 1.0",
                        "too small is slow, too large oscillates", "lr", new double[] {0.001, 0.01, 0.1, 1.0}));
    }

    /** One trained setting: its per-iteration losses and its test accuracy after each epoch. */
    private record Run(String name, int iterationsPerEpoch, float[] losses, double[] testAccuracy, boolean diverged) {

        /** @return the iterations before the first non-finite loss */
        int finiteLength() {
            int n = 0;
            while (n < losses.length && Float.isFinite(losses[n])) {
                n++;
            }
            return n;
        }

        /** The book's smoothed loss over the finite part (§1.6; shorter runs are left as they are). */
        double[] smoothed() {
            double[] raw = raw();
            return raw.length >= Smoothing.WINDOW ? Smoothing.smoothCurve(raw) : raw;
        }

        double[] raw() {
            double[] raw = new double[finiteLength()];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = losses[i];
            }
            return raw;
        }

        /** Standard deviation of (raw − smoothed): the iteration-to-iteration noise of the loss. */
        double noise() {
            double[] raw = raw();
            double[] smooth = smoothed();
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < raw.length; i++) {
                double d = raw[i] - smooth[i];
                sum += d;
                sq += d * d;
            }
            double mean = sum / raw.length;
            return Math.sqrt(Math.max(0, sq / raw.length - mean * mean));
        }

        /** Mean loss of the first epoch (how fast the loss falls), NaN if the run diverged in it. */
        double firstEpochLoss() {
            return SideBySide.meanOfLast(Arrays.copyOf(losses, iterationsPerEpoch), iterationsPerEpoch);
        }

        /** Mean loss of the last 100 iterations (§1.4 "at the end"), NaN if the run diverged. */
        double endLoss() {
            return SideBySide.meanOfLast(losses, 100);
        }

        double[] epochs() {
            double[] x = new double[finiteLength()];
            for (int i = 0; i < x.length; i++) {
                x[i] = (i + 1.0) / iterationsPerEpoch;
            }
            return x;
        }
    }

    /**
     * One of the two experiments.
     *
     * @param setting what is trained (the chart's title)
     * @param shows   what the chart shows
     * @param knob    "batch" or "lr": what changes between the runs
     * @param values  its values
     */
    private record Effect(String id, String setting, String shows, String knob, double[] values) implements Experiment {

        @Override
        public String description() {
            return setting + ": " + shows;
        }

        @Override
        public ExperimentResult run(ExperimentContext context) {
            TrainTest data = SideBySide.fashion();
            Dataset train = SampledTraining.flatFirst(data.train(), context.profile().pick(3000, 60000));
            Dataset test = SampledTraining.flatFirst(data.test(), context.profile().pick(1000, 10000));
            long weightSeed = context.rng(WEIGHTS_STREAM).nextLong();
            List<Run> runs = knob.equals("batch") ? batchRuns(context, train, test, weightSeed)
                    : lrRuns(context, train, test, weightSeed);
            return report(context, runs, train.size(), test.size());
        }

        /** One race per batch size (each its own shuffled epochs, drawn from the same seed). */
        private List<Run> batchRuns(ExperimentContext context, Dataset train, Dataset test, long weightSeed) {
            List<Run> runs = new ArrayList<>();
            for (double b : values) {
                int batch = (int) b;
                SideBySide race = new SideBySide(Batches.shuffled(train, batch, context.rng(BATCH_STREAM)));
                race.add("batch " + batch, net(weightSeed), new SGD(0.05));
                context.log().println("  training with batches of " + batch);
                runs.addAll(race(race, train.size(), batch, test, context));
            }
            return runs;
        }

        /** One race of four nets fed the same batches of 100. */
        private List<Run> lrRuns(ExperimentContext context, Dataset train, Dataset test, long weightSeed) {
            SideBySide race = new SideBySide(Batches.shuffled(train, 100, context.rng(BATCH_STREAM)));
            for (double lr : values) {
                race.add("lr " + lr, net(weightSeed), new SGD(lr));
            }
            return race(race, train.size(), 100, test, context);
        }

        private ExperimentResult report(ExperimentContext context, List<Run> runs, int trainSize, int testSize) {
            String axis = knob.equals("batch") ? "batch size" : "learning rate";
            LineChart loss = new LineChart().title("training loss (smoothed)").xLabel("epochs").yLabel("loss")
                    .yRange(0, 2.5).xIntegerTicks().legend(LegendPosition.NONE);
            LineChart accuracy = new LineChart().title("test accuracy after each epoch").xLabel("epochs")
                    .yLabel("accuracy").yRange(0, 1).legend(LegendPosition.NONE);
            String[] names = runs.stream().map(Run::name).toArray(String[]::new);
            double[] noise = new double[runs.size()];
            Map<String, Double> metrics = new LinkedHashMap<>();
            List<String> summary = new ArrayList<>();
            for (int k = 0; k < runs.size(); k++) {
                Run r = runs.get(k);
                loss.add(Series.of(r.name(), r.epochs(), r.smoothed()));
                double[] epochs = new double[r.testAccuracy().length];
                for (int e = 0; e < epochs.length; e++) {
                    epochs[e] = e + 1;
                }
                accuracy.add(Series.of(r.name(), epochs, r.testAccuracy()).marker(Marker.CIRCLE));
                noise[k] = r.noise();
                String key = knob + "_" + fmt(values[k]);
                metrics.put(key + ".noise", noise[k]);
                metrics.put(key + ".first_epoch_loss", r.firstEpochLoss());
                metrics.put(key + ".end_loss", r.endLoss());
                metrics.put(key + ".test", last(r.testAccuracy()));
                metrics.put(key + ".diverged", r.diverged() ? 1.0 : 0.0);
                summary.add(String.format(Locale.ROOT, "%s: noise %.3f, loss epoch 1 %.3f, end %.3f, test %.3f%s",
                        r.name(), noise[k], r.firstEpochLoss(), r.endLoss(), last(r.testAccuracy()),
                        r.diverged() ? " (diverged at iteration " + (r.finiteLength() + 1) + ")" : ""));
            }
            BarChart noiseChart = new BarChart(names).title("loss noise: std(raw − smoothed)").yLabel("std")
                    .add("noise", noise).valueLabels(true).legend(LegendPosition.NONE);
            ChartGrid grid = new ChartGrid(1, 3).title(setting + " ("
                    + trainSize + " training images, " + EPOCHS + " epochs)")
                    .add(loss).add(accuracy).add(noiseChart).legendFrom(loss).cellSize(400, 320);
            SeriesCsv csv = context.csv(id)
                    .setting("data", "first " + trainSize + " training images, first " + testSize + " test images")
                    .setting("network", "784-100-10 ReLU He, biases 0; every run starts from the same weights")
                    .setting("optimizer", knob.equals("batch") ? "SGD lr 0.05" : "SGD, batch 100")
                    .setting("sampling", "epoch shuffling, last batch smaller; " + EPOCHS + " epochs")
                    .setting(axis, Arrays.toString(values))
                    .setting("smoothing", "the book's smooth_curve (Kaiser window 11, beta 2) over the raw "
                            + "per-iteration losses; x = iteration / iterations per epoch")
                    .setting("noise", "std of (raw loss - smoothed loss) over every finite iteration");
            for (Run r : runs) {
                csv.add(Series.of(r.name() + " raw loss", r.epochs(), r.raw()));
            }
            return SideBySide.write(context, id, grid, csv, String.join("; ", summary), metrics);
        }
    }

    /** Runs a race for {@link #EPOCHS} epochs, measuring the test accuracy after each. */
    private static List<Run> race(SideBySide race, int trainSize, int batch, Dataset test, ExperimentContext context) {
        int perEpoch = (trainSize + batch - 1) / batch;
        Tensor testX = test.inputs();
        int[] labels = test.labels();
        race.run(EPOCHS * perEpoch, perEpoch - 1, perEpoch,
                (model, b) -> new double[] {SideBySide.accuracy(model, testX, labels)}, context.log());
        List<Run> runs = new ArrayList<>();
        for (SideBySide.Runner r : race.runners()) {
            runs.add(new Run(r.name, perEpoch, r.losses, r.measured(0), r.diverged));
        }
        return runs;
    }

    private static Sequential net(long seed) {
        return MultiLayerNet.builder(784, 10).hidden(100).build().initialize(seed);
    }

    private static double last(double[] v) {
        return v.length == 0 ? Double.NaN : v[v.length - 1];
    }

    /** 8 → "8", 0.001 → "0.001". */
    private static String fmt(double v) {
        return v == Math.rint(v) && v >= 2 ? Long.toString((long) v) : Double.toString(v);
    }
}
