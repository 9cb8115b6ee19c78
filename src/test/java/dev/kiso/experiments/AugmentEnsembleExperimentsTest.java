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
}
