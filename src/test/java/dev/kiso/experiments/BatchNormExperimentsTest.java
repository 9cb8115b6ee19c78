package dev.kiso.experiments;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The "must show" criteria of EXPERIMENTS.md §3 C, on the quick profile. */
class BatchNormExperimentsTest {

    @Test
    void batchNormHelpsTheCourseNet() throws IOException {
        ExperimentResult r = QuickRuns.run("bn-course");
        assertThat(r.metric("test_final_relu_bn")).isGreaterThanOrEqualTo(r.metric("test_final_sigmoid_bn"));
        assertThat(r.metric("test_final_sigmoid_bn")).isGreaterThanOrEqualTo(r.metric("test_final_sigmoid_plain"));
    }

    /**
     * Full profile (16 scales, 20 epochs): BN above no-BN in at least 10 panels, and at w = 1 and
     * every w ≤ 1e-3 no-BN ≤ 0.2 while BN ends ≥ 0.5 in at least half of them. The quick profile
     * (4 scales, 10 epochs) is half the training: BN is still on its way up at w = 1 and w = 1e-4
     * (about 0.35), so it checks BN ≥ 0.5 in at least one extreme panel.
     */
    @Test
    void batchNormLearnsAtScalesWhereThePlainNetCannot() throws IOException {
        ExperimentResult r = QuickRuns.run("bn-weight-scale-grid");
        // quick: w = 1.0, 0.0464, 1e-3, 1e-4; the extreme ones are 1.0, 1e-3 and 1e-4
        assertThat(r.metric("panels")).isEqualTo(4.0);
        assertThat(r.metric("extreme_panels")).isEqualTo(3.0);
        assertThat(r.metric("panels_bn_better")).isGreaterThanOrEqualTo(3.0);
        assertThat(r.metric("extreme_plain_max")).isLessThanOrEqualTo(0.2);
        assertThat(r.metric("extreme_bn_final_ge_0.5")).isGreaterThanOrEqualTo(1.0);
    }
}
