package dev.kiso.experiments;

import dev.kiso.KisoException;
import dev.kiso.data.Dataset;
import dev.kiso.data.RandomCrop;
import dev.kiso.data.RandomFlip;
import dev.kiso.data.TrainTest;
import dev.kiso.models.AlexNetMini;
import dev.kiso.models.LeNet5;
import dev.kiso.models.ResNet;
import dev.kiso.nn.Affine;
import dev.kiso.nn.BatchNorm;
import dev.kiso.nn.Conv2D;
import dev.kiso.nn.Dropout;
import dev.kiso.nn.Flatten;
import dev.kiso.nn.Im2Col;
import dev.kiso.nn.InstanceNorm;
import dev.kiso.nn.Layer;
import dev.kiso.nn.LayerNorm;
import dev.kiso.nn.MaxPool2D;
import dev.kiso.nn.ReLU;
import dev.kiso.nn.Sequential;
import dev.kiso.nn.SoftmaxCrossEntropy;
import dev.kiso.nn.init.Normal;
import dev.kiso.plot.ChartGrid;
import dev.kiso.plot.ImageGrid;
import dev.kiso.plot.LineChart;
import dev.kiso.plot.Marker;
import dev.kiso.plot.Palette;
import dev.kiso.plot.Series;
import dev.kiso.plot.SeriesCsv;
import dev.kiso.tensor.Tensor;
import dev.kiso.train.FitConfig;
import dev.kiso.train.History;
import dev.kiso.train.Trainer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EXPERIMENTS.md §3 F, convolutional networks: im2col by hand, the book's and the course's
 * ConvNets, LeNet-5, AlexNet's shape trace and a mini AlexNet, ResNet against the same network
 * without shortcuts, and batch, layer and instance normalization compared in a small CNN.
 */
public final class ConvExperiments {
    /** The options of F1 and F3: the book's form instead of the course's, and its number of epochs. */
    private static final List<ExperimentOption> BOOK_FORM = List.of(
            ExperimentOption.flag("book", "the book's form: all 60 000 training images, 20 epochs, accuracy on all "
                    + "10 000 test images after each epoch (quick profile: 1000 images, 2 epochs)"),
            new ExperimentOption("epochs", ExperimentOption.Type.INT, "with --book: the number of epochs "
                    + "(default 20, quick 2)"));

    private ConvExperiments() {
    }

    /** @return the experiments of family F, in EXPERIMENTS.md order */
    public static List<Experiment> experiments() {
        return List.of(
                ConvLab.experiment("im2col-demo", "im2col shapes and col2im(im2col(x)) = x times window coverage",
                        ConvExperiments::im2colDemo),
                ConvLab.experiment("simple-convnet",
                        "conv-pool-affine net and its filters before/after (course form; --book: the book's)",
                        BOOK_FORM, c -> bookOrCourse(c, "simple-convnet", ConvExperiments::simpleConvnet,
                                ConvExperiments::simpleConvnet)),
                ConvLab.experiment("double-convnet", "two conv-pool stages (course 2_7): accuracy curves",
                        c -> courseForm(c, "double-convnet", ConvExperiments::doubleConvnet, 5000, 1000)),
                ConvLab.experiment("deep-convnet",
                        "book ch08 deep net, six 3x3 convs: accuracy curves (course form; --book: the book's)",
                        BOOK_FORM, c -> bookOrCourse(c, "deep-convnet", ConvExperiments::deepConvnet,
                                cc -> courseForm(cc, "deep-convnet", ConvExperiments::deepConvnet, 500, 100))),
                ConvLab.experiment("lenet5", "LeNet-5 shape trace and accuracy per epoch (modern and classic)",
                        ConvExperiments::lenet5),
                ConvLab.experiment("alexnet-shape-trace", "AlexNet's feature-map sizes for 227 and 224+pad 2 inputs",
                        ConvExperiments::alexnetShapeTrace),
                ConvLab.experiment("alexnet-mini", "five-conv three-FC AlexNet-mini with dropout and crops vs simple-convnet",
                        ConvExperiments::alexnetMini),
                ConvLab.experiment("resnet-vs-plain", "training loss of ResNet-20/32 vs the same nets without shortcuts",
                        ConvExperiments::resnetVsPlain),
                ConvLab.experiment("fw-norm-compare", "none vs batch, layer, instance norm in a small CNN: loss curves",
                        ConvExperiments::normCompare));
    }

    // ------------------------------------------------------------------ networks

