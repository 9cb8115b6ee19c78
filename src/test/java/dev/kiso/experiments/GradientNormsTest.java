package dev.kiso.experiments;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A4's "must show" criteria (EXPERIMENTS.md §3 A4), on two seeds. */
class GradientNormsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void sigmoidGaussVanishesAndReluHeDoesNot(long seed) throws IOException {
        ExperimentContext ctx = new ExperimentContext(seed, Profile.QUICK, dir, new PrintStream(OutputStream.nullOutputStream()));
        ExperimentResult r = Experiments.find("vg-gradient-norms").run(ctx);
        // sigmoid-gauss: layer 1's mean gradient at least 100x smaller than the last layer's
        assertThat(r.metric("sigmoid-gauss.layer6")).isGreaterThanOrEqualTo(100 * r.metric("sigmoid-gauss.layer1"));
        // relu-he: the first and last layers within 10x of each other
        assertThat(r.metric("relu-he.lastOverFirst")).isBetween(0.1, 10.0);
        // the ratio metric is what the per-layer values say
        assertThat(r.metric("relu-he.lastOverFirst"))
                .isEqualTo(r.metric("relu-he.layer6") / r.metric("relu-he.layer1"));
    }
}
