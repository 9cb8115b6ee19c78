package dev.kiso.plot;

import java.awt.Color;
import java.io.DataInputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * The example charts of docs/charts.md, one method per chart type, on small synthetic (or
 * Fashion-MNIST) data. {@code main} writes them to docs/img/charts-*.png:
 *
 * <pre>
 * mvn -q -o test-compile
 * java -cp target/classes:target/test-classes dev.kiso.plot.ChartGallery docs/img
 * </pre>
 * {@link ChartGalleryTest} renders every example into a temporary directory.
 */
public final class ChartGallery {

    private ChartGallery() {
    }

    /** Writes every example as charts-&lt;name&gt;.png into the directory args[0] (default docs/img). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "docs/img");
        for (Map.Entry<String, Chart> e : all().entrySet()) {
            Path file = dir.resolve("charts-" + e.getKey() + ".png");
            Charts.writePng(e.getValue(), file);
            System.out.println(file + "  " + Files.size(file) / 1024 + " KB");
        }
    }

    /** Every example by name. */
    static Map<String, Chart> all() throws IOException {
        Map<String, Chart> charts = new LinkedHashMap<>();
        charts.put("line", learningCurve());
        charts.put("line-log", lossCurves());
        charts.put("histogram-row", activationHistograms());
        charts.put("grid", weightScaleGrid());
        charts.put("contour", optimizerPaths());
        charts.put("contour-filled", filledContour());
        charts.put("images", cropGallery());
        charts.put("filters", filters());
        charts.put("bar", methodComparison());
        return charts;
    }

    /** Train and test accuracy per epoch, markers every 2 epochs, test dashed. */
    static LineChart learningCurve() {
        Random r = new Random(1);
        int n = 20;
        double[] epochs = new double[n];
        double[] train = new double[n];
        double[] test = new double[n];
        for (int i = 0; i < n; i++) {
            epochs[i] = i;
            train[i] = Math.min(1, 1 - 0.9 * Math.exp(-i / 4.0) + 0.01 * r.nextGaussian());
            test[i] = 0.72 - 0.62 * Math.exp(-i / 3.0) + 0.015 * r.nextGaussian();
        }
        return new LineChart().title("overfit300: train vs. test").xLabel("epochs").yLabel("accuracy").yRange(0, 1)
                .add(Series.of("train", epochs, train).marker(Marker.CIRCLE).markEvery(2))
                .add(Series.of("test", epochs, test).dashed().marker(Marker.SQUARE).markEvery(2));
    }

    /** Four noisy loss curves on a log y axis (2000 iterations), one of them diverging to NaN. */
    static LineChart lossCurves() {
        Random r = new Random(2);
        String[] names = {"SGD", "Momentum", "AdaGrad", "Adam"};
        double[] rates = {0.0008, 0.004, 0.006, 0.005};
        LineChart chart = new LineChart().title("optimizer comparison").xLabel("iterations").yLabel("loss").logY();
        for (int k = 0; k < names.length; k++) {
            float[] loss = new float[2000];
            for (int i = 0; i < loss.length; i++) {
                loss[i] = (float) ((2.3 * Math.exp(-rates[k] * i) + 0.05) * Math.exp(0.1 * r.nextGaussian()));
            }
            chart.add(Series.of(names[k], loss));
        }
        return chart;
    }

    /** The book's sigmoid, std=1 activation histograms: 1000 x 100 inputs through 5 layers. */
    static HistogramRow activationHistograms() {
        Random r = new Random(3);
        double[][] z = new double[1000][100];
        for (double[] row : z) {
            for (int j = 0; j < row.length; j++) {
                row[j] = r.nextGaussian();
            }
        }
        HistogramRow row = new HistogramRow(30, 0, 1).title("sigmoid, W ~ N(0, 1)");
        for (int layer = 1; layer <= 5; layer++) {
            double[][] w = new double[100][100];
            for (double[] wr : w) {
                for (int j = 0; j < wr.length; j++) {
                    wr[j] = r.nextGaussian();
                }
            }
            double[][] next = new double[1000][100];
            double[] flat = new double[1000 * 100];
            for (int i = 0; i < 1000; i++) {
                for (int k = 0; k < 100; k++) {
                    double a = 0;
                    for (int j = 0; j < 100; j++) {
                        a += z[i][j] * w[j][k];
                    }
                    next[i][k] = 1 / (1 + Math.exp(-a));
                    flat[i * 100 + k] = next[i][k];
                }
            }
            z = next;
            row.add(layer + "-layer", flat);
        }
        return row;
    }