    /** F1: conv 30×5×5 → ReLU → pool 2 → affine 100 → ReLU → affine 10, all W ~ N(0, 0.01²). */
    static Sequential simpleConvnet() {
        Normal w = new Normal(0.01f);
        return new Sequential(Conv2D.builder(1, 30, 5).initializer(w).build(), new ReLU(), new MaxPool2D(2, 2),
                new Flatten(), new Affine(30 * 12 * 12, 100, w), new ReLU(), new Affine(100, 10, w));
    }

    /** F2: conv 10×7×7 p1 → pool → conv 20×3×3 p1 → pool → affine 100 → affine 10, W ~ N(0, 0.01²). */
    static Sequential doubleConvnet() {
        Normal w = new Normal(0.01f);
        return new Sequential(
                Conv2D.builder(1, 10, 7).padding(1).initializer(w).build(), new ReLU(), new MaxPool2D(2, 2),
                Conv2D.builder(10, 20, 3).padding(1).initializer(w).build(), new ReLU(), new MaxPool2D(2, 2),
                new Flatten(), new Affine(20 * 6 * 6, 100, w), new ReLU(), new Affine(100, 10, w));
    }

    /** F3: the book's deep ConvNet (He init), dropout 0.5 after the hidden and after the output affine. */
    static Sequential deepConvnet() {
        return new Sequential(
                new Conv2D(1, 16, 3, 1, 1), new ReLU(), new Conv2D(16, 16, 3, 1, 1), new ReLU(), new MaxPool2D(2, 2),
                new Conv2D(16, 32, 3, 1, 1), new ReLU(), new Conv2D(32, 32, 3, 1, 2), new ReLU(), new MaxPool2D(2, 2),
                new Conv2D(32, 64, 3, 1, 1), new ReLU(), new Conv2D(64, 64, 3, 1, 1), new ReLU(), new MaxPool2D(2, 2),
                new Flatten(), new Affine(64 * 4 * 4, 50), new ReLU(), new Dropout(0.5f),
                new Affine(50, 10), new Dropout(0.5f));
    }

    /** F4: LeNet-5 from the model catalogue; modern = ReLU, max pool, He; classic = tanh, average pool, Xavier. */
    static Sequential lenet5(boolean modern) {
        return modern ? LeNet5.modern(0) : LeNet5.classic(0);
    }

    /** F7: conv16-norm-ReLU-pool-conv32-norm-ReLU-pool-affine 100-affine 10 with the named norm. */
    static Sequential normNet(String norm) {
        return new Sequential(
                new Conv2D(1, 16, 3, 1, 1), norm(norm, 16, 28), new ReLU(), new MaxPool2D(2, 2),
                new Conv2D(16, 32, 3, 1, 1), norm(norm, 32, 14), new ReLU(), new MaxPool2D(2, 2),
                new Flatten(), new Affine(32 * 7 * 7, 100), new ReLU(), new Affine(100, 10));
    }

    private static Layer norm(String norm, int channels, int size) {
        return switch (norm) {
            case "batch" -> new BatchNorm(channels);
            case "layer" -> new LayerNorm(channels, size, size);
            case "instance" -> new InstanceNorm(channels);
            default -> new Sequential();
        };
    }

    // ------------------------------------------------------------------ F0

