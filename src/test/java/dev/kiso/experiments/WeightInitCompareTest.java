package dev.kiso.experiments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A2's quick-profile criteria (EXPERIMENTS.md §3 A2: 500 iterations; std=0.01 ≥ 2.2, He < 1.2). */
class WeightInitCompareTest {

    @TempDir
    Path dir;

    @Test
    void heLearnsFastestAndStdOneHundredthNotAtAll() throws IOException {
        ExperimentContext ctx = new ExperimentContext(1, Profile.QUICK, dir, new PrintStream(OutputStream.nullOutputStream()));
        ExperimentResult r = Experiments.find("weight-init-compare").run(ctx);
        // mean raw loss of the last 100 of 500 iterations
        assertThat(r.metric("std0.01.last100")).isGreaterThanOrEqualTo(2.2);
        assertThat(r.metric("he.last100")).isLessThan(1.2);
        // mean loss over iterations 0-499: He ahead of Xavier
        assertThat(r.metric("he.first500")).isLessThan(r.metric("xavier.first500"));
        assertThat(Files.readString(dir.resolve("weight-init-compare.csv")))
                .contains("# iterations=500", "\"He (HeNormal, √(2/n)) (raw)\",499,");
    }

    @Test
    void theSeriesShareTheirMiniBatchesAndStartAtLnTen() {
        ExperimentContext ctx = new ExperimentContext(1, Profile.QUICK, dir, new PrintStream(OutputStream.nullOutputStream()));
        double[][] loss = InitExperiments.WeightInitCompare.losses(ctx, 2);
        // std=0.01: outputs ≈ 0, so the first loss is ln 10 whatever the batch
        assertThat(loss[0][0]).isBetween(2.29, 2.31);
        // same seed, same losses: the three nets and their batches are reproducible
        assertThat(InitExperiments.WeightInitCompare.losses(ctx, 2)).isDeepEqualTo(loss);
    }
}
