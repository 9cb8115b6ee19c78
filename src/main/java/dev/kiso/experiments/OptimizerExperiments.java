package dev.kiso.experiments;

import dev.kiso.data.TrainTest;
import dev.kiso.nn.Parameter;
import dev.kiso.nn.ReLU;
import dev.kiso.nn.Sequential;
import dev.kiso.nn.Sigmoid;
import dev.kiso.nn.init.HeNormal;
import dev.kiso.nn.init.Normal;
import dev.kiso.optim.AdaGrad;
import dev.kiso.optim.Adam;
import dev.kiso.optim.Momentum;
import dev.kiso.optim.Optimizer;
import dev.kiso.optim.RMSProp;
import dev.kiso.optim.SGD;
import dev.kiso.plot.Chart;
import dev.kiso.plot.ChartGrid;
import dev.kiso.plot.ContourChart;
import dev.kiso.plot.LegendPosition;
import dev.kiso.plot.LineChart;
import dev.kiso.plot.LineStyle;
import dev.kiso.plot.Marker;
import dev.kiso.plot.Palette;
import dev.kiso.plot.Series;
import dev.kiso.plot.SeriesCsv;
import dev.kiso.tensor.Tensor;
import dev.kiso.train.Smoothing;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The optimizer experiments (EXPERIMENTS.md §3 B): the book's paths on a 2-D bowl
 * ({@code opt-trajectory-2d}) and loss curves ({@code opt-compare-loss}), and the course's
 * optimizer cells ({@code opt-course-*}).
 */
public final class OptimizerExperiments {

    private OptimizerExperiments() {
    }

    /** @return the experiments of this family, in EXPERIMENTS.md order */
    public static List<Experiment> experiments() {
        return List.of(
                new Trajectory2d("opt-trajectory-2d",
                        "book fig. 6-8: paths of SGD, Momentum, AdaGrad, Adam (and RMSProp) on f(x, y) = x²/20 + y²"),
                new CompareLoss("opt-compare-loss",
                        "book fig. 6-9: loss curves of SGD, Momentum, AdaGrad, Adam, RMSProp on a 5-layer ReLU net"),
                new CourseCell("opt-course-sgd", "course 2_4: SGD lr 0.01 on a sigmoid net with N(0, 0.01²) weights stays stuck",
                        false, List.of(new Variant("SGD lr 0.01", "", () -> new SGD(0.01), false))),
                new CourseCell("opt-course-momentum", "course 2_4: Momentum lr 0.01 barely differs from SGD",
                        false, List.of(new Variant("Momentum lr 0.01", "", () -> new Momentum(0.01, 0.9), false))),
                new CourseCell("opt-course-adagrad", "course 2_4: the course's AdaGrad cell (h0 = 1e-4, no eps) and the library's",
                        false, List.of(new Variant("course AdaGrad (h0 = 1e-4, no eps)", "", () -> new CourseAdaGrad(0.01), false),
                                new Variant("library AdaGrad (h0 = 0, eps 1e-7)", "_library", () -> new AdaGrad(0.01), false))),
                new CourseCell("opt-course-rmsprop", "course 2_4: RMSProp lr 0.01 learns where SGD is stuck",
                        false, List.of(new Variant("RMSProp lr 0.01", "", () -> new RMSProp(0.01, 0.99, 1e-7), false))),
                new CourseCell("opt-course-adam", "course 2_4: Adam lr 0.01 learns where SGD is stuck",
                        false, List.of(new Variant("Adam lr 0.01", "", () -> new Adam(0.01, 0.9, 0.999, 1e-7), false))),
                new CourseCell("opt-course-sgd-bn", "course 2_4: SGD lr 0.01 with BatchNorm learns (without BN it is stuck)",
                        true, List.of(new Variant("SGD + BatchNorm (γ, β learned)", "", () -> new SGD(0.01), false),
                                new Variant("course-exact (γ, β fixed)", "_course_exact", () -> new SGD(0.01), true))));
    }

    // ================================================================== B1 opt-trajectory-2d

    /** f(x, y) = x²/20 + y², whose gradient is (x/10, 2y): steep in y, shallow in x. */
    private static double f(double x, double y) {
        return x * x / 20 + y * y;
    }

