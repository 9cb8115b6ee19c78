package dev.kiso.experiments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The E experiments' must-show criteria on the quick profile. */
class AugmentEnsembleExperimentsTest {

    @TempDir
    Path out;

    private ExperimentResult run(String id) throws IOException {
        ExperimentContext c = new ExperimentContext(2, Profile.QUICK, out, new PrintStream(OutputStream.nullOutputStream()));
        ExperimentResult r = Experiments.find(id).run(c);
        assertThat(out.resolve(id + ".png")).exists();
        assertThat(out.resolve(id + ".csv")).exists();
        return r;
    }

    @Test
    void cropsAre28x28AndEveryOffsetOccurs() throws IOException {
        ExperimentResult r = run("random-crop-gallery");
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
        ExperimentResult r = run("ensemble-bagging");
        assertThat(r.metric("ensembleSoft")).isGreaterThan(r.metric("meanMember"));
        assertThat(r.metric("ensembleSoft")).isGreaterThanOrEqualTo(r.metric("medianMember"));
        assertThat(r.metric("ensembleSoft")).isGreaterThan(r.metric("ensembleOf1"));
        assertThat(r.metric("ensembleHard")).isGreaterThan(r.metric("meanMember"));
    }
}