    /** A 4x4 grid of small accuracy charts, solid vs. dashed, one legend under the grid. */
    static ChartGrid weightScaleGrid() {
        Random r = new Random(4);
        ChartGrid grid = new ChartGrid(4, 4).title("BatchNorm vs. no BatchNorm over 16 weight scales");
        for (int p = 0; p < 16; p++) {
            double w = Math.pow(10, -4.0 * p / 15);
            double good = Math.exp(-Math.pow(Math.log10(w) + 1.3, 2));
            double[] epochs = new double[20];
            double[] bn = new double[20];
            double[] plain = new double[20];
            for (int e = 0; e < 20; e++) {
                epochs[e] = e;
                bn[e] = 0.1 + 0.85 * (1 - Math.exp(-e / 4.0)) + 0.01 * r.nextGaussian();
                plain[e] = 0.1 + 0.8 * good * (1 - Math.exp(-e / 6.0)) + 0.01 * r.nextGaussian();
            }
            LineChart panel = new LineChart().title("W:" + new BigDecimal(w).round(new MathContext(3)).stripTrailingZeros().toPlainString())
                    .yRange(0, 1).legend(LegendPosition.NONE)
                    .add(Series.of("Batch Normalization", epochs, bn))
                    .add(Series.of("Normal (without BatchNorm)", epochs, plain).dashed());
            grid.add(panel);
            if (p == 0) {
                grid.legendFrom(panel);
            }
        }
        return grid;
    }

    /** Paths of four optimizers on f(x, y) = x²/20 + y² from (-7, 2), 30 steps, in a 2x2 grid. */
    static ChartGrid optimizerPaths() {
        ChartGrid grid = new ChartGrid(2, 2).cellSize(450, 330).title("f(x, y) = x\u00B2/20 + y\u00B2");
        String[] names = {"SGD", "Momentum", "AdaGrad", "Adam"};
        for (int k = 0; k < names.length; k++) {
            double[][] path = trajectory(k);
            grid.add(new ContourChart((x, y) -> x * x / 20 + y * y).title(names[k])
                    .levels(0.25, 0.75, 1.5, 2.5, 4, 6).xRange(-10, 10).yRange(-10, 10).xLabel("x").yLabel("y")
                    .add(Series.of("", path[0], path[1]).color(Palette.color(3)).marker(Marker.CIRCLE))
                    .add(Series.of("", new double[] {0}, new double[] {0}).style(LineStyle.NONE)
                            .marker(Marker.PLUS).color(Color.BLACK)));
        }
        return grid;
    }

    /** RMSProp's path on filled contour bands, with a legend. */
    static ContourChart filledContour() {
        double[][] path = trajectory(4);
        return new ContourChart((x, y) -> x * x / 20 + y * y).filled(true).levels(0.25, 0.75, 1.5, 2.5, 4, 6, 9)
                .xRange(-10, 10).yRange(-5, 5).title("RMSProp").xLabel("x").yLabel("y")
                .add(Series.of("RMSProp lr 0.1", path[0], path[1]).color(Palette.color(3)).marker(Marker.CIRCLE))
                .add(Series.of("minimum", new double[] {0}, new double[] {0}).style(LineStyle.NONE)
                        .marker(Marker.PLUS).color(Color.BLACK));
    }