    /**
     * B1: the optimizers' first 30 steps on f(x, y) = x²/20 + y² from (−7, 2), drawn over its
     * contours. The optimizers are the library's own, stepping a 2-element {@link Parameter}
     * {@code (x, y)} whose gradient is set by hand: an optimizer works on any parameter.
     */
    private record Trajectory2d(String id, String description) implements Experiment {
        static final int STEPS = 30;
        static final float X0 = -7;
        static final float Y0 = 2;

        @Override
        public ExperimentResult run(ExperimentContext context) throws IOException {
            String[] names = {"SGD", "Momentum", "AdaGrad", "Adam", "RMSProp"};
            String[] settings = {"lr 0.95", "lr 0.1, μ 0.9", "lr 1.5", "lr 0.3, β 0.9/0.999", "lr 0.1, ρ 0.99"};
            Optimizer[] optimizers = {new SGD(0.95), new Momentum(0.1, 0.9), new AdaGrad(1.5),
                    new Adam(0.3, 0.9, 0.999, 1e-7), new RMSProp(0.1, 0.99, 1e-7)};
            ChartGrid grid = new ChartGrid(2, 3).cellSize(420, 330).title("f(x, y) = x²/20 + y², start (−7, 2), 30 steps");
            ContourChart all = contour("all five (zoomed)").xRange(-8, 2).yRange(-2.5, 3.5);
            Map<String, Double> metrics = new LinkedHashMap<>();
            StringBuilder summary = new StringBuilder("last position and sign changes of y/x:");
            for (int k = 0; k < names.length; k++) {
                double[][] path = descend(optimizers[k]);
                grid.add(contour(names[k]).add(Series.of(names[k] + " " + settings[k], path[0], path[1])
                        .color(Palette.color(3)).marker(Marker.CIRCLE)).add(origin()));
                all.add(Series.of(names[k], path[0], path[1]).color(Palette.color(k)).marker(Marker.CIRCLE));
                String key = names[k].toLowerCase(Locale.ROOT);
                double lastX = path[0][STEPS - 1];
                double lastY = path[1][STEPS - 1];
                int yFlips = signChanges(path[1]);
                int xFlips = signChanges(path[0]);
                metrics.put(key + "_last_x", lastX);
                metrics.put(key + "_last_y", lastY);
                metrics.put(key + "_y_sign_changes", (double) yFlips);
                metrics.put(key + "_x_sign_changes", (double) xFlips);
                summary.append(String.format(Locale.ROOT, " %s (%.4f, %.4f) %d/%d;", names[k], lastX, lastY, yFlips, xFlips));
            }
            grid.add(all.add(origin()).legend(LegendPosition.UPPER_RIGHT));
            return SideBySide.write(context, id(), grid, SideBySide.csv(context, id()).setting("function", "x^2/20 + y^2")
                    .setting("start", "(-7, 2)").setting("steps", STEPS)
                    .setting("recorded", "position before each update")
                    .setting("optimizers", Arrays.toString(optimizers)),
                    summary.substring(0, summary.length() - 1), metrics);
        }

        /** Steps the optimizer 30 times on a parameter (x, y), recording the position before each step. */
        static double[][] descend(Optimizer optimizer) {
            Parameter p = new Parameter("xy", Tensor.of(new float[] {X0, Y0}, 2), false);
            float[] w = p.value().data();
            float[] g = p.grad().data();
            int wo = p.value().offset();
            int go = p.grad().offset();
            double[][] path = new double[2][STEPS];
            for (int k = 0; k < STEPS; k++) {
                float x = w[wo];
                float y = w[wo + 1];
                path[0][k] = x;
                path[1][k] = y;
                g[go] = x / 10;       // ∂f/∂x
                g[go + 1] = 2 * y;    // ∂f/∂y
                optimizer.step(List.of(p));
            }
            return path;
        }

        private static ContourChart contour(String title) {
            return new ContourChart(OptimizerExperiments::f).title(title)
                    .levels(0.25, 0.75, 1.5, 2.5, 4, 5.5, 7).xRange(-10, 10).yRange(-10, 10)
                    .xLabel("x").yLabel("y").legend(LegendPosition.NONE);
        }

