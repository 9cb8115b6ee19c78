package dev.kiso.experiments;

import dev.kiso.KisoException;
import dev.kiso.data.Dataset;
import dev.kiso.data.TrainTest;
import dev.kiso.nn.Affine;
import dev.kiso.nn.Sequential;
import dev.kiso.nn.reg.ElasticNet;
import dev.kiso.nn.reg.L1;
import dev.kiso.nn.reg.L2;
import dev.kiso.nn.reg.Regularizer;
import dev.kiso.optim.SGD;
import dev.kiso.plot.Chart;
import dev.kiso.plot.ChartGrid;
import dev.kiso.plot.LegendPosition;
import dev.kiso.plot.LineChart;
import dev.kiso.plot.Marker;
import dev.kiso.plot.Series;
import dev.kiso.plot.SeriesCsv;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Overfitting and its cures on the "overfit300" setting (EXPERIMENTS.md §3 D1–D6): the first 300
 * training images, an MLP {@code 784-[100]×6-10} (ReLU, He), mini-batches of 100 drawn with
 * replacement, plain SGD; accuracy on the 300 training images and on the test set. Each experiment
 * trains one network per variant (none, L2, L1, dropout, ...) on the same mini-batches and draws
 * one "train"/"test" panel per variant, like the book's figures 6-20 to 6-23.
 *
 * <p>The framework-style comparisons (D7–D9: epoch shuffling, Adam, validation loss, early
 * stopping) are in {@code FrameworkRegularizationExperiments}. D10, the book's random search for
 * the learning rate and the weight decay, trains the same network with the same loop.
 */
public final class RegularizationExperiments {

    /** Generator stream of the mini-batch indices, shared by every variant of a run. */
    static final int BATCH_STREAM = 99;

    /** Runs already trained in this JVM, by variant, form, seed and profile (D1, D2, D6 share some). */
    private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();

    private static final Variant NONE = new Variant(0, "none", "no regularization", 0, 0, 0f);
    private static final Variant L2_BOOK = new Variant(1, "l2", "L2 λ=0.1", 0, 0.1, 0f);
    private static final Variant L1_BOOK = new Variant(2, "l1", "L1 λ=0.005", 0.005, 0, 0f);
    private static final Variant ELASTIC =
            new Variant(3, "elasticnet", "ElasticNet λ1=0.0025 λ2=0.05", 0.0025, 0.05, 0f);
    private static final Variant DROPOUT = new Variant(4, "dropout", "Dropout 0.2 (inverted)", 0, 0, 0.2f);
    /** The course's dropout cell: ratio 0.15, and the L2 λ = 0.005 its net inherits (quirk Q3). */
    private static final Variant DROPOUT_COURSE =
            new Variant(6, "dropout", "Dropout 0.15 + L2 λ=0.005 (Q3)", 0, 0.005, 0.15f);
    private static final Variant DROPOUT_L1 =
            new Variant(5, "dropout_l1", "Dropout 0.08 (inverted) + L1 λ=0.004", 0.004, 0, 0.08f);

    /** The book's form: SGD lr 0.01, 201 "epochs" of 3 iterations (quick: every 10th epoch evaluated). */
    private static final Form BOOK = new Form("book", 0.01, true, 201);
    /** D4's book form: 301 epochs. */
    private static final Form BOOK_301 = new Form("book", 0.01, true, 301);
    /** The course's form for L1: SGD lr 0.1, 1000 iterations, evaluated every 10. */
    private static final Form COURSE_LR_01 = new Form("course", 0.1, false, 1000);
    /** The course's form for dropout + L1: SGD lr 0.01, 1000 iterations. */
    private static final Form COURSE = new Form("course", 0.01, false, 1000);

    private RegularizationExperiments() {
    }

