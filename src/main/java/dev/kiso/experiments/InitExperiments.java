package dev.kiso.experiments;

import dev.kiso.KisoException;
import dev.kiso.data.Batch;
import dev.kiso.data.Batches;
import dev.kiso.models.MultiLayerNet;
import dev.kiso.nn.Affine;
import dev.kiso.nn.Layer;
import dev.kiso.nn.ReLU;
import dev.kiso.nn.Sequential;
import dev.kiso.nn.Sigmoid;
import dev.kiso.nn.SoftmaxCrossEntropy;
import dev.kiso.nn.Tanh;
import dev.kiso.nn.init.HeNormal;
import dev.kiso.nn.init.Initializer;
import dev.kiso.nn.init.LeCunNormal;
import dev.kiso.nn.init.Normal;
import dev.kiso.optim.SGD;
import dev.kiso.plot.Chart;
import dev.kiso.plot.HistogramRow;
import dev.kiso.plot.LineChart;
import dev.kiso.plot.Marker;
import dev.kiso.plot.Series;
import dev.kiso.plot.SeriesCsv;
import dev.kiso.tensor.Tensor;
import dev.kiso.train.Smoothing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Part A of the course: vanishing gradients and weight initialisation (EXPERIMENTS.md §3 A).
 *
 * <ul>
 *   <li>{@code act-hist-*}: activation histograms of a 5-layer net under different
 *       initialisations (book fig. 6-10 … 6-14);</li>
 *   <li>{@code weight-init-compare}: loss curves for σ = 0.01, "Xavier" and He (book fig. 6-15);</li>
 *   <li>{@code vg-*}: the course's activation × initialisation accuracy curves;</li>
 *   <li>{@code vg-gradient-norms}: the mean gradient of each layer at initialisation.</li>
 * </ul>
 *
 * <p>Where the book and the course say "Xavier" they mean std {@code sqrt(1/n)}, which Kiso names
 * {@link LeCunNormal}; He is {@link HeNormal} ({@code sqrt(2/n)}); a fixed σ is {@link Normal}.
 */
public final class InitExperiments {

    private InitExperiments() {
    }

    /** @return the family's experiments, in EXPERIMENTS.md order */
    public static List<Experiment> experiments() {
        List<Experiment> all = new ArrayList<>();
        all.add(new ActivationHistograms("sigmoid", Sigmoid::new, new Normal(1f), "std1"));
        all.add(new ActivationHistograms("sigmoid", Sigmoid::new, new Normal(0.01f), "std0.01"));
        all.add(new ActivationHistograms("sigmoid", Sigmoid::new, new LeCunNormal(), "xavier"));
        all.add(new ActivationHistograms("sigmoid", Sigmoid::new, new HeNormal(), "he"));
        all.add(new ActivationHistograms("tanh", Tanh::new, new LeCunNormal(), "xavier"));
        all.add(new ActivationHistograms("relu", ReLU::new, new Normal(0.01f), "std0.01"));
        all.add(new ActivationHistograms("relu", ReLU::new, new LeCunNormal(), "xavier"));
        all.add(new ActivationHistograms("relu", ReLU::new, new HeNormal(), "he"));
        all.add(new ActivationHistograms("relu", ReLU::new, new Normal(1f), "std1"));
        all.add(new WeightInitCompare());
        all.add(new AccuracyCurves("sigmoid", "gauss", new Normal(0.01f), 40, 20));
        all.add(new AccuracyCurves("relu", "gauss", new Normal(0.01f), 40, 20));
        all.add(new AccuracyCurves("sigmoid", "xavier", new LeCunNormal(), 40, 20));
        all.add(new AccuracyCurves("sigmoid", "xavier", new LeCunNormal(), 80, 40));
        all.add(new AccuracyCurves("relu", "he", new HeNormal(), 40, 20));
        all.add(new AccuracyCurves("relu", "xavier", new LeCunNormal(), 40, 20));
        all.add(new AccuracyCurves("sigmoid", "he", new HeNormal(), 40, 20));
        all.add(new GradientNorms());
        return all;
    }

    /** How an initializer is written in chart titles: the course's name and the std it gives. */
    static String describe(Initializer init, int fanIn) {
        if (init instanceof Normal n) {
            return "N(0, " + fmt(n.std()) + "²)";
        }
        if (init instanceof LeCunNormal) {
            return "LeCunNormal (course 'Xavier'), std √(1/" + fanIn + ")";
        }
        if (init instanceof HeNormal) {
            return "HeNormal, std √(2/" + fanIn + ")";
        }
        return init.toString();
    }