    /**
     * The 30 positions before each update (the update rules of EXPERIMENTS.md §2.3; k: 0 SGD,
     * 1 Momentum, 2 AdaGrad, 3 Adam, 4 RMSProp).
     */
    static double[][] trajectory(int k) {
        double[] p = {-7, 2};
        double[] v = new double[2];
        double[] h = new double[2];
        double[][] out = new double[2][30];
        for (int t = 1; t <= 30; t++) {
            out[0][t - 1] = p[0];
            out[1][t - 1] = p[1];
            double[] grad = {p[0] / 10, 2 * p[1]};
            for (int i = 0; i < 2; i++) {
                switch (k) {
                    case 0 -> p[i] -= 0.95 * grad[i];
                    case 1 -> {
                        v[i] = 0.9 * v[i] - 0.1 * grad[i];
                        p[i] += v[i];
                    }
                    case 2 -> {
                        h[i] += grad[i] * grad[i];
                        p[i] -= 1.5 * grad[i] / (Math.sqrt(h[i]) + 1e-7);
                    }
                    case 4 -> {
                        h[i] = 0.99 * h[i] + 0.01 * grad[i] * grad[i];
                        p[i] -= 0.1 * grad[i] / (Math.sqrt(h[i]) + 1e-7);
                    }
                    default -> {
                        double lrT = 0.3 * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
                        v[i] += (1 - 0.9) * (grad[i] - v[i]);
                        h[i] += (1 - 0.999) * (grad[i] * grad[i] - h[i]);
                        p[i] -= lrT * v[i] / (Math.sqrt(h[i]) + 1e-7);
                    }
                }
            }
        }
        return out;
    }

    /** A Fashion-MNIST test image padded by 2 and eight random 28x28 crops, in a 3x3 grid. */
    static ImageGrid cropGallery() throws IOException {
        float[] image = fashionMnistTestImage(0);
        float[] padded = new float[32 * 32];
        for (int y = 0; y < 28; y++) {
            System.arraycopy(image, y * 28, padded, (y + 2) * 32 + 2, 28);
        }
        ImageGrid grid = new ImageGrid(3).title("random crops (pad 2)").add(image, 28, 28, "original");
        Random r = new Random(5);
        for (int c = 0; c < 8; c++) {
            int top = r.nextInt(5);
            int left = r.nextInt(5);
            float[] crop = new float[28 * 28];
            for (int y = 0; y < 28; y++) {
                System.arraycopy(padded, (top + y) * 32 + left, crop, y * 28, 28);
            }
            grid.add(crop, 28, 28, "top " + top + ", left " + left);
        }
        return grid;
    }

    /** 30 synthetic 5x5 filters (oriented edges plus noise) as one conv weight array, 8 per row. */
    static ImageGrid filters() {
        Random r = new Random(6);
        float[] weight = new float[30 * 25];
        for (int f = 0; f < 30; f++) {
            double angle = Math.PI * f / 30;
            for (int y = 0; y < 5; y++) {
                for (int x = 0; x < 5; x++) {
                    double d = (x - 2) * Math.cos(angle) + (y - 2) * Math.sin(angle);
                    weight[f * 25 + y * 5 + x] = (float) (0.05 * Math.tanh(d) + 0.01 * r.nextGaussian());
                }
            }
        }
        ImageGrid grid = new ImageGrid(8).normalizeEach().inverted().title("conv1 filters (30 x 5x5)");
        for (int f = 0; f < 30; f++) {
            grid.add(weight, f * 25, 5, 5, Integer.toString(f + 1));
        }
        return grid;
    }

    /** Train and test accuracy per regularisation method. */
    static BarChart methodComparison() {
        return new BarChart("none", "L1", "L2", "ElasticNet", "Dropout").title("overfit300 after 201 epochs")
                .yLabel("accuracy").yRange(0, 1.1)
                .add("train", 1.0, 0.97, 0.91, 0.93, 0.88)
                .add("test", 0.683, 0.69, 0.712, 0.708, 0.705);
    }

    /** Image i of the bundled Fashion-MNIST test set, pixels / 255. */
    static float[] fashionMnistTestImage(int i) throws IOException {
        Path file = Path.of("data/fashion-mnist/t10k-images-idx3-ubyte.gz");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file));
             DataInputStream data = new DataInputStream(in)) {
            data.readInt(); // magic 2051
            data.readInt(); // count
            data.readInt(); // rows
            data.readInt(); // columns
            data.skipNBytes(784L * i);
            byte[] bytes = data.readNBytes(784);
            float[] pixels = new float[784];
            for (int k = 0; k < 784; k++) {
                pixels[k] = (bytes[k] & 0xFF) / 255f;
            }
            return pixels;
        }
    }
}