    /** @return D1–D11 in EXPERIMENTS.md order */
    public static List<Experiment> experiments() {
        List<Experiment> all = new ArrayList<>(List.of(
                new Overfit("overfit-baseline",
                        "overfit300 without regularization: train accuracy reaches 1, test stays far below",
                        new Setup(BOOK, NONE), new Setup(COURSE, NONE), false),
                new Overfit("overfit-l2",
                        "overfit300 with weight decay (L2 λ=0.1): lower train accuracy, smaller gap",
                        new Setup(BOOK, NONE, L2_BOOK), new Setup(COURSE, NONE, L2_BOOK), true),
                new Overfit("overfit-l1",
                        "overfit300 with L1 (λ=0.005, SGD lr 0.1): smaller gap, sparse first-layer weights",
                        new Setup(COURSE_LR_01, NONE, L1_BOOK), null, false),
                new Overfit("overfit-dropout",
                        "overfit300 with dropout 0.2 after every hidden ReLU: train below 1, smaller gap",
                        new Setup(BOOK_301, NONE, DROPOUT), new Setup(COURSE, NONE, DROPOUT_COURSE), false),
                new Overfit("overfit-dropout-l1",
                        "overfit300 with dropout 0.08 and L1 λ=0.004 (course form)",
                        new Setup(COURSE, NONE, DROPOUT_L1), null, false),
                new Overfit("overfit-elasticnet",
                        "overfit300: none, L1, L2 and ElasticNet side by side",
                        new Setup(BOOK, NONE, L1_BOOK, L2_BOOK, ELASTIC), null, false),
                FrameworkRegularizationExperiments.regularizerCompare(),
                FrameworkRegularizationExperiments.dropoutCompare(),
                FrameworkRegularizationExperiments.earlyStopping(),
                new RandomSearch()));
        all.addAll(BatchAndLearningRateExperiments.experiments());
        return all;
    }

    /**
     * One regularization setting.
     *
     * @param series  index of its generator (weights, dropout masks): fixed per variant, so the
     *                "none" run is the same network in every experiment
     * @param key     short name used in metric names
     * @param label   panel title
     * @param l1      λ₁ of the L1 penalty λ₁Σ|W| (0 = none)
     * @param l2      λ₂ of the L2 penalty ½λ₂Σ‖W‖² (0 = none)
     * @param dropout drop probability after every hidden ReLU (0 = no dropout layer)
     */
    private record Variant(int series, String key, String label, double l1, double l2, float dropout) {

        Regularizer penalty() {
            if (l1 > 0 && l2 > 0) {
                return new ElasticNet(l1, l2);
            }
            if (l1 > 0) {
                return new L1(l1);
            }
            return l2 > 0 ? new L2(l2) : Regularizer.none();
        }
    }

    /**
     * How long and how fast: the book's timing ({@code length} epochs of 3 iterations) or the
     * course's ({@code length} iterations, an evaluation every 10).
     */
    private record Form(String name, double lr, boolean book, int length) {

        SampledTraining.Timing timing(Profile profile) {
            if (book) {
                // Quick: at most 201 epochs (D4's 301 too, so it reuses D1's run), every 10th evaluated.
                return profile == Profile.QUICK
                        ? new SampledTraining.Timing((Math.min(length, 201) - 1) * 3 + 1, 30, 3, true)
                        : SampledTraining.Timing.book(length, 3);
            }
            return profile == Profile.QUICK
                    ? SampledTraining.Timing.course(length, 100)
                    : SampledTraining.Timing.course(length, 10);
        }
    }

    /** A trained variant: its curves and the share of first-layer weights with |w| &lt; 1e-3. */
    private record Run(SampledTraining.Curves curves, double w1SmallShare) {
    }

    /** One form of a figure: its timing and the variants trained side by side. */
    private record Setup(Form form, Variant... variants) {
    }