    private static ExperimentResult im2colDemo(ExperimentContext c) {
        Map<String, Double> m = new LinkedHashMap<>();
        SeriesCsv csv = ConvLab.csv(c, "im2col-demo");
        ImageGrid grid = new ImageGrid(3).normalizeEach().scale(14).title("x, im2col(x), coverage");
        int[][] cases = {{2, 1, 4, 3, 1, 0}, {2, 1, 4, 2, 2, 1}, {3, 2, 6, 4, 2, 0}};  // N, C, H, k, stride, pad
        Tensor firstX = null;
        Tensor firstCols = null;
        for (int[] k : cases) {
            int n = k[0], ch = k[1], h = k[2];
            Tensor x = Tensor.arange(n * ch * h * h).reshape(n, ch, h, h);
            Im2Col.Window window = Im2Col.Window.square(k[3], k[4], k[5]);
            Tensor cols = Im2Col.im2col(x, window);
            int oh = Im2Col.outputSize(h, k[3], k[4], k[5]);
            Tensor book = cols.permute(0, 2, 1).contiguous().reshape(n * oh * oh, ch * k[3] * k[3]);
            String name = n + "x" + ch + "x" + h + "x" + h + " k" + k[3] + " s" + k[4] + " p" + k[5];
            c.log().println(name + ": im2col (book layout N*OH*OW x C*FH*FW) shape " + Arrays.toString(book.shape()));
            csv.add("rows", name, book.shape(0)).add("cols", name, book.shape(1));
            m.put("rows " + name, (double) book.shape(0));
            m.put("cols " + name, (double) book.shape(1));
            if (firstX == null) {
                firstX = x;
                firstCols = cols;
                c.log().println(book);
            }
        }
        // col2im(im2col(x)) / x = how many windows cover each pixel (x = 1 + arange avoids dividing by 0)
        Tensor x = Tensor.ones(2, 1, 4, 4);
        Im2Col.Window w3 = Im2Col.Window.square(3, 1, 0);
        Tensor back = Im2Col.col2im(Im2Col.im2col(x, w3), x.shape(), w3);
        float[] coverage = Arrays.copyOf(back.contiguous().data(), 16);
        float[] expected = {1, 2, 2, 1, 2, 4, 4, 2, 2, 4, 4, 2, 1, 2, 2, 1};
        Tensor roundTrip = Im2Col.col2im(firstCols, firstX.shape(), w3);
        boolean timesCoverage = true;
        for (int i = 0; i < firstX.size(); i++) {
            timesCoverage &= roundTrip.contiguous().data()[i] == firstX.contiguous().data()[i] * expected[i % 16];
        }
        c.log().println("coverage grid: " + Arrays.toString(coverage));
        for (int i = 0; i < 16; i++) {
            csv.add("coverage", i / 4 + "," + i % 4, coverage[i]);
        }
        m.put("coverageMatches", Arrays.equals(coverage, expected) ? 1.0 : 0.0);
        m.put("roundTripIsXTimesCoverage", timesCoverage ? 1.0 : 0.0);
        grid.add(firstX.contiguous().data(), 0, 4, 4, "x[0] 4x4");
        Tensor book = firstCols.permute(0, 2, 1).contiguous();
        grid.add(book.data(), 0, 9, 8, "im2col 8x9");
        grid.add(coverage, 4, 4, "coverage");
        String summary = String.format("im2col 2x1x4x4 k3: %dx%d; coverage grid %s; col2im(im2col(x)) = x*coverage: %s",
                m.get("rows 2x1x4x4 k3 s1 p0").intValue(), m.get("cols 2x1x4x4 k3 s1 p0").intValue(),
                m.get("coverageMatches") == 1 ? "[[1,2,2,1],[2,4,4,2],...] as expected" : "WRONG", timesCoverage);
        return ConvLab.finish(c, "im2col-demo", grid, csv, summary, m);
    }

    // ------------------------------------------------------------------ F1, F2, F3 (course form)

    /** The course notebooks' loop: Adam 1e-3, batch 100 with replacement, evaluate every 10 iterations. */
    private static ConvLab.Curves courseRun(ExperimentContext c, Layer model, int trainSize, int testSize,
                                            int iterations, SeriesCsv csv) {
        TrainTest data = SideBySide.fashion();
        Dataset train = data.train().first(trainSize);
        Dataset test = data.test().first(testSize);
        int batch = 100;
        int perEpoch = Math.max(trainSize / batch, 1);
        int epochs = Math.max(1, iterations / perEpoch);
        csv.setting("train", trainSize).setting("test", testSize).setting("iterations", epochs * perEpoch)
                .setting("optimizer", "Adam(lr=0.001)").setting("batch", batch).setting("sampling", "with replacement")
                .setting("evaluateEvery", 10);
        // Training accuracy on the first 1000 training images (the notebooks use all of them):
        // evaluating 5000 images every 10 iterations would cost more than the training.
        Dataset trainEval = train.first(Math.min(trainSize, 1000));
        csv.setting("trainAccuracyOn", trainEval.size());
        FitConfig.Builder config = ConvLab.adam(1e-3, batch, epochs, c.seed()).sampleWithReplacement();
        return ConvLab.train(model, config, train, trainEval, test, 10);
    }

    private static LineChart accuracyChart(String title, ConvLab.Curves r, String xLabel, boolean byEpoch) {
        double[] x = byEpoch ? r.epoch() : r.at();
        return new LineChart().title(title).xLabel(xLabel).yLabel("accuracy").yRange(0, 1)
                .add(Series.of("training set", x, r.trainAcc()))
                .add(Series.of("test set", x, r.testAcc()).dashed());
    }

