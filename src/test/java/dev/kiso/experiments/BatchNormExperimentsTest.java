package dev.kiso.experiments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The "must show" criteria of EXPERIMENTS.md §3 C, on the quick profile. */
class BatchNormExperimentsTest {

    @TempDir
    Path out;

    private ExperimentResult run(String id) throws IOException {
        ExperimentContext context = new ExperimentContext(1, Profile.QUICK, out, new PrintStream(OutputStream.nullOutputStream()));
        ExperimentResult result = Experiments.find(id).run(context);
        assertThat(out.resolve(id + ".png")).isNotEmptyFile();
        assertThat(out.resolve(id + ".csv")).isNotEmptyFile();
        return result;
    }

    @Test
    void batchNormHelpsTheCourseNet() throws IOException {
        ExperimentResult r = run("bn-course");
        assertThat(r.metric("test_final_relu_bn")).isGreaterThanOrEqualTo(r.metric("test_final_sigmoid_bn"));
        assertThat(r.metric("test_final_sigmoid_bn")).isGreaterThanOrEqualTo(r.metric("test_final_sigmoid_plain"));
    }

    @Test
    void batchNormLearnsAtScalesWherethePlainNetCannot() throws IOException {
        ExperimentResult r = run("bn-weight-scale-grid");
        // quick: w = 1.0, 0.0464, 1e-3, 1e-4; the extreme ones are 1.0, 1e-3 and 1e-4
        assertThat(r.metric("panels")).isEqualTo(4.0);
        assertThat(r.metric("extreme_panels")).isEqualTo(3.0);
        assertThat(r.metric("panels_bn_better")).isGreaterThanOrEqualTo(3.0);
        assertThat(r.metric("extreme_plain_max")).isLessThanOrEqualTo(0.2);
        assertThat(r.metric("extreme_bn_final_ge_0.5")).isGreaterThanOrEqualTo(2.0);
    }
}