    /**
     * An overfit300 figure: the book's form, and the course's form ({@code --course}: 1000
     * iterations, course plot style) when the course has the cell; {@code tryLambda}: the L2
     * variant's λ can be changed ({@code --lambda}, the course's [try] values 0.01, 0.15, 0.5).
     */
    private record Overfit(String id, String description, Setup book, Setup course, boolean tryLambda)
            implements Experiment {

        @Override
        public List<ExperimentOption> options() {
            List<ExperimentOption> options = new ArrayList<>();
            if (course != null) {
                options.add(ExperimentOption.flag("course", "the course's form: " + course.form().length()
                        + " iterations, evaluated every 10"
                        + (course.variants().length > 1 ? ", " + course.variants()[1].label() : "")));
            }
            if (tryLambda) {
                options.add(new ExperimentOption("lambda", ExperimentOption.Type.NUMBER,
                        "λ of the L2 penalty (default 0.1; the course's [try]: 0.01, 0.15, 0.5)"));
            }
            return options;
        }

        /** The variants, with the L2 variant's λ replaced by {@code --lambda} if given. */
        private Variant[] variants(Setup setup, ExperimentContext context) {
            Variant[] variants = setup.variants().clone();
            double lambda = tryLambda ? context.numberOption("lambda", L2_BOOK.l2()) : L2_BOOK.l2();
            if (!(lambda >= 0)) {
                throw new KisoException("experiment " + id + ": --lambda must be >= 0, got " + lambda);
            }
            for (int k = 0; k < variants.length; k++) {
                if (variants[k] == L2_BOOK && lambda != L2_BOOK.l2()) {
                    variants[k] = new Variant(L2_BOOK.series(), "l2", "L2 λ=" + lambda, 0, lambda, 0f);
                }
            }
            return variants;
        }

        @Override
        public ExperimentResult run(ExperimentContext context) {
            Setup setup = course != null && context.flag("course") ? course : book;
            Form form = setup.form();
            Variant[] variants = variants(setup, context);
            Map<String, Double> metrics = new LinkedHashMap<>();
            List<String> summary = new ArrayList<>();
            ChartGrid grid = new ChartGrid(1, variants.length).title((form.book ? "" : "accuracy: ")
                    + "overfit300, SGD lr " + form.lr + (form.book ? "" : ", " + form.length + " iterations (course form)"));
            Chart chart = grid;
            LineChart panel = null;
            for (Variant v : variants) {
                Run run = train(context, form, v);
                SampledTraining.Curves c = run.curves();
                panel = panel(v.label(), form, c)
                        .legend(variants.length == 1 ? LegendPosition.LOWER_RIGHT : LegendPosition.NONE);
                grid.add(panel);
                if (variants.length == 1) {
                    chart = panel.title(form.book ? "overfit300, " + v.label() : "accuracy: overfit300, " + form.length
                            + " iterations (course form)");
                }
                metrics.put(v.key() + ".train", c.finalTrain());
                metrics.put(v.key() + ".test", c.finalTest());
                metrics.put(v.key() + ".gap", c.finalGap());
                metrics.put(v.key() + ".w1_small_share", run.w1SmallShare());
                summary.add(String.format(Locale.ROOT,
                        "%s: train %.3f test %.3f gap %.3f |w1|<1e-3 %.3f", v.label(), c.finalTrain(), c.finalTest(),
                        c.finalGap(), run.w1SmallShare()));
            }
            if (variants.length > 1) {
                grid.legendFrom(panel);
                grid.cellSize(400, 300);
            }
            SeriesCsv csv = SideBySide.csv(context, id)
                    .setting("data", "first 300 training images; test: first " + testSize(context.profile())
                            + " test images")
                    .setting("network", "784-[100]x6-10 ReLU He, dropout inverted (scaled in training)")
                    .setting("batch", "100 with replacement").setting("optimizer", "SGD lr " + form.lr)
                    .setting("timing", form.timing(context.profile()))
                    .setting("final", "mean of the last 5 evaluation points");
            for (Variant v : variants) {
                csv.setting("variant." + v.key(), v);
            }
            return SideBySide.write(context, id, chart, csv, (form.book ? "" : "course form: ")
                    + String.join("; ", summary), metrics);
        }
    }

    /**
     * One variant's accuracy panel: the book's style (x "epochs", "train" with circles and "test"
     * with squares every 10 points) or the course's (x "count", "training set" and "test set").
     */
    private static LineChart panel(String title, Form form, SampledTraining.Curves c) {
        LineChart chart = new LineChart().title(title).yLabel("accuracy").yRange(0, 1);
        if (!form.book) {
            return chart.xLabel("count").add(Series.of("training set", c.x(), c.train()))
                    .add(Series.of("test set", c.x(), c.test()));
        }
        return chart.xLabel("epochs")
                .add(Series.of("train", c.x(), c.train()).marker(Marker.CIRCLE).markEvery(10))
                .add(Series.of("test", c.x(), c.test()).marker(Marker.SQUARE).markEvery(10));
    }

    /** Number of test images: all 10 000 in the full profile, the first 1 000 in the quick one. */
    static int testSize(Profile profile) {
        return profile.pick(1000, 10000);
    }

    /** Trains one variant (or returns the run this JVM already made with the same settings). */
    private static Run train(ExperimentContext context, Form form, Variant v) {
        String key = v + "|" + form.lr + "|" + form.timing(context.profile()) + "|" + context.seed()
                + "|" + context.profile();
        return RUNS.computeIfAbsent(key, k -> {
            context.log().println("  training " + v.label() + " (" + form.name + " form, SGD lr " + form.lr + ")");
            TrainTest data = SideBySide.fashion();
            Dataset train = SampledTraining.flatFirst(data.train(), 300);
            Dataset test = SampledTraining.flatFirst(data.test(), testSize(context.profile()));
            Sequential model = SampledTraining.mlp(100, 6, v.dropout(), context.rng(v.series()).nextLong());
            SampledTraining.Curves curves = SampledTraining.train(model, new SGD(form.lr), v.penalty(), train, test, 100,
                    form.timing(context.profile()), context.rng(BATCH_STREAM));
            Affine first = (Affine) model.layers().get(0);
            return new Run(curves, SampledTraining.shareBelow(first.weight().value(), 1e-3));
        });
    }