    private static ExperimentResult courseForm(ExperimentContext c, String id, java.util.function.Supplier<Sequential> net,
                                               int trainFull, int testFull) {
        Sequential model = net.get().initialize(c.seed());
        int trainSize = c.profile().pick(300, trainFull);
        int testSize = c.profile().pick(100, testFull);
        SeriesCsv csv = ConvLab.csv(c, id);
        ConvLab.Curves r = courseRun(c, model, trainSize, testSize, c.profile().pick(30, 1000), csv);
        LineChart chart = accuracyChart(id + " (" + trainSize + " train, " + testSize + " test)", r, "iteration", false);
        csv.add(chart);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("finalTrain", r.finalTrain());
        m.put("finalTest", r.finalTest());
        m.put("lossFirst10", ConvLab.tailMean(Arrays.copyOf(r.loss(), 10), 10));
        m.put("lossLast10", r.lossAtEnd(10));
        m.put("seconds", r.seconds());
        String summary = String.format("final train %.3f, final test %.3f; loss %.3f -> %.3f (%.0f s)",
                r.finalTrain(), r.finalTest(), m.get("lossFirst10"), m.get("lossLast10"), r.seconds());
        return ConvLab.finish(c, id, chart, csv, summary, m);
    }

    /** The book form with {@code --book}, else the course form (which takes no {@code --epochs}). */
    private static ExperimentResult bookOrCourse(ExperimentContext c, String id, java.util.function.Supplier<Sequential> net,
                                                 ConvLab.Body course) throws java.io.IOException {
        if (c.flag("book")) {
            return bookForm(c, id, net);
        }
        if (c.options().containsKey("epochs")) {
            throw new KisoException("experiment " + id + ": --epochs applies to the book form only; add --book");
        }
        return course.run(c);
    }

    /**
     * F1 and F3 in the book's form (ch07 {@code train_convnet}, ch08 {@code train_deepnet}): all
     * 60 000 training images, batches of 100 drawn with replacement, 600 iterations an epoch, Adam
     * 1e-3; accuracy after every epoch on all 10 000 test images and on the first 10 000 training
     * images (the book evaluates the first 1000 of each). Quick profile: 1000 images, 2 epochs. The
     * chart and CSV are written after every epoch too, so a run stopped early leaves the epochs done.
     */
    private static ExperimentResult bookForm(ExperimentContext c, String id, java.util.function.Supplier<Sequential> net) {
        int epochs = c.intOption("epochs", c.profile().pick(2, 20));
        if (epochs < 1) {
            throw new KisoException("experiment " + id + ": --epochs must be at least 1, found " + epochs);
        }
        TrainTest data = SideBySide.fashion();
        int n = c.profile().pick(1000, 60000);
        Dataset train = data.train().first(n);
        Dataset test = data.test().first(c.profile().pick(500, 10000));
        Dataset trainEval = train.first(Math.min(n, 10000));
        int batch = 100;
        java.util.function.Supplier<SeriesCsv> csv = () -> ConvLab.csv(c, id).setting("form", "book").setting("train", n)
                .setting("test", test.size()).setting("epochs", epochs).setting("iterationsPerEpoch", n / batch)
                .setting("optimizer", "Adam(lr=0.001)").setting("batch", batch).setting("sampling", "with replacement")
                .setting("evaluate", "after each epoch").setting("trainAccuracyOn", trainEval.size());
        c.log().println(id + " (book form): " + n + " images, " + epochs + " epochs of " + n / batch + " iterations");
        ConvLab.Curves r = ConvLab.train(net.get().initialize(c.seed()),
                ConvLab.adam(1e-3, batch, epochs, c.seed()).sampleWithReplacement(), train, trainEval, test, 0,
                ConvLab.printPoints(c.log()).andThen(so -> bookResult(c, id, so, csv.get(), n, test.size())));
        return bookResult(c, id, r, csv.get(), n, test.size());
    }

    /** Draws and writes the book form's curves so far; the summary and metrics count the epochs done. */
    private static ExperimentResult bookResult(ExperimentContext c, String id, ConvLab.Curves r, SeriesCsv csv, int n,
                                               int testSize) {
        int done = r.testAcc().length;
        LineChart chart = new LineChart().title(id + ", book form (" + n + " train, " + testSize + " test, " + done
                        + (done == 1 ? " epoch)" : " epochs)"))
                .xLabel("epochs").yLabel("accuracy").yRange(0, 1)
                .add(Series.of("train", r.epoch(), r.trainAcc()).marker(Marker.CIRCLE))
                .add(Series.of("test", r.epoch(), r.testAcc()).dashed().marker(Marker.SQUARE));
        csv.setting("epochsDone", done).add(chart);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("finalTrain", r.finalTrain());
        m.put("finalTest", r.finalTest());
        m.put("lastTest", last(r.testAcc()));
        m.put("bestTest", Arrays.stream(r.testAcc()).max().orElse(Double.NaN));
        m.put("epochs", (double) done);
        m.put("seconds", r.seconds());
        String summary = String.format("book form, %d epochs: final (mean of the last 5 epochs) train %.3f, test %.3f; "
                        + "last epoch test %.3f, best %.3f (%.0f s)", done, r.finalTrain(), r.finalTest(),
                m.get("lastTest"), m.get("bestTest"), r.seconds());
        return ConvLab.finish(c, id, chart, csv, summary, m);
    }