    /** Four significant digits, without trailing zeros: 0.4312, 0.01, 1.234e-05. */
    static String fmt(double v) {
        String s = String.format(Locale.ROOT, "%.4g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("\\.?0+$", "");
        }
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }

    /** Writes the chart and its CSV (with the run's seed and profile) and returns the result. */
    static ExperimentResult finish(ExperimentContext ctx, String id, Chart chart, SeriesCsv csv,
                                   String summary, Map<String, Double> metrics) throws IOException {
        csv.setting("experiment", id).setting("seed", ctx.seed())
                .setting("profile", ctx.profile().name().toLowerCase(Locale.ROOT));
        return SideBySide.write(ctx, id, chart, csv, summary, metrics);
    }

    // ---------------------------------------------------------------------------------------------
    // A1. act-hist-*: X [1000, 100] ~ N(0, 1) through 5 layers a = z·W, z = act(a), W [100, 100]
    // ---------------------------------------------------------------------------------------------

    /** One {@code act-hist-*} variant: an activation and a weight initialisation. */
    static final class ActivationHistograms implements Experiment {
        static final int SAMPLES = 1000;
        static final int UNITS = 100;
        static final int LAYERS = 5;

        private final String act;
        private final Supplier<Layer> activation;
        private final Initializer init;
        private final String initName;

        ActivationHistograms(String act, Supplier<Layer> activation, Initializer init, String initName) {
            this.act = act;
            this.activation = activation;
            this.init = init;
            this.initName = initName;
        }

        @Override
        public String id() {
            return "act-hist-" + act + "-" + initName;
        }

        @Override
        public String description() {
            return "activation histograms of a 5-layer " + act + " net, W ~ " + describe(init, UNITS);
        }

        /**
         * The activations of each layer for one seeded draw of the input and the weights.
         *
         * @param rng draws X, then each layer's W
         * @return {@code LAYERS} arrays of {@code SAMPLES · UNITS} values
         */
        float[][] activations(Random rng) {
            Tensor z = Tensor.randn(rng, 0f, 1f, SAMPLES, UNITS);
            float[][] out = new float[LAYERS][];
            for (int k = 0; k < LAYERS; k++) {
                Affine affine = new Affine(UNITS, UNITS, init);  // bias 0: a = z·W, as in the book
                affine.initialize(rng);
                z = activation.get().forward(affine.forward(z, false), false);
                out[k] = z.toArray();
            }
            return out;
        }

        @Override
        public ExperimentResult run(ExperimentContext ctx) throws IOException {
            float[][] z = activations(ctx.rng(0));
            boolean tanh = act.equals("tanh");
            HistogramRow row = new HistogramRow(30, tanh ? -1 : 0, 1)
                    .title(act + ", W ~ " + describe(init, UNITS) + " (1000 samples × 100 units)");
            if (act.equals("relu")) {
                row.yMax(7000);  // book fig. 6-14: the zeros fill the first bin, the rest would vanish
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            StringBuilder std = new StringBuilder();
            StringBuilder mean = new StringBuilder();
            for (int k = 0; k < LAYERS; k++) {
                row.add((k + 1) + "-layer", z[k]);
                LayerStats s = LayerStats.of(z[k]);
                String p = "layer" + (k + 1) + ".";
                metrics.put(p + "mean", s.mean);
                metrics.put(p + "std", s.std);
                metrics.put(p + "min", s.min);
                metrics.put(p + "max", s.max);
                metrics.put(p + "tails", s.tails);
                metrics.put(p + "zeros", s.zeros);
                std.append(k == 0 ? "" : " ").append(fmt(s.std));
                mean.append(k == 0 ? "" : " ").append(fmt(s.mean));
            }
            String summary = "layers 1-5: std " + std + "; mean " + mean
                    + (act.equals("sigmoid") ? "; share <0.05 or >0.95 in layer 1: " + fmt(metrics.get("layer1.tails")) : "")
                    + (act.equals("relu") ? "; share of zeros in layer 1: " + fmt(metrics.get("layer1.zeros")) : "");
            SeriesCsv csv = new SeriesCsv().setting("activation", act).setting("init", init)
                    .setting("samples", SAMPLES).setting("units", UNITS).setting("layers", LAYERS)
                    .setting("bias", "none (0)").setting("bins", "30 over " + (tanh ? "(-1, 1)" : "(0, 1)"));
            return finish(ctx, id(), row, csv, summary, metrics);
        }
    }

