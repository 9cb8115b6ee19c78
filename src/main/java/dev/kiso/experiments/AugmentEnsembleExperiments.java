package dev.kiso.experiments;

import dev.kiso.KisoException;
import dev.kiso.data.Augment;
import dev.kiso.data.BatchTransform;
import dev.kiso.data.Dataset;
import dev.kiso.data.RandomCrop;
import dev.kiso.data.RandomFlip;
import dev.kiso.data.TrainTest;
import dev.kiso.nn.Affine;
import dev.kiso.nn.Flatten;
import dev.kiso.nn.ReLU;
import dev.kiso.nn.Sequential;
import dev.kiso.nn.SoftmaxCrossEntropy;
import dev.kiso.plot.ImageGrid;
import dev.kiso.plot.LineChart;
import dev.kiso.plot.LineStyle;
import dev.kiso.plot.Marker;
import dev.kiso.plot.Palette;
import dev.kiso.plot.Series;
import dev.kiso.plot.SeriesCsv;
import dev.kiso.tensor.Tensor;
import dev.kiso.train.Ensemble;
import dev.kiso.train.Trainer;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * EXPERIMENTS.md §3 E, augmentation and ensembles: a gallery of random crops, a small ConvNet
 * trained with and without crops and flips, and a bagging ensemble of MLPs with soft and hard
 * voting.
 */
public final class AugmentEnsembleExperiments {
    private AugmentEnsembleExperiments() {
    }

    /** @return the experiments of family E, in EXPERIMENTS.md order */
    public static List<Experiment> experiments() {
        return List.of(
                ConvLab.experiment("random-crop-gallery", "one test image padded by 2 and eight random 28x28 crops",
                        AugmentEnsembleExperiments::cropGallery),
                new WithOptions(ConvLab.experiment("random-crop-train",
                        "simple-convnet with vs without random crop + flip (--augment crop: no flip): accuracy per epoch",
                        AugmentEnsembleExperiments::cropTrain),
                        List.of(new ExperimentOption("augment", ExperimentOption.Type.TEXT,
                                "crop+flip (pad 2, random 28x28 crop, horizontal flip p = 0.5; default) or crop (no flip)"),
                                new ExperimentOption("epochs", ExperimentOption.Type.INT,
                                        "epochs of both runs (the spec's 30; quick profile 8)"))),
                ConvLab.experiment("ensemble-bagging", "bagging 10 MLPs: test accuracy vs ensemble size, soft and hard voting",
                        AugmentEnsembleExperiments::bagging));
    }

    /** An experiment with options of its own; everything else is the wrapped experiment's. */
    private record WithOptions(Experiment inner, List<ExperimentOption> options) implements Experiment {
        @Override
        public String id() {
            return inner.id();
        }

        @Override
        public String description() {
            return inner.description();
        }

        @Override
        public ExperimentResult run(ExperimentContext context) throws IOException {
            return inner.run(context);
        }
    }

    // ------------------------------------------------------------------ E1

