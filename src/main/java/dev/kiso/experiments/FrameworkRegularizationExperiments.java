package dev.kiso.experiments;

import dev.kiso.data.Dataset;
import dev.kiso.data.TrainTest;
import dev.kiso.nn.Affine;
import dev.kiso.nn.Parameter;
import dev.kiso.nn.Sequential;
import dev.kiso.nn.SoftmaxCrossEntropy;
import dev.kiso.nn.reg.ElasticNet;
import dev.kiso.nn.reg.L1;
import dev.kiso.nn.reg.L2;
import dev.kiso.nn.reg.Regularizer;
import dev.kiso.optim.Adam;
import dev.kiso.plot.ChartGrid;
import dev.kiso.plot.Histogram;
import dev.kiso.plot.LegendPosition;
import dev.kiso.plot.LineChart;
import dev.kiso.plot.Palette;
import dev.kiso.plot.Series;
import dev.kiso.plot.SeriesCsv;
import dev.kiso.train.EarlyStopping;
import dev.kiso.train.FitConfig;
import dev.kiso.train.History;
import dev.kiso.train.Trainer;
import dev.kiso.train.TrainingListener;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The course's framework exercises on regularization, redone with {@code fit} (EXPERIMENTS.md §3
 * D7–D9, designed): the first 1 000 training images, the first 2 000 test images as validation
 * data, an MLP {@code 784-256-256-10} (ReLU, He), Adam lr 1e-3, batches of 32 from a fresh
 * permutation each epoch. D7 compares L1, L2 and ElasticNet penalties, D8 dropout, D9 early
 * stopping on the validation loss.
 */
final class FrameworkRegularizationExperiments {

    private static final int TRAIN = 1000;
    private static final int VALIDATION = 2000;
    private static final int BATCH = 32;

    /** Runs without early stopping already trained in this JVM (D7 and D8 share "none"). */
    private static final Map<String, Fit> FITS = new ConcurrentHashMap<>();

    private FrameworkRegularizationExperiments() {
    }

    /** A penalty and/or dropout, with the names used in titles and metrics. */
    private record Variant(int series, String key, String label, Regularizer penalty, float dropout) {
    }

    /**
     * One {@code fit}: its history, the training cross-entropy and the penalty per epoch (the
     * history's {@code loss} is their sum, as Keras reports it), and |W₁| at the end.
     */
    private record Fit(History history, double[] crossEntropy, double[] penalty, double[] absW1, double w1SmallShare,
                       Sequential model) {
    }

    /** An experiment given by its id, description and body. */
    private record Entry(String id, String description, Function<ExperimentContext, ExperimentResult> body)
            implements Experiment {

        @Override
        public ExperimentResult run(ExperimentContext context) {
            return body.apply(context);
        }
    }

    /** D7 {@code fw-reg-compare}: no penalty, L1, L2 and ElasticNet, with |W₁| histograms. */
    static Experiment regularizerCompare() {
        return new Entry("fw-reg-compare",
                "Adam on 1000 images: loss and val_loss with no penalty, L1, L2, ElasticNet; |W1| histograms",
                context -> compare(context, "fw-reg-compare", List.of(
                        new Variant(0, "none", "none", Regularizer.none(), 0f),
                        new Variant(1, "l1", "L1 λ1=1e-4", new L1(1e-4), 0f),
                        new Variant(2, "l2", "L2 λ2=1e-3", new L2(1e-3), 0f),
                        new Variant(3, "elasticnet", "ElasticNet λ1=1e-4 λ2=1e-3", new ElasticNet(1e-4, 1e-3), 0f)),
                        context.profile().pick(15, 50), true));
    }

