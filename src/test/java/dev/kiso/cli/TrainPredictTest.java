package dev.kiso.cli;

import dev.kiso.data.Dataset;
import dev.kiso.data.FashionMnist;
import dev.kiso.data.TrainTest;
import dev.kiso.nn.Sequential;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A short {@code train} run on a subset, then {@code evaluate} and {@code predict} on its model. */
class TrainPredictTest {

    @TempDir
    static Path dir;

    private static CliTesting trained;
    private static Path model;

    @BeforeAll
    static void trainBriefly() {
        trained = CliTesting.run("train", "--model", "mlp", "--train-size", "500", "--epochs", "2",
                "--batch-size", "50", "--out", dir.resolve("run").toString(), "--quiet");
        model = dir.resolve("run/model.safetensors");
    }

    @Test
    void trainWritesTheModelTheHistoryAndTheChart() throws Exception {
        assertThat(trained.exit()).as(trained.err()).isZero();
        assertThat(trained.err()).isEmpty();
        assertThat(trained.out()).contains("Test accuracy").contains("9 Ankle boot").contains("Wrote ");
        List<String> history = Files.readAllLines(dir.resolve("run/history.csv"));
        assertThat(history).hasSize(3);
        assertThat(history.get(0)).startsWith("epoch,loss,accuracy,val_loss,val_accuracy");
        BufferedImage chart = ImageIO.read(dir.resolve("run/learning-curve.png").toFile());
        assertThat(chart.getWidth()).isGreaterThan(500);

        // the printed accuracy is the saved model's accuracy on the test set
        Matcher m = Pattern.compile("Test accuracy (\\d\\.\\d{4})").matcher(trained.out());
        assertThat(m.find()).isTrue();
        double printed = Double.parseDouble(m.group(1));
        Dataset test = FashionMnist.load().test();
        int[] predicted = Sequential.load(model).predictClasses(test.inputs());
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == test.label(i) ? 1 : 0;
        }
        assertThat(printed).isCloseTo((double) correct / predicted.length, within(5e-5));
        assertThat(printed).isGreaterThan(0.5);   // 500 images, 2 epochs: well above chance (0.1)

        CliTesting eval = CliTesting.run("evaluate", model.toString());
        assertThat(eval.exit()).as(eval.err()).isZero();
        assertThat(eval.out()).contains(String.format(Locale.ROOT, "test accuracy %.4f (%d of 10000 images",
                printed, correct));
    }

    /**
     * Writes a [1, 28, 28] image in [0, 1] as a PNG, each pixel repeated scale×scale times: an 8-bit
     * grey PNG (the data set's own form), or an RGB one with the grey value in all three channels.
     */
    private static Path png(Tensor image, String name, int scale, boolean invert, boolean rgb) throws Exception {
        BufferedImage img = new BufferedImage(28 * scale, 28 * scale,
                rgb ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 28 * scale; i++) {
            for (int j = 0; j < 28 * scale; j++) {
                float v = image.get(0, i / scale, j / scale);
                int g = Math.round(255 * (invert ? 1 - v : v));
                if (rgb) {
                    img.setRGB(j, i, g << 16 | g << 8 | g);
                } else {
                    img.getRaster().setSample(j, i, 0, g);
                }
            }
        }
        Path file = dir.resolve(name);
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    @Test
    void predictGivesTheModelsClassForAPngOfATestImage() throws Exception {
        assertThat(trained.exit()).isZero();
        TrainTest data = FashionMnist.load();
        Sequential m = Sequential.load(model);
        for (int k : new int[] {0, 1, 2}) {
            Tensor x = data.test().inputs().slice(0, k, k + 1);
            float[] p = m.predict(x).toArray();
            int best = 0;
            for (int c = 1; c < 10; c++) {
                best = p[c] > p[best] ? c : best;
            }
            String expected = String.format(Locale.ROOT, ": %s (%.1f%%)", FashionMnist.CLASS_NAMES.get(best), 100 * p[best]);

            Path plain = png(x.reshape(1, 28, 28), "test" + k + ".png", 1, false, false);
            Path photo = png(x.reshape(1, 28, 28), "photo" + k + ".png", 3, true, true);  // black on white, 84x84
            CliTesting r = CliTesting.run("predict", model.toString(), plain.toString(), photo.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            String[] lines = r.out().strip().split("\n");
            assertThat(lines).hasSize(2);
            assertThat(lines[0]).startsWith(plain + expected).doesNotContain("inverted");
            assertThat(lines[1]).startsWith(photo + ": " + FashionMnist.CLASS_NAMES.get(best)).contains("[inverted");

            CliTesting raw = CliTesting.run("predict", model.toString(), photo.toString(), "--no-invert", "--top", "1");
            assertThat(raw.out()).doesNotContain("inverted").doesNotContain("then");
        }
    }
}
