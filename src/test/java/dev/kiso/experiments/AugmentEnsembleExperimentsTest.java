package dev.kiso.experiments;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

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
    void cropTrainTakesTheRecipeAndTheEpochsAsOptions(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        Experiment e = Experiments.find("random-crop-train");
        ExperimentContext base = new ExperimentContext(1, Profile.QUICK, dir,
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        ExperimentResult r = e.run(base.forExperiment(e, java.util.Map.of("augment", "crop", "epochs", "1")));
        String csv = java.nio.file.Files.readString(dir.resolve("random-crop-train.csv"));
        assertThat(csv).contains("# augment=crop\n", "# epochs=1\n", "# augmentation=pad 2 + random crop 28x28\n");
        assertThat(csv.lines().filter(l -> l.startsWith("augmented test,"))).hasSize(1);
        assertThat(r.metric("augmented test")).isBetween(0.0, 1.0);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> e.run(base.forExperiment(e, java.util.Map.of("augment", "flip"))))
                .isInstanceOf(dev.kiso.KisoException.class)
                .hasMessage("experiment random-crop-train: option --augment expects crop or crop+flip, got 'flip'");
    }
}