    /** D8 {@code fw-dropout-compare}: dropout 0.5 after each hidden ReLU versus none. */
    static Experiment dropoutCompare() {
        return new Entry("fw-dropout-compare", "Adam on 1000 images: loss and val_loss with and without dropout 0.5",
                context -> compare(context, "fw-dropout-compare", List.of(
                        new Variant(0, "none", "without dropout", Regularizer.none(), 0f),
                        new Variant(4, "dropout", "with dropout 0.5 (inverted)", Regularizer.none(), 0.5f)),
                        context.profile().pick(15, 50), false));
    }

    /** D9 {@code early-stopping}: EarlyStopping(val_loss, patience 10, restore best) on D7's "none". */
    static Experiment earlyStopping() {
        return new Entry("early-stopping",
                "Adam on 1000 images, EarlyStopping(val_loss, patience 10, restore best) vs. training to the end",
                context -> stopEarly(context, "early-stopping"));
    }

    /** Trains each variant, then one loss panel per variant (and |W₁| histograms if asked). */
    private static ExperimentResult compare(ExperimentContext context, String id, List<Variant> variants, int epochs,
                                            boolean histograms) {
        ChartGrid grid = new ChartGrid(histograms ? 2 : 1, variants.size())
                .title("training cross-entropy (loss, penalty excluded) and val_loss per epoch");
        List<Histogram> hists = new ArrayList<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        StringBuilder summary = new StringBuilder();
        SeriesCsv csv = SideBySide.csv(context, id);
        settings(csv, epochs);
        List<Fit> fits = new ArrayList<>();
        double yMax = 0;
        for (Variant v : variants) {
            Fit fit = fit(context, v, epochs, null);
            fits.add(fit);
            yMax = Math.max(yMax, Arrays.stream(fit.crossEntropy()).max().orElse(0));
            yMax = Math.max(yMax, Arrays.stream(fit.history().valLoss()).max().orElse(0));
        }
        LineChart panel = null;
        for (int k = 0; k < variants.size(); k++) {
            Variant v = variants.get(k);
            Fit fit = fits.get(k);
            History h = fit.history();
            double[] epochAxis = epochAxis(h.epochs());
            panel = new LineChart().title(v.label()).xLabel("epoch").yLabel("loss").legend(LegendPosition.NONE)
                    .yRange(0, Math.ceil(yMax * 2) / 2)   // one scale for every panel, up to the next 0.5
                    .add(Series.of("loss", epochAxis, fit.crossEntropy()))
                    .add(Series.of("val_loss", epochAxis, h.valLoss()).dashed());
            grid.add(panel);
            csv.add(Series.of(v.label() + "/penalty", epochAxis, fit.penalty()));
            csv.setting("variant." + v.key(), v.label());
            hists.add(Histogram.logBins(fit.absW1(), 40, 1e-7, 1).title("|W1|, " + v.key()).xLabel("|w|")
                    .yLabel("count"));
            double[] val = h.valLoss();
            int argMin = argMin(val);
            put(metrics, v.key(), "val_loss_final", val[val.length - 1]);
            put(metrics, v.key(), "val_loss_min", val[argMin]);
            put(metrics, v.key(), "val_loss_min_epoch", argMin + 1);
            put(metrics, v.key(), "val_loss_final_over_min", val[val.length - 1] / val[argMin]);
            put(metrics, v.key(), "val_loss_last5", mean(val, Math.max(0, val.length - 5), val.length));
            put(metrics, v.key(), "loss_final", fit.crossEntropy()[h.epochs() - 1]);
            put(metrics, v.key(), "penalty_final", fit.penalty()[h.epochs() - 1]);
            put(metrics, v.key(), "val_accuracy_final", h.valAccuracy()[h.epochs() - 1]);
            put(metrics, v.key(), "w1_small_share", fit.w1SmallShare());
            put(metrics, v.key(), "weight_sq_final", sumOfSquares(fit.model().parameters()));
            summary.append(summary.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT,
                    "%s: val_loss min %.3f (epoch %d) final %.3f, loss %.3f, |w1|<1e-3 %.3f", v.label(), val[argMin],
                    argMin + 1, val[val.length - 1], fit.crossEntropy()[h.epochs() - 1], fit.w1SmallShare()));
        }
        if (histograms) {
            hists.forEach(grid::add);
        }
        grid.legendFrom(panel).cellSize(400, 300);
        return SideBySide.write(context, id, grid, csv, summary.toString(), metrics);
    }

    /** D9: fit with early stopping, and the same run trained to the last epoch for comparison. */
    private static ExperimentResult stopEarly(ExperimentContext context, String id) {
        int maxEpochs = context.profile().pick(30, 200);
        int patience = 10;
        Variant none = new Variant(0, "none", "none", Regularizer.none(), 0f);
        EarlyStopping stopping = new EarlyStopping().monitor("val_loss").patience(patience).minDelta(0)
                .restoreBestWeights(true);
        Fit early = fit(context, none, maxEpochs, stopping);
        Fit full = fit(context, none, maxEpochs, null);
        TrainTest data = SideBySide.fashion();
        Dataset validation = SampledTraining.flatFirst(data.test(), VALIDATION);
        Dataset test = SampledTraining.flatFirst(data.test(), data.test().size());
        History h = early.history();
        double restoredValLoss = Trainer.evaluate(early.model(), validation.inputs(), validation.targets(),
                new SoftmaxCrossEntropy(), List.of(), 1000).loss();
        double minValLoss = h.valLoss()[argMin(h.valLoss())];
        double testEarly = SampledTraining.accuracy(early.model(), test);
        double testFull = SampledTraining.accuracy(full.model(), test);
        int best = h.bestEpoch() + 1;
        int stop = h.stoppedEpoch() < 0 ? h.epochs() : h.stoppedEpoch() + 1;

        LineChart chart = new LineChart().title("early stopping on val_loss (patience " + patience + ", restore best)")
                .xLabel("epoch").yLabel("loss")
                .add(Series.of("loss", epochAxis(h.epochs()), early.crossEntropy()))
                .add(Series.of("val_loss", epochAxis(h.epochs()), h.valLoss()))
                .add(Series.of("val_loss (no early stopping)", epochAxis(full.history().epochs()),
                        full.history().valLoss()).dashed().color(Color.GRAY))
                .verticalLine(best, "best epoch " + best, Palette.color(2))
                .verticalLine(stop, "stop epoch " + stop, Palette.color(3));
        SeriesCsv csv = SideBySide.csv(context, id);
        settings(csv, maxEpochs);
        csv.setting("early_stopping", stopping);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("max_epochs", (double) maxEpochs);
        metrics.put("patience", (double) patience);
        metrics.put("best_epoch", (double) best);
        metrics.put("stop_epoch", (double) stop);
        metrics.put("min_val_loss", minValLoss);
        metrics.put("restored_val_loss", restoredValLoss);
        metrics.put("test_accuracy_restored", testEarly);
        metrics.put("test_accuracy_full_run", testFull);
        String summary = String.format(Locale.ROOT,
                "best epoch %d, stopped at epoch %d of %d; restored val_loss %.4f (min recorded %.4f); "
                        + "test accuracy restored %.4f vs trained to epoch %d %.4f",
                best, stop, maxEpochs, restoredValLoss, minValLoss, testEarly, maxEpochs, testFull);
        return SideBySide.write(context, id, chart, csv, summary, metrics);
    }

    /**
     * One {@code fit} of the D7 setting with the variant's penalty and dropout. Runs without early
     * stopping are kept for the JVM's lifetime, so D7 and D8 train their common "none" run once.
     */
    private static Fit fit(ExperimentContext context, Variant v, int epochs, EarlyStopping stopping) {
        if (stopping != null) {
            return train(context, v, epochs, stopping);
        }
        String key = v.series() + "|" + v.penalty() + "|" + v.dropout() + "|" + epochs + "|" + context.seed()
                + "|" + context.profile();
        return FITS.computeIfAbsent(key, k -> train(context, v, epochs, null));
    }

    private static Fit train(ExperimentContext context, Variant v, int epochs, EarlyStopping stopping) {
        context.log().println("  fitting " + v.label() + " for up to " + epochs + " epochs");
        TrainTest data = SideBySide.fashion();
        Dataset train = SampledTraining.flatFirst(data.train(), TRAIN);
        Dataset validation = SampledTraining.flatFirst(data.test(), VALIDATION);
        Sequential model = SampledTraining.mlp(256, 2, v.dropout(), context.rng(v.series()).nextLong());
        List<Parameter> params = model.parameters();
        double[] penalty = new double[epochs];
        double[] crossEntropy = new double[epochs];
        FitConfig.Builder config = FitConfig.builder().loss(new SoftmaxCrossEntropy())
                .optimizer(new Adam(1e-3, 0.9, 0.999, 1e-7)).regularizer(v.penalty())
                .epochs(epochs).batchSize(BATCH).seed(context.rng(RegularizationExperiments.BATCH_STREAM).nextLong())
                .validationData(validation).quiet()
                .listener(new TrainingListener() {
                    // The history's loss is the mean over the epoch's batches of (cross-entropy + R(w)),
                    // R taken before each step; the mean of R, weighted by batch size, is subtracted.
                    private double weightedPenalty;

                    @Override
                    public void onBatchBegin(int epoch, int batch) {
                        int n = Math.min(BATCH, TRAIN - batch * BATCH);
                        weightedPenalty += n * v.penalty().penalty(params);
                    }

                    @Override
                    public void onEpochEnd(int epoch, Map<String, Double> logs) {
                        penalty[epoch] = weightedPenalty / TRAIN;
                        crossEntropy[epoch] = logs.get("loss") - penalty[epoch];
                        weightedPenalty = 0;
                    }
                });
        if (stopping != null) {
            config.earlyStopping(stopping);
        }
        History history = Trainer.fit(model, train, config.build());
        Affine first = (Affine) model.layers().get(0);
        float[] w = first.weight().value().toArray();
        double[] absW1 = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            absW1[i] = Math.abs(w[i]);
        }
        int ran = history.epochs();
        return new Fit(history, Arrays.copyOf(crossEntropy, ran), Arrays.copyOf(penalty, ran), absW1,
                SampledTraining.shareBelow(first.weight().value(), 1e-3), model);
    }

    private static void settings(SeriesCsv csv, int epochs) {
        csv.setting("data", "first " + TRAIN + " training images; validation: first " + VALIDATION + " test images")
                .setting("network", "784-256-256-10 ReLU He, biases 0")
                .setting("optimizer", "Adam lr 1e-3 betas (0.9, 0.999) eps 1e-7")
                .setting("batch", BATCH + ", epoch shuffling").setting("epochs", epochs)
                .setting("loss", "mean training cross-entropy over the epoch's batches (training mode), penalty"
                        + " excluded (Keras' loss is loss + penalty, listed per variant as <variant>/penalty)");
    }

    private static void put(Map<String, Double> metrics, String key, String name, double value) {
        metrics.put(key + "." + name, value);
    }

    private static double[] epochAxis(int epochs) {
        double[] x = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            x[e] = e + 1;
        }
        return x;
    }

    /** @return the mean of {@code y[from..to)} */
    private static double mean(double[] y, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += y[i];
        }
        return sum / (to - from);
    }

    /** @return Σw² over the regularized parameters (the weights an L2 penalty pulls towards 0) */
    private static double sumOfSquares(List<Parameter> parameters) {
        double sum = 0;
        for (Parameter p : parameters) {
            if (p.regularized()) {
                for (float w : p.value().toArray()) {
                    sum += (double) w * w;
                }
            }
        }
        return sum;
    }

    private static int argMin(double[] y) {
        int best = 0;
        for (int i = 1; i < y.length; i++) {
            if (y[i] < y[best]) {
                best = i;
            }
        }
        return best;
    }
}