    private static ExperimentResult cropGallery(ExperimentContext c) {
        Random rng = c.rng(0);
        Tensor image = SideBySide.fashion().test().inputs().slice(0, 0, 1).reshape(1, 28, 28);
        Tensor padded = Augment.pad(image, 2);
        ImageGrid grid = new ImageGrid(3).inverted().scale(4).title("original, 8 crops of the padded image");
        grid.add(image.contiguous().toArray(), 28, 28, "original");
        boolean all28 = true;
        for (int i = 0; i < 8; i++) {
            Tensor crop = Augment.randomCrop(padded, 28, 28, rng);
            all28 &= Arrays.equals(crop.shape(), new int[] {1, 28, 28});
            grid.add(crop.contiguous().toArray(), 28, 28, "crop " + (i + 1));
        }
        // Where did each crop start? Crop an image whose pixels are their own index: the crop's
        // first pixel is top * 32 + left.
        Tensor index = Tensor.arange(32 * 32).reshape(1, 32, 32);
        int[][] counts = new int[2][5];
        SeriesCsv csv = c.csv("random-crop-gallery").setting("padding", 2).setting("crop", "28x28").setting("draws", 1000);
        for (int draw = 0; draw < 1000; draw++) {
            int first = (int) Augment.randomCrop(index, 28, 28, rng).get(0, 0, 0);
            counts[0][first / 32]++;
            counts[1][first % 32]++;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("allCrops28x28", all28 ? 1.0 : 0.0);
        int[] seen = new int[2];
        for (int axis = 0; axis < 2; axis++) {
            for (int off = 0; off < 5; off++) {
                String name = (axis == 0 ? "top " : "left ") + off;
                csv.add(axis == 0 ? "top" : "left", String.valueOf(off), counts[axis][off]);
                m.put(name, (double) counts[axis][off]);
                seen[axis] += counts[axis][off] > 0 ? 1 : 0;
            }
        }
        m.put("topOffsetsSeen", (double) seen[0]);
        m.put("leftOffsetsSeen", (double) seen[1]);
        String summary = String.format("crops 28x28: %s; offsets seen over 1000 draws: top %d/5 %s, "
                + "left %d/5 %s", all28, seen[0], Arrays.toString(counts[0]), seen[1], Arrays.toString(counts[1]));
        return ConvLab.finish(c, "random-crop-gallery", grid, csv, summary, m);
    }

    // ------------------------------------------------------------------ E2

    private static ExperimentResult cropTrain(ExperimentContext c) {
        TrainTest data = SideBySide.fashion();
        int n = c.profile().pick(300, 1000);
        int epochs = c.intOption("epochs", c.profile().pick(8, 30));
        if (epochs < 1) {
            throw new KisoException("experiment random-crop-train: option --epochs must be at least 1, got " + epochs);
        }
        Dataset train = data.train().first(n);
        Dataset test = data.test().first(c.profile().pick(300, 1000));
        String augmentation = c.textOption("augment", "crop+flip");
        BatchTransform transform = switch (augmentation) {
            case "crop" -> new RandomCrop(28, 28, 2);
            case "crop+flip" -> new RandomCrop(28, 28, 2).andThen(new RandomFlip(0.5));
            default -> throw new KisoException("experiment random-crop-train: option --augment expects crop or crop+flip, got '"
                    + augmentation + "'");
        };
        SeriesCsv csv = c.csv("random-crop-train").setting("train", n).setting("test", test.size()).setting("epochs", epochs)
                .setting("optimizer", "Adam(lr=0.001)").setting("batch", 100).setting("sampling", "epoch shuffling")
                .setting("augmentation", augmentation.equals("crop") ? "pad 2 + random crop 28x28"
                        : "pad 2 + random crop 28x28 + horizontal flip p=0.5");
        LineChart chart = new LineChart().title("random-crop-train (" + n + " train, augmented: " + augmentation + ")")
                .xLabel("epoch").yLabel("accuracy");
        Map<String, Double> m = new LinkedHashMap<>();
        StringBuilder summary = new StringBuilder();
        for (boolean augment : new boolean[] {false, true}) {
            String name = augment ? "augmented" : "plain";
            var config = ConvLab.adam(1e-3, 100, epochs, c.seed());
            if (augment) {
                config.batchTransform(transform);
            }
            ConvLab.Curves r = ConvLab.train(ConvExperiments.simpleConvnet().initialize(c.seed()), config, train, train, test, 0);
            java.awt.Color color = Palette.color(augment ? 1 : 0);
            chart.add(Series.of(name + " train", r.epoch(), r.trainAcc()).color(color));
            chart.add(Series.of(name + " test", r.epoch(), r.testAcc()).color(color).dashed());
            m.put(name + " train", r.finalTrain());
            m.put(name + " test", r.finalTest());
            m.put(name + " gap", r.finalTrain() - r.finalTest());
            m.put(name + " seconds", r.seconds());
            summary.append(String.format(" %s train %.3f test %.3f gap %.3f (%.0f s);", name, r.finalTrain(),
                    r.finalTest(), r.finalTrain() - r.finalTest(), r.seconds()));
        }
        csv.add(chart);
        return ConvLab.finish(c, "random-crop-train", chart, csv, summary.toString(), m);
    }

    // ------------------------------------------------------------------ E3

    private static ExperimentResult bagging(ExperimentContext c) {
        TrainTest data = SideBySide.fashion();
        int n = c.profile().pick(500, 2000);
        int k = c.profile().pick(5, 10);
        int epochs = c.profile().pick(5, 20);
        Dataset train = data.train().first(n);
        Dataset test = data.test().first(c.profile().pick(1000, 10000));
        long start = System.nanoTime();
        Ensemble ensemble = Ensemble.bagging(train, k, c.rng(0), (member, sample) -> {
            Sequential mlp = new Sequential(new Flatten(), new Affine(784, 100), new ReLU(), new Affine(100, 100),
                    new ReLU(), new Affine(100, 10)).initialize(c.seed() * 31 + member);
            Trainer.fit(mlp, sample, ConvLab.adam(1e-3, 100, epochs, c.seed() * 31 + member)
                    .loss(new SoftmaxCrossEntropy()).quiet().build());
            return mlp;
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Tensor> p = ensemble.memberProbabilities(test.inputs());
        int[] labels = test.labels();
        double[] members = new double[k];
        double[] soft = new double[k];
        double[] hard = new double[k];
        for (int i = 0; i < k; i++) {
            members[i] = Ensemble.accuracy(Ensemble.vote(p.subList(i, i + 1), Ensemble.Voting.SOFT), labels);
            soft[i] = Ensemble.accuracy(Ensemble.vote(p.subList(0, i + 1), Ensemble.Voting.SOFT), labels);
            hard[i] = Ensemble.accuracy(Ensemble.vote(p.subList(0, i + 1), Ensemble.Voting.HARD), labels);
        }
        double mean = Arrays.stream(members).average().orElse(Double.NaN);
        double[] sorted = members.clone();
        Arrays.sort(sorted);
        double median = k % 2 == 1 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
        double[] x = ConvLab.oneTo(k);
        double[] meanLine = new double[k];
        Arrays.fill(meanLine, mean);
        LineChart chart = new LineChart().title("ensemble-bagging (" + k + " MLPs, " + n + " train)")
                .xLabel("members in ensemble").yLabel("test accuracy")
                .add(Series.of("soft voting", x, soft).marker(Marker.CIRCLE))
                .add(Series.of("hard voting", x, hard).marker(Marker.SQUARE))
                .add(Series.of("member k alone", x, members).style(LineStyle.NONE).marker(Marker.DIAMOND))
                .add(Series.of("mean member", x, meanLine).dashed());
        SeriesCsv csv = c.csv("ensemble-bagging").setting("train", n).setting("test", test.size()).setting("members", k)
                .setting("network", "784-100-100-10 ReLU He").setting("optimizer", "Adam(lr=0.001)").setting("batch", 100)
                .setting("epochs", epochs).setting("bootstrap", n + " draws with replacement").add(chart);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("ensembleSoft", soft[k - 1]);
        m.put("ensembleHard", hard[k - 1]);
        m.put("ensembleOf1", soft[0]);
        m.put("meanMember", mean);
        m.put("medianMember", median);
        m.put("seconds", seconds);
        String summary = String.format("%d members soft %.4f, hard %.4f; one member %.4f; members mean "
                + "%.4f, median %.4f (%.0f s)", k, soft[k - 1], hard[k - 1], soft[0], mean, median, seconds);
        return ConvLab.finish(c, "ensemble-bagging", chart, csv, summary, m);
    }
}
