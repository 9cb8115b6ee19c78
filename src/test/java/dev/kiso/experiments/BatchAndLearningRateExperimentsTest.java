package dev.kiso.experiments;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * D11's must-show criteria on the quick profile (3000 training images, 3 epochs, seed 1,
 * {@link QuickRuns}).
 */
class BatchAndLearningRateExperimentsTest {

    @Test
    void smallerBatchesGiveANoisierLoss() throws IOException {
        ExperimentResult r = QuickRuns.run("batch-size-effect");
        assertThat(r.metric("batch_8.noise")).isGreaterThan(r.metric("batch_32.noise"));
        assertThat(r.metric("batch_32.noise")).isGreaterThan(r.metric("batch_128.noise"));
        // Batch 512 has only 6 iterations per epoch here: over 18 iterations the 11-point smoothing
        // cannot separate the falling trend from the noise, so 128 vs 512 is checked only by the
        // full run (docs/experiments.md). It must still have been measured.
        assertThat(r.metric("batch_512.noise")).isPositive();
        for (String b : new String[] {"8", "32", "128", "512"}) {
            assertThat(r.metric("batch_" + b + ".diverged")).isZero();
        }
    }

    @Test
    void theSmallestRateFallsSlowestAndTheLargestOscillatesOrDiverges() throws IOException {
        ExperimentResult r = QuickRuns.run("learning-rate-effect");
        for (String lr : new String[] {"0.01", "0.1"}) {
            assertThat(r.metric("lr_0.001.first_epoch_loss")).isGreaterThan(r.metric("lr_" + lr + ".first_epoch_loss"));
            assertThat(r.metric("lr_0.001.end_loss")).isGreaterThan(r.metric("lr_" + lr + ".end_loss"));
        }
        boolean diverged = r.metric("lr_1.0.diverged") == 1.0;
        boolean oscillates = r.metric("lr_1.0.noise") > 2 * r.metric("lr_0.1.noise")
                && r.metric("lr_1.0.end_loss") > r.metric("lr_0.1.end_loss");
        assertThat(diverged || oscillates).as("lr 1.0 diverges, or its loss is noisier than lr 0.1's and ends higher: %s",
                r.summary()).isTrue();
    }
}