    /** Mean, std, range and the shares the acceptance criteria use, of one layer's activations. */
    record LayerStats(double mean, double std, double min, double max, double tails, double zeros) {
        static LayerStats of(float[] v) {
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            int tails = 0;
            int zeros = 0;
            for (float x : v) {
                sum += x;
                min = Math.min(min, x);
                max = Math.max(max, x);
                tails += x < 0.05f || x > 0.95f ? 1 : 0;
                zeros += x == 0f ? 1 : 0;
            }
            double mean = sum / v.length;
            double sq = 0;
            for (float x : v) {
                sq += (x - mean) * (x - mean);
            }
            return new LayerStats(mean, Math.sqrt(sq / v.length), min, max,
                    (double) tails / v.length, (double) zeros / v.length);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // A2. weight-init-compare: 784-100x4-10 ReLU, SGD 0.01, batch 128, loss per iteration
    // ---------------------------------------------------------------------------------------------

    /** {@code weight-init-compare}: the book's loss curves for σ = 0.01, "Xavier" and He (fig. 6-15). */
    static final class WeightInitCompare implements Experiment {
        static final String[] KEYS = {"std0.01", "xavier", "he"};
        static final String[] NAMES = {"std=0.01", "Xavier (LeCunNormal, √(1/n))", "He (HeNormal, √(2/n))"};
        static final Initializer[] INITS = {new Normal(0.01f), new LeCunNormal(), new HeNormal()};
        static final Marker[] MARKERS = {Marker.CIRCLE, Marker.SQUARE, Marker.DIAMOND};

        @Override
        public String id() {
            return "weight-init-compare";
        }

        @Override
        public String description() {
            return "loss curves of a 784-100x4-10 ReLU net for W ~ N(0, 0.01²), 'Xavier' and He (SGD 0.01)";
        }

        /**
         * Trains the three networks side by side.
         *
         * @param ctx        the seed
         * @param iterations number of SGD steps
         * @return {@code loss[s][i]} for series s ({@link #KEYS} order) and iteration i
         */
        static double[][] losses(ExperimentContext ctx, int iterations) {
            SideBySide race = new SideBySide(SideBySide.fashion().train(), 128, ctx.rng(BATCH_SERIES));
            for (int s = 0; s < INITS.length; s++) {
                Sequential model = MultiLayerNet.builder(784, 10).hidden(100, 100, 100, 100).init(INITS[s]).build();
                model.initialize(ctx.rng(s));
                race.add(KEYS[s], model, new SGD(0.01));
            }
            race.run(iterations, 0, 0, (model, batch) -> new double[0], ctx.log());
            double[][] loss = new double[INITS.length][iterations];
            for (int s = 0; s < INITS.length; s++) {
                float[] raw = race.runners().get(s).losses;
                for (int i = 0; i < iterations; i++) {
                    loss[s][i] = raw[i];
                }
            }
            return loss;
        }

        @Override
        public ExperimentResult run(ExperimentContext ctx) throws IOException {
            int iterations = ctx.profile().pick(500, 2000);
            double[][] loss = losses(ctx, iterations);
            LineChart chart = new LineChart().title("weight initialisation: 784-100-100-100-100-10 ReLU, SGD lr 0.01")
                    .xLabel("iterations").yLabel("loss (smoothed)").yRange(0, 2.5);
            Map<String, Double> metrics = new LinkedHashMap<>();
            StringBuilder summary = new StringBuilder("mean loss of the last 100 iterations:");
            for (int s = 0; s < INITS.length; s++) {
                chart.add(Series.of(NAMES[s], Smoothing.smoothCurve(loss[s])).marker(MARKERS[s]).markEvery(100));
                double last = mean(loss[s], iterations - 100, iterations);
                metrics.put(KEYS[s] + ".last100", last);
                metrics.put(KEYS[s] + ".first500", mean(loss[s], 0, Math.min(500, iterations)));
                summary.append(' ').append(NAMES[s].split(" ")[0]).append(' ').append(fmt(last));
            }
            summary.append("; mean over iterations 0-499: Xavier ").append(fmt(metrics.get("xavier.first500")))
                    .append(", He ").append(fmt(metrics.get("he.first500")));
            SeriesCsv csv = new SeriesCsv().setting("network", "784-100-100-100-100-10 ReLU, bias 0")
                    .setting("inits", "Normal(0.01); LeCunNormal (course 'Xavier'); HeNormal")
                    .setting("optimizer", "SGD lr 0.01").setting("batch", "128 with replacement, shared")
                    .setting("iterations", iterations).setting("smoothing", "Smoothing.smoothCurve (Kaiser 11, beta 2)");
            for (int s = 0; s < INITS.length; s++) {
                csv.add(Series.of(NAMES[s] + " (raw)", loss[s]));
            }
            return finish(ctx, id(), chart, csv, summary.toString(), metrics);
        }
    }

    /** The mean of {@code v[from..to)}. */
    static double mean(double[] v, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += v[i];
        }
        return sum / (to - from);
    }

