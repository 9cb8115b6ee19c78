package dev.kiso.io;

import dev.kiso.nn.Affine;
import dev.kiso.nn.AvgPool2D;
import dev.kiso.nn.BatchNorm;
import dev.kiso.nn.Conv2D;
import dev.kiso.nn.Dropout;
import dev.kiso.nn.Flatten;
import dev.kiso.nn.GlobalAvgPool2D;
import dev.kiso.nn.LeakyReLU;
import dev.kiso.nn.MaxPool2D;
import dev.kiso.nn.Parameter;
import dev.kiso.nn.ReLU;
import dev.kiso.nn.Residual;
import dev.kiso.nn.Sequential;
import dev.kiso.nn.Sigmoid;
import dev.kiso.nn.SoftmaxCrossEntropy;
import dev.kiso.nn.Tanh;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The interoperability proof: {@code tools/read_kiso_model.py}, an independent reader on numpy
 * alone, checks a Kiso file against the safetensors rules, rebuilds the model from the stored
 * architecture and must reproduce Kiso's outputs. Skipped (with a message) without python3 and
 * numpy; CI installs them.
 */
class PythonReaderTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Path SCRIPT = Path.of("tools/read_kiso_model.py");

    @TempDir
    Path dir;

    @BeforeAll
    static void needsPythonWithNumpy() throws InterruptedException {
        boolean ok;
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import numpy").redirectErrorStream(true).start();
            ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            ok = false;
        }
        assumeTrue(ok, "skipped: " + PYTHON + " with numpy is not available (apt-get install python3-numpy)");
    }

    /** Trains a few SGD steps on random data, so the weights and batch-norm statistics are not their initial values. */
    static void trainBriefly(Sequential model, int[] inputShape) {
        Random rng = new Random(11);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        int[] shape = inputShape.clone();
        shape[0] = 16;
        for (int step = 0; step < 5; step++) {
            Tensor x = Tensor.randn(rng, 0.5f, 1f, shape);
            float[] labels = new float[16];
            for (int i = 0; i < 16; i++) {
                labels[i] = rng.nextInt(3);
            }
            loss.forward(model.forward(x, true), Tensor.of(labels, 16));
            model.backward(loss.backward());
            for (Parameter p : model.parameters()) {
                float[] w = p.value().data();
                float[] g = p.grad().data();
                for (int i = 0; i < w.length; i++) {
                    w[i] -= 0.05f * g[i];
                }
            }
        }
    }

    private static void writeRaw(Path file, Tensor t) throws IOException {
        float[] v = t.toArray();
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        Files.write(file, b.array());
    }

    private record Run(int exit, String output) {
    }

    private Run python(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, SCRIPT.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    /** Saves the model, runs the reader on inputs and Kiso's outputs, and returns the reader's result. */
    private Run compare(Sequential model, Tensor x, Tensor expected) throws IOException, InterruptedException {
        Path file = dir.resolve("model.safetensors");
        model.save(file);
        writeRaw(dir.resolve("x.f32"), x);
        writeRaw(dir.resolve("y.f32"), expected);
        String shape = String.join(",", Arrays.stream(x.shape()).mapToObj(Integer::toString).toList());
        return python(file.toString(), dir.resolve("x.f32").toString(), "--shape", shape,
                "--expect", dir.resolve("y.f32").toString(), "--tolerance", "1e-4");
    }

    private static int[] classes(String output) {
        Matcher m = Pattern.compile("sample \\d+: class (\\d+)").matcher(output);
        List<Integer> found = new ArrayList<>();
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] argmax(Tensor y) {
        int n = y.shape(0);
        int c = y.shape(1);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 1; j < c; j++) {
                if (y.get(i, j) > y.get(i, out[i])) {
                    out[i] = j;
                }
            }
        }
        return out;
    }

    @Test
    void numpyReproducesATrainedModelsPredictions() throws Exception {
        int[] shape = {1, 2, 4, 4};
        Sequential model = new Sequential(new Flatten(), new Affine(32, 20), new BatchNorm(20), new ReLU(),
                new Sequential(new Affine(20, 12), new Tanh(), new Dropout(0.2f)), new Affine(12, 8),
                new LeakyReLU(0.1f), new Affine(8, 3));
        trainBriefly(model, shape);
        Tensor x = Tensor.randn(new Random(5), 0.5f, 1f, 6, 2, 4, 4);
        Tensor y = model.forward(x, false);

        Run run = compare(model, x, y);
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("valid safetensors").contains("MATCH");
        assertThat(classes(run.output())).containsExactly(argmax(y));
    }

    @Test
    void numpyReproducesAConvolutionalModelWithResidualBlocks() throws Exception {
        int[] shape = {1, 1, 12, 12};
        Sequential model = new Sequential(
                new Conv2D(1, 4, 3, 1, 1), new BatchNorm(4), new ReLU(),
                new Residual(new Sequential(new Conv2D(4, 4, 3, 1, 1), new ReLU(), new Conv2D(4, 4, 3, 1, 1))),
                new MaxPool2D(2, 2),
                Residual.projection(new Sequential(Conv2D.builder(4, 6, 3).stride(2).padding(1).bias(false).build(),
                        new ReLU()), 4, 6, 2),
                new AvgPool2D(3, 1, 1),
                Conv2D.builder(6, 5, 3).kernel(3, 2).stride(1, 2).padding(1, 0).build(), new Sigmoid(),
                new GlobalAvgPool2D(), new Affine(5, 3));
        trainBriefly(model, shape);
        Tensor x = Tensor.randn(new Random(8), 0.5f, 1f, 4, 1, 12, 12);
        Tensor y = model.forward(x, false);

        Run run = compare(model, x, y);
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("MATCH");
        assertThat(classes(run.output())).containsExactly(argmax(y));
    }

    @Test
    void theReaderNoticesDifferentOutputsAndBrokenFiles() throws Exception {
        Sequential model = new Sequential(new Affine(4, 3));
        Tensor x = Tensor.randn(new Random(2), 0f, 1f, 3, 4);
        Tensor wrong = model.forward(x, false).add(Tensor.scalar(1e-3f));
        Run run = compare(model, x, wrong);
        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("MISMATCH");

        Path file = dir.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 4));
        Run truncated = python(file.toString());
        assertThat(truncated.exit()).as(truncated.output()).isEqualTo(2);
        assertThat(truncated.output()).contains("past the end of the").contains("truncated");
    }
}
