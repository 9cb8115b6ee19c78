package dev.kiso.experiments;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The F experiments' must-show criteria that the quick budget can show: im2col shapes and coverage,
 * the LeNet-5 and AlexNet shape traces, that a ConvNet's loss falls and its filters gain structure,
 * and the filter-structure measure itself. Accuracy thresholds need the full budget (docs/experiments.md).
 */
class ConvExperimentsTest {

    @Test
    void im2colDemoShapesAndCoverage() throws IOException {
        ExperimentResult r = QuickRuns.run("im2col-demo");
        assertThat(r.metric("rows 2x1x4x4 k3 s1 p0")).isEqualTo(8);    // N * OH * OW = 2 * 2 * 2
        assertThat(r.metric("cols 2x1x4x4 k3 s1 p0")).isEqualTo(9);    // C * 3 * 3
        assertThat(r.metric("rows 2x1x4x4 k2 s2 p1")).isEqualTo(18);   // OH = (4 + 2 - 2) / 2 + 1 = 3
        assertThat(r.metric("cols 2x1x4x4 k2 s2 p1")).isEqualTo(4);
        assertThat(r.metric("rows 3x2x6x6 k4 s2 p0")).isEqualTo(12);   // OH = (6 - 4) / 2 + 1 = 2
        assertThat(r.metric("cols 3x2x6x6 k4 s2 p0")).isEqualTo(32);
        assertThat(r.metric("coverageMatches")).isEqualTo(1.0);
        assertThat(r.metric("roundTripIsXTimesCoverage")).isEqualTo(1.0);
    }

    @Test
    void alexNetShapeTraceFloorsTheOutputSize() throws IOException {
        ExperimentResult r = QuickRuns.run("alexnet-shape-trace");
        assertThat(r.metric("traceMatches 227")).isEqualTo(1.0);
        assertThat(r.metric("traceMatches 224")).isEqualTo(1.0);
    }

    @Test
    void leNet5ShapeTraceIsTheCourseNotes() {
        List<String> trace = ConvLab.shapeTrace(ConvExperiments.lenet5(true), 1, 1, 28, 28);
        assertThat(trace).containsSubsequence("Conv2D → [1, 6, 28, 28]", "MaxPool2D → [1, 6, 14, 14]",
                "Conv2D → [1, 16, 10, 10]", "MaxPool2D → [1, 16, 5, 5]", "Affine → [1, 120]", "Affine → [1, 84]",
                "Affine → [1, 10]");
        assertThat(ConvLab.shapeTrace(ConvExperiments.lenet5(false), 1, 1, 28, 28))
                .containsSubsequence("AvgPool2D → [1, 6, 14, 14]", "Tanh → [1, 120]");
    }

    @Test
    void courseNetworksHaveTheBookShapes() {
        assertThat(ConvLab.shapeTrace(ConvExperiments.doubleConvnet(), 1, 1, 28, 28))
                .containsSubsequence("Conv2D → [1, 10, 24, 24]", "MaxPool2D → [1, 10, 12, 12]",
                        "Conv2D → [1, 20, 12, 12]", "MaxPool2D → [1, 20, 6, 6]", "Flatten → [1, 720]");
        assertThat(ConvLab.shapeTrace(ConvExperiments.deepConvnet(), 1, 1, 28, 28))
                .containsSubsequence("Conv2D → [1, 16, 28, 28]", "MaxPool2D → [1, 16, 14, 14]",
                        "Conv2D → [1, 32, 16, 16]", "MaxPool2D → [1, 32, 8, 8]", "MaxPool2D → [1, 64, 4, 4]",
                        "Flatten → [1, 1024]", "Dropout → [1, 10]");
        for (String norm : new String[] {"none", "batch", "layer", "instance"}) {
            assertThat(ConvLab.shapeTrace(ConvExperiments.normNet(norm), 1, 1, 28, 28)).last().isEqualTo("Affine → [1, 10]");
        }
    }

    @Test
    void neighbourCorrelationIsLowForNoiseAndHighForSmoothFilters() {
        Random rng = new Random(3);
        float[] noise = Tensor.randn(rng, 0, 1, 30, 25).toArray();
        float[] ramps = new float[30 * 25];
        for (int f = 0; f < 30; f++) {
            for (int i = 0; i < 25; i++) {
                ramps[f * 25 + i] = (i / 5 + i % 5) * (f + 1);   // a smooth gradient across the filter
            }
        }
        assertThat(ConvExperiments.neighbourCorrelation(noise)).isLessThan(0.3);
        assertThat(ConvExperiments.neighbourCorrelation(ramps)).isGreaterThan(0.5);
    }

    @Test
    void simpleConvnetLearnsAndItsFiltersGainStructure() throws IOException {
        ExperimentResult r = QuickRuns.run("simple-convnet");
                assertThat(r.metric("finalTest")).isGreaterThan(0.3);    // above chance (0.1) after 30 iterations
        assertThat(r.metric("filterCorrelationAfter")).isGreaterThan(r.metric("filterCorrelationBefore"));
    }

    @Test
    void simpleConvnetBookFormEvaluatesAfterEachEpoch(@TempDir Path dir) throws IOException {
        Experiment e = Experiments.find("simple-convnet");
        ExperimentContext c = new ExperimentContext(1, Profile.QUICK, dir, new PrintStream(OutputStream.nullOutputStream()))
                .forExperiment(e, Map.of("book", "true"));
        ExperimentResult r = e.run(c);
        assertThat(r.metric("epochs")).isEqualTo(2);                 // quick book form: 1000 images, 2 epochs of 10
        assertThat(r.metric("lastTest")).isGreaterThan(0.3);         // above chance (0.1) after 20 iterations
        assertThat(Files.readString(dir.resolve("simple-convnet.csv"))).contains("# book=true\n", "# iterationsPerEpoch=10\n",
                "\ntest,2,");
    }

    @Test
    void epochsWithoutBookIsRefused(@TempDir Path dir) {
        Experiment e = Experiments.find("deep-convnet");
        ExperimentContext c = new ExperimentContext(1, Profile.QUICK, dir, new PrintStream(OutputStream.nullOutputStream()))
                .forExperiment(e, Map.of("epochs", "3"));
        assertThatThrownBy(() -> e.run(c)).isInstanceOf(KisoException.class)
                .hasMessage("experiment deep-convnet: --epochs applies to the book form only; add --book");
    }
}
