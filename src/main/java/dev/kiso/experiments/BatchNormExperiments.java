package dev.kiso.experiments;

import dev.kiso.data.Dataset;
import dev.kiso.nn.Layer;
import dev.kiso.nn.ReLU;
import dev.kiso.nn.Sequential;
import dev.kiso.nn.Sigmoid;
import dev.kiso.nn.init.HeNormal;
import dev.kiso.nn.init.Initializer;
import dev.kiso.nn.init.LeCunNormal;
import dev.kiso.nn.init.Normal;
import dev.kiso.optim.SGD;
import dev.kiso.plot.ChartGrid;
import dev.kiso.plot.LegendPosition;
import dev.kiso.plot.LineChart;
import dev.kiso.plot.Series;
import dev.kiso.plot.SeriesCsv;
import dev.kiso.tensor.Tensor;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The batch-normalization experiments (EXPERIMENTS.md §3 C): the course's BN cell
 * ({@code bn-course}) and the book's BN-versus-no-BN grid over 16 initial weight scales
 * ({@code bn-weight-scale-grid}).
 */
public final class BatchNormExperiments {

    private BatchNormExperiments() {
    }

    /** @return the experiments of this family, in EXPERIMENTS.md order */
    public static List<Experiment> experiments() {
        return List.of(
                new BnCourse("bn-course", "course 2_3: BatchNorm in a 784-40-20-10 net, sigmoid+Xavier vs ReLU+He vs no BN"),
                new WeightScaleGrid("bn-weight-scale-grid", "book fig. 6-19: BatchNorm vs no BatchNorm over 16 initial weight scales (4x4 grid)"));
    }

    // ================================================================== C1 bn-course

    /** One network of the course cell: activation, initializer, with or without BatchNorm. */
    private record Net(String name, String key, Supplier<Layer> activation, Initializer init, boolean batchNorm) {
    }

    /**
     * C1: the course's BN cell (course {@code 2_3}): MLP 784-40-20-10 with BatchNorm after each
     * hidden Affine, SGD lr 0.01, mini-batch 100 with replacement; sigmoid + Xavier, ReLU + He
     * (the course's [try]) and, for comparison, sigmoid + Xavier without BN.
     */
    private record BnCourse(String id, String description) implements Experiment {
        @Override
        public ExperimentResult run(ExperimentContext context) throws IOException {
            int iterations = context.profile().pick(300, 1000);
            List<Net> nets = List.of(
                    new Net("sigmoid + Xavier + BN", "sigmoid_bn", Sigmoid::new, new LeCunNormal(), true),
                    new Net("ReLU + He + BN", "relu_bn", ReLU::new, new HeNormal(), true),
                    new Net("sigmoid + Xavier, no BN", "sigmoid_plain", Sigmoid::new, new LeCunNormal(), false));
            SideBySide race = SideBySide.course(context);
            for (int k = 0; k < nets.size(); k++) {
                Net n = nets.get(k);
                Sequential model = SideBySide.courseNet(40, 20).activation(n.activation()).init(n.init())
                        .batchNorm(n.batchNorm()).build(context.rng(k));
                race.add(n.name(), model, new SGD(0.01));
            }
            context.log().printf("%s: %d iterations%n", id(), iterations);
            race.runCourse(iterations, context);

            ChartGrid grid = new ChartGrid(1, nets.size()).cellSize(420, 330).title("accuracy (SGD lr 0.01)");
            Map<String, Double> metrics = new LinkedHashMap<>();
            StringBuilder summary = new StringBuilder("final test accuracy:");
            for (int k = 0; k < nets.size(); k++) {
                SideBySide.Runner r = race.runners().get(k);
                grid.add(SideBySide.coursePanel(r.name, r));
                double[] test = r.measured(1);
                metrics.put("test_final_" + nets.get(k).key(), SideBySide.meanOfLast(test, 5));
                metrics.put("test_last_" + nets.get(k).key(), test[test.length - 1]);
                summary.append(String.format(Locale.ROOT, " %s %.4f;", r.name, SideBySide.meanOfLast(test, 5)));
            }
            SeriesCsv csv = SideBySide.csv(context, id()).setting("iterations", iterations).setting("batch", 100)
                    .setting("sampling", "with replacement, shared").setting("test samples", SideBySide.courseTestSamples(context.profile()))
                    .setting("network", "784-40-20-10, BatchNorm (eps 1e-6) after each hidden Affine; Xavier = N(0, 1/fan-in)")
                    .setting("optimizer", "SGD(lr=0.01) on every parameter (gamma, beta included)")
                    .setting("evaluation", "every 10 iterations after the update; training set = current mini-batch");
            return SideBySide.write(context, id(), grid, csv, summary.substring(0, summary.length() - 1), metrics);
        }
    }

    // ================================================================== C2 bn-weight-scale-grid