    // ---------------------------------------------------------------------------------------------
    // A3. vg-*: 784-40-20-10, SGD 0.1, batch 100; accuracy on the batch and the test set every 10
    // ---------------------------------------------------------------------------------------------

    /** One {@code vg-*} variant: the course's {@code 2_2_2} accuracy curves for one activation × initialisation. */
    static final class AccuracyCurves implements Experiment {
        static final int EVERY = 10;
        static final int LAST = 5;   // "final" = mean of the last 5 evaluation points (§1.4)

        private final String act;
        private final String initName;
        private final Initializer init;
        private final int[] hidden;

        AccuracyCurves(String act, String initName, Initializer init, int... hidden) {
            this.act = act;
            this.initName = initName;
            this.init = init;
            this.hidden = hidden;
        }

        @Override
        public String id() {
            return "vg-" + act + "-" + initName + (hidden[0] == 40 ? "" : "-" + hidden[0] + "-" + hidden[1]);
        }

        @Override
        public String description() {
            return "accuracy curves, 784-" + hidden[0] + "-" + hidden[1] + "-10 " + act + ", W ~ " + describe(init, 784)
                    + ", SGD 0.1";
        }

        /** The course's [try] cells: other hidden sizes ("change hidden_size_list"), more iterations. */
        @Override
        public List<ExperimentOption> options() {
            return List.of(new ExperimentOption("hidden", ExperimentOption.Type.INTS,
                            "hidden layer sizes, e.g. 1000,500 or 40,30,20 (default " + join(hidden) + ")"),
                    new ExperimentOption("iterations", ExperimentOption.Type.INT,
                            "SGD updates (default 2000; quick profile 600)"));
        }

        private static String join(int[] sizes) {
            return Arrays.stream(sizes).mapToObj(String::valueOf).collect(Collectors.joining(","));
        }