    private static ExperimentResult simpleConvnet(ExperimentContext c) {
        Sequential model = simpleConvnet().initialize(c.seed());
        Conv2D conv = (Conv2D) model.layers().get(0);
        float[] before = conv.weight().value().contiguous().toArray();
        int trainSize = c.profile().pick(300, 5000);
        int testSize = c.profile().pick(100, 1000);
        SeriesCsv csv = ConvLab.csv(c, "simple-convnet");
        ConvLab.Curves r = courseRun(c, model, trainSize, testSize, c.profile().pick(30, 1000), csv);
        float[] after = conv.weight().value().contiguous().toArray();
        LineChart chart = accuracyChart("simple-convnet (" + trainSize + " train, " + testSize + " test)", r,
                "iteration", false);
        csv.add(chart);
        double corrBefore = neighbourCorrelation(before);
        double corrAfter = neighbourCorrelation(after);
        ImageGrid filters = new ImageGrid(8).normalizeEach().inverted().scale(6)
                .title("conv1 filters: before (b), after (a)");
        for (int pass = 0; pass < 2; pass++) {
            float[] w = pass == 0 ? before : after;
            for (int f = 0; f < 32; f++) {
                if (f < 30) {
                    filters.add(w, f * 25, 5, 5, (pass == 0 ? "b" : "a") + f);
                } else {
                    filters.add(new float[25], 5, 5, "");
                }
            }
        }
        dev.kiso.plot.Charts.writePng(filters, c.file("simple-convnet-filters.png"));
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("finalTrain", r.finalTrain());
        m.put("finalTest", r.finalTest());
        m.put("filterCorrelationBefore", corrBefore);
        m.put("filterCorrelationAfter", corrAfter);
        m.put("seconds", r.seconds());
        csv.setting("filterCorrelationBefore", corrBefore).setting("filterCorrelationAfter", corrAfter);
        String summary = String.format("final train %.3f, final test %.3f; filter neighbour "
                + "correlation %.3f before -> %.3f after (%.0f s)", r.finalTrain(), r.finalTest(), corrBefore,
                corrAfter, r.seconds());
        return ConvLab.finish(c, "simple-convnet", chart, csv, summary, m);
    }