    /**
     * C2 (book fig. 6-19): for each initial weight scale w, a 784-[100]×5-10 ReLU net with
     * W ~ N(0, w²), once with BatchNorm after every hidden Affine and once without, trained side by
     * side on the first 1000 training samples (SGD lr 0.01, batch 100 with replacement); the
     * accuracy on those 1000 samples at the start of every "epoch" of 10 iterations.
     */
    private record WeightScaleGrid(String id, String description) implements Experiment {
        @Override
        public ExperimentResult run(ExperimentContext context) throws IOException {
            double[] scales = context.profile() == Profile.QUICK ? new double[] {1.0, 0.0464, 1e-3, 1e-4} : logspace(0, -4, 16);
            int epochs = context.profile().pick(10, 20);
            int iterPerEpoch = 10;
            Dataset train = SideBySide.fashion().train().first(1000);
            Tensor x = train.inputs();
            int[] labels = train.labels();
            SideBySide race = new SideBySide(train, 100, context.rng(-1));
            int[] hidden = {100, 100, 100, 100, 100};
            for (int p = 0; p < scales.length; p++) {
                Normal init = new Normal((float) scales[p]);
                race.add("BN " + p, SideBySide.courseNet(hidden).init(init).batchNorm(true).build(context.rng(2 * p)), new SGD(0.01));
                race.add("plain " + p, SideBySide.courseNet(hidden).init(init).build(context.rng(2 * p + 1)), new SGD(0.01));
            }
            context.log().printf("%s: %d scales, %d epochs%n", id(), scales.length, epochs);
            race.run(epochs * iterPerEpoch, 0, iterPerEpoch, (model, batch) -> new double[] {SideBySide.accuracy(model, x, labels)},
                    context.log());

            int side = (int) Math.round(Math.sqrt(scales.length));
            ChartGrid grid = new ChartGrid(side, side).title("BatchNorm vs no BatchNorm, train accuracy (first 1000 samples)");
            Map<String, Double> metrics = new LinkedHashMap<>();
            double[] epochAxis = new double[epochs];
            for (int e = 0; e < epochs; e++) {
                epochAxis[e] = e;
            }
            int bnBetter = 0;
            int extreme = 0;
            int extremeBnLearns = 0;
            double extremePlainMax = 0;
            for (int p = 0; p < scales.length; p++) {
                double[] bn = race.runners().get(2 * p).measured(0);
                double[] plain = race.runners().get(2 * p + 1).measured(0);
                LineChart panel = new LineChart().title("W:" + format(scales[p])).xLabel("epochs").yLabel("accuracy")
                        .yRange(0, 1).xRange(0, epochs - 1).legend(LegendPosition.NONE)
                        .add(Series.of("Batch Normalization", epochAxis, bn))
                        .add(Series.of("Normal(without BatchNorm)", epochAxis, plain).dashed());
                grid.add(panel);
                if (p == 0) {
                    grid.legendFrom(panel);
                }
                double bnFinal = SideBySide.meanOfLast(bn, 5);
                double plainFinal = SideBySide.meanOfLast(plain, 5);
                metrics.put("bn_final_" + format(scales[p]), bnFinal);
                metrics.put("plain_final_" + format(scales[p]), plainFinal);
                if (bnFinal > plainFinal) {
                    bnBetter++;
                }
                if (scales[p] == 1.0 || scales[p] <= 1e-3) {
                    extreme++;
                    extremePlainMax = Math.max(extremePlainMax, max(plain));
                    if (bnFinal >= 0.5) {
                        extremeBnLearns++;
                    }
                }
            }
            metrics.put("panels", (double) scales.length);
            metrics.put("panels_bn_better", (double) bnBetter);
            metrics.put("extreme_panels", (double) extreme);
            metrics.put("extreme_plain_max", extremePlainMax);
            metrics.put("extreme_bn_final_ge_0.5", (double) extremeBnLearns);
            String summary = String.format(Locale.ROOT,
                    "BN ends above no-BN in %d of %d panels; at w = 1 and w <= 1e-3 (%d panels) no-BN never exceeds %.3f"
                            + " and BN ends >= 0.5 in %d", bnBetter, scales.length, extreme, extremePlainMax, extremeBnLearns);
            SeriesCsv csv = SideBySide.csv(context, id()).setting("scales", Arrays.toString(scales))
                    .setting("epochs", epochs).setting("iterations per epoch", iterPerEpoch).setting("batch", 100)
                    .setting("data", "first 1000 training samples").setting("sampling", "with replacement, shared")
                    .setting("network", "784-100x5-10 ReLU, W ~ N(0, w^2), BatchNorm (eps 1e-6, running stats from 0)")
                    .setting("optimizer", "SGD(lr=0.01) on every parameter")
                    .setting("evaluation", "accuracy on the 1000 samples after iterations 1, 11, 21, ...");
            return SideBySide.write(context, id(), grid, csv, summary, metrics);
        }

        /** NumPy's {@code logspace(from, to, n)}: n powers of 10 with evenly spaced exponents. */
        static double[] logspace(double from, double to, int n) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = Math.pow(10, from + (to - from) * i / (n - 1));
            }
            return out;
        }

        private static String format(double scale) {
            return new BigDecimal(scale).round(new MathContext(3)).stripTrailingZeros().toPlainString();
        }

        private static double max(double[] v) {
            double m = Double.NEGATIVE_INFINITY;
            for (double d : v) {
                m = Math.max(m, d);
            }
            return m;
        }
    }
}
