package dev.kiso.experiments;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The "must show" criteria of EXPERIMENTS.md §3 B, on the quick profile. B1 is deterministic and
 * checked exactly against the spec's table (computed there from the update rules of §2.3).
 */
class OptimizerExperimentsTest {

    @Test
    void trajectoriesMatchTheUpdateRules() throws IOException {
        ExperimentResult r = QuickRuns.run("opt-trajectory-2d");
        // optimizer, last x, last y, sign changes of y, of x (EXPERIMENTS.md B1)
        Object[][] expected = {
                {"sgd", -0.3872, -0.0942, 29, 0},
                {"momentum", 0.8141, 0.2729, 4, 1},
                {"adagrad", -0.1362, 0.0000, 0, 0},
                {"adam", 0.0201, 0.3220, 2, 1},
                {"rmsprop", -0.7482, 0.0000, 0, 0}};
        for (Object[] e : expected) {
            String k = (String) e[0];
            assertThat(r.metric(k + "_last_x")).as(k + " x").isCloseTo((Double) e[1], within(1e-3));
            assertThat(r.metric(k + "_last_y")).as(k + " y").isCloseTo((Double) e[2], within(1e-3));
            assertThat(r.metric(k + "_y_sign_changes")).as(k + " y flips").isEqualTo((double) (Integer) e[3]);
            assertThat(r.metric(k + "_x_sign_changes")).as(k + " x flips").isEqualTo((double) (Integer) e[4]);
        }
    }

    @Test
    void sgdHasTheHighestLoss() throws IOException {
        ExperimentResult r = QuickRuns.run("opt-compare-loss");
        double sgd = r.metric("loss_end_sgd");
        for (String other : new String[] {"momentum", "adagrad", "adam", "rmsprop"}) {
            assertThat(sgd).as("SGD vs " + other).isGreaterThan(1.2 * r.metric("loss_end_" + other));
        }
        assertThat(r.metric("sgd_over_worst_other")).isGreaterThanOrEqualTo(1.2);
    }

    @Test
    void plainSgdAndMomentumStayStuck() throws IOException {
        assertThat(QuickRuns.run("opt-course-sgd").metric("test_final")).isLessThanOrEqualTo(0.20);
        assertThat(QuickRuns.run("opt-course-momentum").metric("test_final")).isLessThanOrEqualTo(0.25);
        assertThat(QuickRuns.run("opt-course-adagrad").metric("test_final")).as("course-exact AdaGrad").isLessThanOrEqualTo(0.25);
    }

    /** Full profile: final ≥ 0.70. The quick profile's 300 iterations are a third of the way there (measured 0.5 to 0.63). */
    @Test
    void adaptiveOptimizersLearn() throws IOException {
        assertThat(QuickRuns.run("opt-course-adam").metric("test_final")).isGreaterThanOrEqualTo(0.35);
        assertThat(QuickRuns.run("opt-course-rmsprop").metric("test_final")).isGreaterThanOrEqualTo(0.35);
    }

    /** Full profile: final ≥ 0.40 and ≥ 0.20 above plain SGD; the quick profile checks the margin over SGD. */
    @Test
    void batchNormRescuesSgd() throws IOException {
        double sgd = QuickRuns.run("opt-course-sgd").metric("test_final");
        ExperimentResult bn = QuickRuns.run("opt-course-sgd-bn");
        assertThat(bn.metric("test_final")).isGreaterThanOrEqualTo(sgd + 0.20);
        assertThat(bn.metric("test_final_course_exact")).isGreaterThanOrEqualTo(sgd + 0.20);
    }
}