    /**
     * D10 {@code hyperparam-random-search} (book fig. 6-24): the first 500 training images shuffled
     * once, 100 of them for validation; each trial draws λ = 10^U(−8, −4) (L2 weight decay) then
     * lr = 10^U(−6, −2) and trains for 50 "epochs" of 4 iterations.
     */
    private static final class RandomSearch implements Experiment {

        private record Trial(int index, double lr, double weightDecay, SampledTraining.Curves curves) {
        }

        @Override
        public String id() {
            return "hyperparam-random-search";
        }

        @Override
        public String description() {
            return "random search over lr and weight decay on 400+100 images: the 20 best trials' accuracy curves";
        }

        @Override
        public ExperimentResult run(ExperimentContext context) {
            int trials = context.profile().pick(20, 100);
            int epochs = context.profile().pick(20, 50);
            TrainTest data = SideBySide.fashion();
            Dataset.Split split = SampledTraining.flatFirst(data.train(), 500).split(0.2, context.rng(BATCH_STREAM + 1));
            Random search = context.rng(BATCH_STREAM + 2);
            List<Trial> results = new ArrayList<>();
            for (int k = 0; k < trials; k++) {
                double weightDecay = Math.pow(10, search.nextDouble() * 4 - 8);
                double lr = Math.pow(10, search.nextDouble() * 4 - 6);
                Random rng = context.rng(k);
                Sequential model = SampledTraining.mlp(100, 6, 0f, rng.nextLong());
                SampledTraining.Curves c = SampledTraining.train(model, new SGD(lr), new L2(weightDecay),
                        split.train(), split.validation(), 100, new SampledTraining.Timing(epochs * 4, 4, 4, true), rng);
                results.add(new Trial(k, lr, weightDecay, c));
                context.log().printf(Locale.ROOT, "  trial %d: val acc %.3f | lr %.3e, weight decay %.3e%n",
                        k + 1, c.test()[c.test().length - 1], lr, weightDecay);
            }
            results.sort(Comparator.comparingDouble((Trial t) -> -t.curves().test()[t.curves().test().length - 1]));
            ChartGrid grid = new ChartGrid(4, 5).title("random search: the 20 best of " + trials
                    + " trials (solid: val accuracy, dashed: train accuracy)");
            SeriesCsv csv = SideBySide.csv(context, id())
                    .setting("data", "first 500 training images shuffled once: 100 validation, 400 training")
                    .setting("network", "784-[100]x6-10 ReLU He").setting("optimizer", "SGD + L2 weight decay")
                    .setting("batch", "100 with replacement").setting("epochs", epochs + " of 4 iterations")
                    .setting("search", "weight decay 10^U(-8,-4), then lr 10^U(-6,-2)");
            int top10 = 0;
            for (int r = 0; r < results.size(); r++) {
                Trial t = results.get(r);
                csv.setting("Best-" + (r + 1), String.format(Locale.ROOT, "trial %d lr %.3e weight decay %.3e val acc %.4f",
                        t.index() + 1, t.lr(), t.weightDecay(), t.curves().test()[t.curves().test().length - 1]));
                if (r < 10 && t.lr() >= 1e-3) {
                    top10++;
                }
                if (r < 20) {
                    grid.add(new LineChart().title("Best-" + (r + 1)).yRange(0, 1).legend(LegendPosition.NONE)
                            .add(Series.of("val", t.curves().x(), t.curves().test()))
                            .add(Series.of("train", t.curves().x(), t.curves().train()).dashed()));
                }
            }
            Trial best = results.get(0);
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("trials", (double) trials);
            metrics.put("best_lr", best.lr());
            metrics.put("best_weight_decay", best.weightDecay());
            metrics.put("best_val_accuracy", best.curves().test()[best.curves().test().length - 1]);
            metrics.put("top10_with_lr_at_least_1e-3", (double) top10);
            String summary = String.format(Locale.ROOT,
                    "best of %d trials: val acc %.3f with lr %.2e, weight decay %.2e; %d of the top 10 have lr >= 1e-3",
                    trials, metrics.get("best_val_accuracy"), best.lr(), best.weightDecay(), top10);
            return SideBySide.write(context, id(), grid, csv, summary, metrics);
        }
    }
}
