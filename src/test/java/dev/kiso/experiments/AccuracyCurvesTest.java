package dev.kiso.experiments;

import dev.kiso.KisoException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A3's quick-profile criteria (EXPERIMENTS.md §3 A3: 600 iterations; sigmoid-gauss stays at or
 * below 0.20, relu-he reaches 0.65). Each experiment runs once for the whole class.
 */
class AccuracyCurvesTest {

    private static final Map<String, ExperimentResult> RESULTS = new HashMap<>();
    private static Path dir;

    private static synchronized ExperimentResult result(String id) {
        return RESULTS.computeIfAbsent(id, key -> {
            try {
                if (dir == null) {
                    dir = Files.createTempDirectory("vg-test");
                }
                ExperimentContext ctx = new ExperimentContext(1, Profile.QUICK, dir,
                        new PrintStream(OutputStream.nullOutputStream()));
                return Experiments.find(key).run(ctx);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    @Test
    void sigmoidWithTinyGaussianWeightsDoesNotLearn() {
        ExperimentResult r = result("vg-sigmoid-gauss");
        assertThat(r.metric("final.test")).isLessThanOrEqualTo(0.20);
        assertThat(r.metric("shareOfPointsAtMost0.20")).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void reluWithHeLearns() {
        ExperimentResult r = result("vg-relu-he");
        assertThat(r.metric("final.test")).isGreaterThanOrEqualTo(0.65);
        assertThat(r.metric("final.test")).isGreaterThan(result("vg-sigmoid-gauss").metric("final.test") + 0.4);
    }

    @Test
    void reluHeReaches70PercentEarly() {
        // The comparison with vg-sigmoid-xavier ("He learns faster") needs the full budget, where
        // sigmoid-xavier first reaches 0.70 at iteration ~1300: see docs/experiments.md.
        assertThat(result("vg-relu-he").metric("iterationsTo0.70")).isLessThanOrEqualTo(300);
    }

    @Test
    void writesTheChartAndTheSettings() throws IOException {
        ExperimentResult r = result("vg-relu-he");
        assertThat(r.files()).extracting(p -> p.getFileName().toString()).containsExactly("vg-relu-he.png", "vg-relu-he.csv");
        String csv = Files.readString(r.files().get(1));
        assertThat(csv).contains("# optimizer=SGD lr 0.1", "# iterations=600", "test set,600,", "training set,10,");
        assertThat(r.summary()).contains("final test accuracy");
    }

    @Test
    void hiddenAndIterationsOptionsReachTheNetworkAndTheCsv() throws IOException {
        Path folder = Files.createTempDirectory("vg-options");
        try {
            Experiment e = Experiments.find("vg-relu-he");
            ExperimentContext ctx = new ExperimentContext(1, Profile.QUICK, folder,
                    new PrintStream(OutputStream.nullOutputStream()))
                    .forExperiment(e, Map.of("hidden", "10,6,5", "iterations", "50"));
            ExperimentResult r = e.run(ctx);
            String csv = Files.readString(folder.resolve("vg-relu-he.csv"));
            assertThat(csv).contains("# hidden=10,6,5", "# iterations=50", "# network=784-10-6-5-10 relu");
            assertThat(csv.lines().filter(l -> l.startsWith("test set,"))).hasSize(5); // evaluations at 10, 20, ..., 50
            assertThat(r.metric("final.test")).isBetween(0.0, 1.0);
            assertThatThrownBy(() -> e.run(ctx.forExperiment(e, Map.of("hidden", "10,0"))))
                    .isInstanceOf(KisoException.class).hasMessageContaining("experiment vg-relu-he: --hidden needs sizes >= 1");
            assertThatThrownBy(() -> e.run(ctx.forExperiment(e, Map.of("iterations", "40"))))
                    .hasMessageContaining("--iterations at least 50, got 40,20 and 40");
        } finally {
            try (var files = Files.list(folder)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(folder);
        }
    }
}
