package dev.kiso.experiments;

import dev.kiso.KisoException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The E experiments' must-show criteria on the quick profile (seed 1, {@link QuickRuns}). */
class AugmentEnsembleExperimentsTest {

    @Test
    void cropsAre28x28AndEveryOffsetOccurs() throws IOException {
        ExperimentResult r = QuickRuns.run("random-crop-gallery");
        assertThat(r.metric("allCrops28x28")).isEqualTo(1.0);
        assertThat(r.metric("topOffsetsSeen")).isEqualTo(5);   // 0..4 inclusive (quirk Q14: not 0..3)
        assertThat(r.metric("leftOffsetsSeen")).isEqualTo(5);
        double total = 0;
        for (int off = 0; off < 5; off++) {
            total += r.metric("top " + off);
            assertThat(r.metric("top " + off)).isBetween(120.0, 280.0);   // uniform: 200 each
        }
        assertThat(total).isEqualTo(1000);
    }

    @Test
    void baggingBeatsItsMembers() throws IOException {
        ExperimentResult r = QuickRuns.run("ensemble-bagging");
        assertThat(r.metric("ensembleSoft")).isGreaterThan(r.metric("meanMember"));
        assertThat(r.metric("ensembleSoft")).isGreaterThanOrEqualTo(r.metric("medianMember"));
        assertThat(r.metric("ensembleSoft")).isGreaterThan(r.metric("ensembleOf1"));
        assertThat(r.metric("ensembleHard")).isGreaterThan(r.metric("meanMember"));
    }

    @Test
    void cropTrainTakesTheRecipeAndTheEpochsAsOptions(@TempDir Path dir)
            throws IOException {
        Experiment e = Experiments.find("random-crop-train");
        ExperimentContext base = new ExperimentContext(1, Profile.QUICK, dir,
                new PrintStream(OutputStream.nullOutputStream()));
        ExperimentResult r = e.run(base.forExperiment(e, Map.of("augment", "crop", "epochs", "1")));
        String csv = Files.readString(dir.resolve("random-crop-train.csv"));
        assertThat(csv).contains("# augment=crop\n", "# epochs=1\n", "# augmentation=pad 2 + random crop 28x28\n");
        assertThat(csv.lines().filter(l -> l.startsWith("augmented test,"))).hasSize(1);
        assertThat(r.metric("augmented test")).isBetween(0.0, 1.0);
        assertThatThrownBy(() -> e.run(base.forExperiment(e, Map.of("augment", "flip"))))
                .isInstanceOf(KisoException.class)
                .hasMessage("experiment random-crop-train: option --augment expects crop or crop+flip, got 'flip'");
    }
}