        private static Series origin() {
            return Series.of("minimum", new double[] {0}, new double[] {0})
                    .style(LineStyle.NONE).marker(Marker.PLUS).color(Color.BLACK);
        }

        private static int signChanges(double[] v) {
            int n = 0;
            for (int i = 1; i < v.length; i++) {
                if (v[i - 1] * v[i] < 0) {
                    n++;
                }
            }
            return n;
        }
    }

    // ================================================================== B2 opt-compare-loss

    /**
     * B2: loss curves of five optimizers training the same 784-100-100-100-100-10 ReLU net (He)
     * on the same mini-batches (batch 128, drawn with replacement), smoothed as the book does.
     */
    private record CompareLoss(String id, String description) implements Experiment {
        @Override
        public ExperimentResult run(ExperimentContext context) throws IOException {
            int iterations = context.profile().pick(300, 2000);
            String[] names = {"SGD", "Momentum", "AdaGrad", "Adam", "RMSProp"};
            Marker[] markers = {Marker.CIRCLE, Marker.CROSS, Marker.SQUARE, Marker.DIAMOND, Marker.TRIANGLE};
            List<Supplier<Optimizer>> optimizers = List.of(() -> new SGD(0.01), () -> new Momentum(0.01, 0.9),
                    () -> new AdaGrad(0.01), () -> new Adam(0.001, 0.9, 0.999, 1e-7), () -> new RMSProp(0.001, 0.99, 1e-7));
            TrainTest data = SideBySide.fashion();
            SideBySide race = new SideBySide(data.train(), 128, context.rng(-1));
            for (int k = 0; k < names.length; k++) {
                Sequential net = SideBySide.courseNet(100, 100, 100, 100).init(new HeNormal()).build(context.rng(k));
                race.add(names[k], net, optimizers.get(k).get());
            }
            context.log().printf("%s: %d iterations, %d optimizers%n", id(), iterations, names.length);
            race.run(iterations, 0, 0, null, context.log());

            LineChart chart = new LineChart().title("optimizer comparison (Fashion-MNIST)")
                    .xLabel("iterations").yLabel("loss").yRange(0, 1).legend(LegendPosition.UPPER_RIGHT);
            SeriesCsv csv = SideBySide.csv(context, id());
            Map<String, Double> metrics = new LinkedHashMap<>();
            StringBuilder summary = new StringBuilder("mean loss of the last 100 iterations:");
            double sgd = 0;
            double worstOther = 0;
            for (int k = 0; k < names.length; k++) {
                SideBySide.Runner r = race.runners().get(k);
                chart.add(Series.of(names[k], Smoothing.smoothCurve(r.losses)).marker(markers[k]).markEvery(100));
                double end = SideBySide.meanOfLast(r.losses, 100);
                metrics.put("loss_end_" + names[k].toLowerCase(Locale.ROOT), end);
                summary.append(String.format(Locale.ROOT, " %s %.3f,", names[k], end));
                if (k == 0) {
                    sgd = end;
                } else {
                    worstOther = Math.max(worstOther, end);
                }
            }
            metrics.put("sgd_over_worst_other", sgd / worstOther);
            summary.append(String.format(Locale.ROOT, " SGD / worst other %.2f", sgd / worstOther));
            csv.setting("iterations", iterations).setting("batch", 128).setting("sampling", "with replacement, shared")
                    .setting("network", "784-100-100-100-100-10 ReLU, He").setting("smoothing", "book smooth_curve (Kaiser 11, beta 2)")
                    .setting("optimizers", race.runners().stream().map(r -> r.optimizer.toString()).toList());
            for (SideBySide.Runner r : race.runners()) {
                csv.add(Series.of(r.name + " (raw)", r.losses));
            }
            return SideBySide.write(context, id(), chart, csv, summary.toString(), metrics);
        }
    }

    // ================================================================== B3 opt-course-*

    /**
     * One network of a course cell.
     *
     * @param name        the panel title
     * @param metricKey   suffix of its metrics ("" for the cell's main network)
     * @param optimizer   makes its optimizer
     * @param courseExact update only the Affine weights and biases (quirk Q4: γ, β stay 1 and 0)
     */
    private record Variant(String name, String metricKey, Supplier<Optimizer> optimizer, boolean courseExact) {
    }