        @Override
        public ExperimentResult run(ExperimentContext ctx) throws IOException {
            int[] hidden = ctx.intsOption("hidden", this.hidden);
            int iterations = ctx.intOption("iterations", ctx.profile().pick(600, 2000));
            if (Arrays.stream(hidden).anyMatch(h -> h < 1) || iterations < EVERY * LAST) {
                throw new KisoException("experiment " + id() + ": --hidden needs sizes >= 1 and --iterations at least " + EVERY * LAST + ", got "
                        + join(hidden) + " and " + iterations);
            }
            String net = "784-" + join(hidden).replace(',', '-') + "-10";
            Sequential model = MultiLayerNet.builder(784, 10).hidden(hidden)
                    .activation(act.equals("relu") ? ReLU::new : Sigmoid::new).init(init).build();
            model.initialize(ctx.rng(0));
            SideBySide race = new SideBySide(SideBySide.fashion().train(), 100, ctx.rng(BATCH_SERIES));
            SideBySide.Runner runner = race.add(id(), model, new SGD(0.1));
            race.runCourse(iterations, ctx);  // every 10 iterations: the current batch, and the test set
            LineChart chart = SideBySide.coursePanel("accuracy: " + act + ", W ~ " + describe(init, 784) + ", " + net,
                    runner);
            double[] count = runner.iterations();   // 0-based iteration of each evaluation point
            double[] trainAcc = runner.measured(0);
            double[] testAcc = runner.measured(1);
            int points = testAcc.length;
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("final.test", mean(testAcc, points - LAST, points));
            metrics.put("final.train", mean(trainAcc, points - LAST, points));
            int low = 0;
            double firstAt070 = Double.NaN;
            for (int p = 0; p < points; p++) {
                low += testAcc[p] <= 0.20 ? 1 : 0;
                if (Double.isNaN(firstAt070) && testAcc[p] >= 0.70) {
                    firstAt070 = count[p] + 1;
                }
            }
            metrics.put("shareOfPointsAtMost0.20", (double) low / points);
            metrics.put("iterationsTo0.70", firstAt070);
            String summary = "final test accuracy " + fmt(metrics.get("final.test")) + ", training (batch) "
                    + fmt(metrics.get("final.train")) + " (mean of the last " + LAST + " evaluations); "
                    + (Double.isNaN(firstAt070) ? "test never reached 0.70" : "test first >= 0.70 at iteration " + (int) firstAt070)
                    + "; " + low + "/" + points + " evaluations <= 0.20";
            SeriesCsv csv = ctx.csv(id()).setting("network", net + " " + act + ", bias 0")
                    .setting("init", init).setting("optimizer", "SGD lr 0.1").setting("batch", "100 with replacement")
                    .setting("iterations", iterations).setting("evaluate", "every 10 iterations after the update; "
                            + "training set = the current mini-batch, test set = the first "
                            + SideBySide.courseTestSamples(ctx.profile()) + " test images");
            return finish(ctx, id(), chart, csv, summary, metrics);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // A4. vg-gradient-norms: mean |∂L/∂W_k| per layer of 784-[100]×5-10 at initialisation
    // ---------------------------------------------------------------------------------------------

    /** {@code vg-gradient-norms} [designed]: where the gradient vanishes. */
    static final class GradientNorms implements Experiment {
        static final int[] HIDDEN = {100, 100, 100, 100, 100};
        static final String[] VARIANTS = {"sigmoid-gauss", "sigmoid-xavier", "relu-he"};

        @Override
        public String id() {
            return "vg-gradient-norms";
        }

        @Override
        public String description() {
            return "mean |dL/dW| per layer at initialisation, 784-[100]x5-10: sigmoid-gauss, sigmoid-xavier, relu-he";
        }

        static Sequential net(String variant) {
            return switch (variant) {
                case "sigmoid-gauss" -> MultiLayerNet.builder(784, 10).hidden(HIDDEN).activation(Sigmoid::new)
                        .init(new Normal(0.01f)).build();
                case "sigmoid-xavier" -> MultiLayerNet.builder(784, 10).hidden(HIDDEN).activation(Sigmoid::new)
                        .init(new LeCunNormal()).build();
                default -> MultiLayerNet.builder(784, 10).hidden(HIDDEN).activation(ReLU::new)
                        .init(new HeNormal()).build();
            };
        }

        @Override
        public ExperimentResult run(ExperimentContext ctx) throws IOException {
            Batch batch = Batches.withReplacement(SideBySide.fashion().train(), 100, ctx.rng(BATCH_SERIES))
                    .iterator().next();
            LineChart chart = new LineChart().title("mean |∂L/∂W| per layer at initialisation (one batch of 100)")
                    .xLabel("layer").yLabel("mean |∂L/∂W|").logY();
            Map<String, Double> metrics = new LinkedHashMap<>();
            StringBuilder summary = new StringBuilder("layer 6 / layer 1 mean |dW|:");
            Marker[] markers = {Marker.CIRCLE, Marker.SQUARE, Marker.DIAMOND};
            for (int s = 0; s < VARIANTS.length; s++) {
                Sequential model = net(VARIANTS[s]);
                model.initialize(ctx.rng(s));
                SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
                loss.forward(model.forward(batch.x(), true), batch.t());
                model.backward(loss.backward());
                List<Double> g = new ArrayList<>();
                for (Layer layer : model.layers()) {
                    if (layer instanceof Affine a) {
                        g.add(meanAbs(a.weight().grad()));
                    }
                }
                double[] xs = new double[g.size()];
                double[] ys = new double[g.size()];
                for (int k = 0; k < g.size(); k++) {
                    xs[k] = k + 1;
                    ys[k] = g.get(k);
                    metrics.put(VARIANTS[s] + ".layer" + (k + 1), ys[k]);
                }
                double ratio = ys[ys.length - 1] / ys[0];
                metrics.put(VARIANTS[s] + ".lastOverFirst", ratio);
                summary.append(' ').append(VARIANTS[s]).append(' ').append(fmt(ratio));
                chart.add(Series.of(VARIANTS[s], xs, ys).marker(markers[s]));
            }
            SeriesCsv csv = new SeriesCsv().setting("network", "784-[100]x5-10")
                    .setting("variants", "sigmoid N(0,0.01^2); sigmoid LeCunNormal; relu HeNormal")
                    .setting("batch", "100 drawn with replacement from the training set");
            return finish(ctx, id(), chart, csv, summary.toString(), metrics);
        }

        private static double meanAbs(Tensor t) {
            double sum = 0;
            for (float v : t.toArray()) {
                sum += Math.abs(v);
            }
            return sum / t.size();
        }
    }

    /** The generator index for mini-batch draws, apart from the networks' 0, 1, 2, .... */
    static final int BATCH_SERIES = 1000;
}