    /**
     * Mean over 5×5 filters of |Pearson correlation| between horizontally and vertically
     * neighbouring weights: about 0 for noise, larger for smooth (edge- or blob-like) filters.
     */
    static double neighbourCorrelation(float[] w) {
        double total = 0;
        int filters = w.length / 25;
        for (int f = 0; f < filters; f++) {
            double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
            int pairs = 0;
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 5; j++) {
                    for (int[] d : new int[][] {{0, 1}, {1, 0}}) {
                        if (i + d[0] < 5 && j + d[1] < 5) {
                            double a = w[f * 25 + i * 5 + j];
                            double b = w[f * 25 + (i + d[0]) * 5 + j + d[1]];
                            sa += a;
                            sb += b;
                            saa += a * a;
                            sbb += b * b;
                            sab += a * b;
                            pairs++;
                        }
                    }
                }
            }
            double cov = sab / pairs - sa / pairs * sb / pairs;
            double va = saa / pairs - sa / pairs * sa / pairs;
            double vb = sbb / pairs - sb / pairs * sb / pairs;
            total += Math.abs(cov / Math.sqrt(va * vb));
        }
        return total / filters;
    }

    // ------------------------------------------------------------------ F4

    private static ExperimentResult lenet5(ExperimentContext c) {
        List<String> trace = ConvLab.shapeTrace(lenet5(true), 1, 1, 28, 28);
        trace.forEach(c.log()::println);
        String shapes = String.join(" ", trace);
        boolean matches = shapes.contains("[1, 6, 28, 28]") && shapes.contains("[1, 6, 14, 14]")
                && shapes.contains("[1, 16, 10, 10]") && shapes.contains("[1, 16, 5, 5]")
                && shapes.contains("[1, 120]") && shapes.contains("[1, 84]") && shapes.contains("[1, 10]");
        TrainTest data = SideBySide.fashion();
        int n = c.profile().pick(500, 60000);
        int epochs = c.profile().pick(2, 5);
        Dataset train = data.train().first(n);
        Dataset test = data.test().first(c.profile().pick(500, 10000));
        Dataset trainEval = train.first(Math.min(n, 10000));
        SeriesCsv csv = ConvLab.csv(c, "lenet5").setting("train", n).setting("epochs", epochs).setting("optimizer", "Adam(lr=0.001)")
                .setting("batch", 100).setting("sampling", "epoch shuffling").setting("trainAccuracyOn", trainEval.size());
        LineChart chart = new LineChart().title("lenet5 (" + n + " train)").xLabel("epoch").yLabel("accuracy");
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("shapeTraceMatches", matches ? 1.0 : 0.0);
        StringBuilder summary = new StringBuilder("trace " + (matches ? "6@28x28 6@14x14 16@10x10 16@5x5 120 84 10" : "WRONG"));
        for (boolean modern : new boolean[] {true, false}) {
            String v = modern ? "modern" : "classic";
            java.awt.Color color = Palette.color(modern ? 0 : 1);
            ConvLab.Curves r = ConvLab.train(lenet5(modern).initialize(c.seed()), ConvLab.adam(1e-3, 100, epochs, c.seed()),
                    train, trainEval, test, 0);
            chart.add(Series.of(v + " train", r.epoch(), r.trainAcc()).color(color).marker(Marker.CIRCLE));
            chart.add(Series.of(v + " test", r.epoch(), r.testAcc()).color(color).dashed().marker(Marker.SQUARE));
            double last = r.testAcc()[r.testAcc().length - 1];
            m.put(v + "Test", last);
            m.put(v + "Seconds", r.seconds());
            summary.append(String.format("; %s test %.3f (%.0f s)", v, last, r.seconds()));
        }
        csv.add(chart);
        return ConvLab.finish(c, "lenet5", chart, csv, summary.toString(), m);
    }

    // ------------------------------------------------------------------ F5

    /** The original AlexNet's convolution and pooling stack (227×227×3 input); the FC part is only counted. */
    static Sequential alexnetFeatures(int firstPadding) {
        return new Sequential(
                new Conv2D(3, 96, 11, 4, firstPadding), new ReLU(), new MaxPool2D(3, 2),
                new Conv2D(96, 256, 5, 1, 2), new ReLU(), new MaxPool2D(3, 2),
                new Conv2D(256, 384, 3, 1, 1), new ReLU(),
                new Conv2D(384, 384, 3, 1, 1), new ReLU(),
                new Conv2D(384, 256, 3, 1, 1), new ReLU(), new MaxPool2D(3, 2), new Flatten());
    }

    private static ExperimentResult alexnetShapeTrace(ExperimentContext c) {
        Map<String, Double> m = new LinkedHashMap<>();
        SeriesCsv csv = ConvLab.csv(c, "alexnet-shape-trace").setting("fc", "9216 -> 4096 -> 4096 -> 1000 (dropout 0.5 before the first two)");
        LineChart chart = new LineChart().title("AlexNet feature-map size per layer").xLabel("layer")
                .yLabel("height = width");
        String[] names = {"227, pad 0", "224, pad 2"};
        int[][] inputs = {{227, 0}, {224, 2}};
        List<String> spatial = new ArrayList<>();
        for (int v = 0; v < 2; v++) {
            List<String> trace = ConvLab.shapeTrace(alexnetFeatures(inputs[v][1]), 1, 3, inputs[v][0], inputs[v][0]);
            c.log().println("AlexNet, input " + names[v] + " (224+4-11)/4+1 = 55.25 floors to 55:");
            trace.forEach(line -> c.log().println("  " + line));
            c.log().println("  Affine → [1, 4096]\n  Affine → [1, 4096]\n  Affine → [1, 1000]");
            List<Double> sizes = new ArrayList<>();
            for (String line : trace) {
                String[] dims = line.substring(line.indexOf('[') + 1, line.length() - 1).split(", ");
                if (dims.length == 4 && !line.startsWith("ReLU")) {
                    sizes.add(Double.parseDouble(dims[2]));
                }
            }
            double[] y = sizes.stream().mapToDouble(Double::doubleValue).toArray();
            chart.add(Series.of("input " + names[v], y).marker(Marker.CIRCLE));
            spatial.add(Arrays.toString(y));
            String all = String.join(" ", trace);
            boolean ok = all.contains("[1, 96, 55, 55]") && all.contains("[1, 96, 27, 27]")
                    && all.contains("[1, 256, 27, 27]") && all.contains("[1, 256, 13, 13]")
                    && all.contains("[1, 384, 13, 13]") && all.contains("[1, 256, 6, 6]") && all.contains("[1, 9216]");
            m.put("traceMatches " + inputs[v][0], ok ? 1.0 : 0.0);
        }
        csv.add(chart);
        String summary = "227/pad 0 and 224/pad 2 both give 55 -> 27 -> 27 -> 13 -> 13 -> 13 -> 13 -> 6, "
                + "flatten 9216 -> 4096 -> 4096 -> 1000; matches: " + m.values();
        return ConvLab.finish(c, "alexnet-shape-trace", chart, csv, summary, m);
    }

    private static ExperimentResult alexnetMini(ExperimentContext c) {
        TrainTest data = SideBySide.fashion();
        int n = c.profile().pick(5000, 10000);    // quick: EXPERIMENTS.md's quick budget, about a minute
        int epochs = c.profile().pick(2, 5);
        Dataset train = data.train().first(n);
        Dataset test = data.test().first(c.profile().pick(2000, 10000));
        Dataset trainEval = train.first(Math.min(n, 2000));
        SeriesCsv csv = ConvLab.csv(c, "alexnet-mini").setting("train", n).setting("epochs", epochs).setting("optimizer", "Adam(lr=0.001)")
                .setting("batch", 100).setting("augmentation", "pad 2 + random crop 28x28 + flip p=0.5 (alexnet only)")
                .setting("dropout", "inverted, 0.5");
        LineChart chart = new LineChart().title("alexnet-mini vs simple-convnet (" + n + " train, " + epochs + " epochs)")
                .xLabel("epoch").yLabel("accuracy");
        FitConfig.Builder augmented = ConvLab.adam(1e-3, 100, epochs, c.seed())
                .batchTransform(new RandomCrop(28, 28, 2).andThen(new RandomFlip(0.5)));
        c.log().println("alexnet-mini:");
        ConvLab.Curves alex = ConvLab.train(AlexNetMini.create(0).initialize(c.seed()), augmented, train, trainEval, test, 0,
                ConvLab.printPoints(c.log()));
        c.log().println("simple-convnet:");
        ConvLab.Curves simple = ConvLab.train(simpleConvnet().initialize(c.seed()), ConvLab.adam(1e-3, 100, epochs, c.seed()),
                train, trainEval, test, 0, ConvLab.printPoints(c.log()));
        chart.add(Series.of("alexnet-mini train", alex.epoch(), alex.trainAcc()).color(Palette.color(0)).marker(Marker.CIRCLE))
                .add(Series.of("alexnet-mini test", alex.epoch(), alex.testAcc()).color(Palette.color(0)).dashed()
                        .marker(Marker.CIRCLE))
                .add(Series.of("simple-convnet train", simple.epoch(), simple.trainAcc()).color(Palette.color(1))
                        .marker(Marker.SQUARE))
                .add(Series.of("simple-convnet test", simple.epoch(), simple.testAcc()).color(Palette.color(1)).dashed()
                        .marker(Marker.SQUARE));
        csv.add(chart);
        int perEpoch = alex.loss().length / epochs;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("alexnetTest", last(alex.testAcc()));
        m.put("simpleTest", last(simple.testAcc()));
        m.put("alexnetLossFirstEpoch", ConvLab.tailMean(Arrays.copyOf(alex.loss(), perEpoch), perEpoch));
        m.put("alexnetLossLastEpoch", alex.lossAtEnd(perEpoch));
        m.put("alexnetSeconds", alex.seconds());
        m.put("simpleSeconds", simple.seconds());
        String summary = String.format("test %.3f vs simple-convnet %.3f (same budget); alexnet loss %.3f "
                        + "-> %.3f first to last epoch (%.0f s + %.0f s)", m.get("alexnetTest"), m.get("simpleTest"),
                m.get("alexnetLossFirstEpoch"), m.get("alexnetLossLastEpoch"), alex.seconds(), simple.seconds());
        return ConvLab.finish(c, "alexnet-mini", chart, csv, summary, m);
    }

    // ------------------------------------------------------------------ F6

    private static ExperimentResult resnetVsPlain(ExperimentContext c) {
        TrainTest data = SideBySide.fashion();
        int n = c.profile().pick(2000, 5000);     // quick: EXPERIMENTS.md's quick budget, n = 3 only
        int epochs = c.profile().pick(2, 5);
        int[] depths = c.profile() == Profile.QUICK ? new int[] {3} : new int[] {3, 5};
        Dataset train = data.train().first(n);
        Dataset test = data.test().first(1000);
        SeriesCsv csv = ConvLab.csv(c, "resnet-vs-plain").setting("train", n).setting("epochs", epochs).setting("optimizer", "Adam(lr=0.001)")
                .setting("batch", 100).setting("sampling", "epoch shuffling").setting("smoothing", "moving average, 21 iterations");
        LineChart loss = new LineChart().title("training loss (smoothed)").xLabel("iteration").yLabel("loss");
        LineChart acc = new LineChart().title("test accuracy").xLabel("epoch").yLabel("accuracy");
        Map<String, Double> m = new LinkedHashMap<>();
        StringBuilder summary = new StringBuilder("training loss over the last epoch");
        for (int blocks : depths) {
            for (boolean shortcuts : new boolean[] {false, true}) {
                String name = (shortcuts ? "resnet-" : "plain-") + (6 * blocks + 2);
                c.log().println(name + ":");
                ConvLab.Curves r = ConvLab.train(ResNet.create(blocks, shortcuts).initialize(c.seed()),
                        ConvLab.adam(1e-3, 100, epochs, c.seed()), train, train.first(Math.min(n, 1000)), test, 0,
                        ConvLab.printPoints(c.log()));
                int perEpoch = r.loss().length / epochs;
                java.awt.Color color = Palette.color(loss.series().size());
                loss.add(Series.of(name, ConvLab.oneTo(r.loss().length), ConvLab.movingAverage(r.loss(), 21)).color(color)
                        .style(shortcuts ? dev.kiso.plot.LineStyle.SOLID : dev.kiso.plot.LineStyle.DASHED));
                acc.add(Series.of(name, r.epoch(), r.testAcc()).color(color).marker(Marker.CIRCLE)
                        .style(shortcuts ? dev.kiso.plot.LineStyle.SOLID : dev.kiso.plot.LineStyle.DASHED));
                double end = r.lossAtEnd(perEpoch);
                m.put(name + " loss", end);
                m.put(name + " test", last(r.testAcc()));
                m.put(name + " seconds", r.seconds());
                summary.append(String.format(", %s %.3f (test %.3f, %.0f s)", name, end, last(r.testAcc()), r.seconds()));
            }
        }
        csv.add(loss).add(acc);
        ChartGrid grid = new ChartGrid(1, 2).title("resnet-vs-plain (" + n + " train, " + epochs + " epochs)")
                .add(loss).add(acc).legendFrom(loss);
        return ConvLab.finish(c, "resnet-vs-plain", grid, csv, summary.toString(), m);
    }

    // ------------------------------------------------------------------ F7

    private static ExperimentResult normCompare(ExperimentContext c) {
        TrainTest data = SideBySide.fashion();
        int n = c.profile().pick(200, 1000);
        int epochs = c.profile().pick(5, 30);
        Dataset train = data.train().first(n);
        Dataset val = data.test().first(c.profile().pick(200, 2000));
        SeriesCsv csv = ConvLab.csv(c, "fw-norm-compare").setting("train", n).setting("validation", val.size()).setting("epochs", epochs)
                .setting("optimizer", "Adam(lr=0.001)").setting("batch", 100).setting("eps", 1e-5)
                .setting("layerNormAffine", "elementwise over [C,H,W] (PyTorch layout)");
        LineChart chart = new LineChart().title("train loss (solid), val_loss (dashed)")
                .xLabel("epoch").yLabel("loss");
        Map<String, Double> m = new LinkedHashMap<>();
        StringBuilder summary = new StringBuilder("train loss at epoch 5");
        StringBuilder valSummary = new StringBuilder("; final val_loss");
        String[] norms = {"none", "batch", "layer", "instance"};
        for (int v = 0; v < norms.length; v++) {
            String norm = norms[v];
            long start = System.nanoTime();
            History h = Trainer.fit(normNet(norm).initialize(c.seed()), train, ConvLab.adam(1e-3, 100, epochs, c.seed())
                    .loss(new SoftmaxCrossEntropy()).validationData(val).quiet().build());
            double seconds = (System.nanoTime() - start) / 1e9;
            double[] x = ConvLab.oneTo(h.epochs());
            chart.add(Series.of(norm + " loss", x, h.loss()).color(Palette.color(v)));
            chart.add(Series.of(norm + " val_loss", x, h.valLoss()).color(Palette.color(v)).dashed());
            m.put(norm + " loss@5", h.loss()[4]);
            m.put(norm + " val_loss final", last(h.valLoss()));
            m.put(norm + " val_loss min", Arrays.stream(h.valLoss()).min().orElse(Double.NaN));
            m.put(norm + " seconds", seconds);
            summary.append(String.format(", %s %.3f", norm, h.loss()[4]));
            valSummary.append(String.format(", %s %.3f (min %.3f)", norm, last(h.valLoss()), m.get(norm + " val_loss min")));
        }
        csv.add(chart);
        return ConvLab.finish(c, "fw-norm-compare", chart, csv, summary.append(valSummary).toString(), m);
    }

    private static double last(double[] v) {
        return v[v.length - 1];
    }
}