    /**
     * B3: a course optimizer cell. MLP 784-40-20-10, sigmoid, W ~ N(0, 0.01²), [BatchNorm after
     * each hidden Affine], mini-batch 100 with replacement; every 10 iterations the accuracy on the
     * mini-batch ("training set") and on the test set.
     */
    private record CourseCell(String id, String description, boolean batchNorm, List<Variant> variants) implements Experiment {
        @Override
        public ExperimentResult run(ExperimentContext context) throws IOException {
            int iterations = context.profile().pick(300, 1000);
            SideBySide race = SideBySide.course(context);
            for (int k = 0; k < variants.size(); k++) {
                Variant v = variants.get(k);
                Sequential net = SideBySide.courseNet(40, 20).activation(Sigmoid::new).init(new Normal(0.01f))
                        .batchNorm(batchNorm).build(context.rng(k));
                List<Parameter> params = v.courseExact() ? SideBySide.affineParameters(net) : net.parameters();
                race.add(v.name(), net, v.optimizer().get(), params);
            }
            context.log().printf("%s: %d iterations%n", id, iterations);
            race.runCourse(iterations, context);

            Map<String, Double> metrics = new LinkedHashMap<>();
            StringBuilder summary = new StringBuilder("final test accuracy (mean of last 5 points):");
            List<LineChart> panels = new ArrayList<>();
            for (int k = 0; k < variants.size(); k++) {
                SideBySide.Runner r = race.runners().get(k);
                panels.add(SideBySide.coursePanel(r.name, r));
                double test = SideBySide.meanOfLast(r.measured(1), 5);
                String key = variants.get(k).metricKey();
                metrics.put("test_final" + key, test);
                metrics.put("train_final" + key, SideBySide.meanOfLast(r.measured(0), 5));
                metrics.put("test_max" + key, Arrays.stream(r.measured(1)).max().orElse(Double.NaN));
                summary.append(String.format(Locale.ROOT, " %s %.4f;", r.name, test));
            }
            Chart chart = panels.get(0);
            if (panels.size() > 1) {
                ChartGrid grid = new ChartGrid(1, panels.size()).cellSize(480, 360).title("accuracy (" + id + ")");
                panels.forEach(grid::add);
                chart = grid;
            }
            SeriesCsv csv = SideBySide.csv(context, id).setting("iterations", iterations).setting("batch", 100)
                    .setting("sampling", "with replacement, shared").setting("test samples", SideBySide.courseTestSamples(context.profile()))
                    .setting("network", "784-40-20-10 sigmoid, N(0, 0.01^2)" + (batchNorm ? ", BatchNorm (eps 1e-6)" : ""))
                    .setting("evaluation", "every 10 iterations after the update; training set = current mini-batch")
                    .setting("optimizers", race.runners().stream().map(r -> r.optimizer.toString()).toList());
            return SideBySide.write(context, id, chart, csv, summary.substring(0, summary.length() - 1), metrics);
        }
    }

    /**
     * The course's own AdaGrad cell (quirk Q5): {@code h} starts at θ = 1e-4 for every element and
     * the update has no ε. A custom optimizer is a subclass with one loop.
     *
     * <pre>
     * h ← h + g²     (h₀ = 1e-4)
     * w ← w − η·g/√h
     * </pre>
     */
    private static final class CourseAdaGrad extends Optimizer {
        CourseAdaGrad(double learningRate) {
            super(learningRate, 1);
        }

        @Override
        protected void update(float[] w, float[] g, float[][] state, int from, int to, long t) {
            float lr = (float) learningRate();
            float[] h = state[0];
            if (t == 1) {
                Arrays.fill(h, from, to, 1e-4f);
            }
            for (int i = from; i < to; i++) {
                float gi = g[i];
                h[i] += gi * gi;
                w[i] -= lr * gi / (float) Math.sqrt(h[i]);
            }
        }

        @Override
        public String toString() {
            return "CourseAdaGrad(lr=" + learningRate() + ", h0=1e-4, no eps)";
        }
    }
}
